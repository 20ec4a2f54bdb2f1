// npm start's JupyterLab launcher (kernel/lab.ts): front-end choice, ports, options, failure hints,
// and the app's pins. The real server in a real browser is tests/e2e/jupyterlab.test.ts.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { choosePort, chooseFrontend, diagnose, labAppDir, pythonCandidates, takeOption } from "../../kernel/lab";
import { jupyterEnv, jupyterPathDir } from "../../kernel/main";

describe("nnbook's JupyterLab app", () => {
  it("pins every @jupyterlab package to exactly one version of the 3.6.8 line in its lockfile", () => {
    const lock = JSON.parse(readFileSync(path.join(labAppDir, "package-lock.json"), "utf8")).packages as Record<string, { version: string }>;
    const versions = new Map<string, Set<string>>();
    for (const [where, p] of Object.entries(lock)) {
      const name = /node_modules\/(@jupyterlab\/[^/]+)$/.exec(where)?.[1];
      if (name) versions.set(name, (versions.get(name) ?? new Set()).add(p.version));
    }
    expect(versions.size).toBeGreaterThan(40);
    for (const [name, v] of versions) {
      expect([...v], name).toHaveLength(1);
      expect([...v][0], name).toMatch(/^(3|4|5|6)\.6\.8$/);
    }
    const pkg = JSON.parse(readFileSync(path.join(labAppDir, "package.json"), "utf8"));
    for (const v of Object.values({ ...pkg.dependencies, ...pkg.devDependencies })) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("launcher", () => {
  it("keeps every Jupyter state folder inside the project", () => {
    const env = jupyterEnv({ HOME: "/home/x" });
    for (const key of ["JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"]) expect(env[key]!.startsWith(jupyterPathDir + path.sep)).toBe(true);
    expect(env.JUPYTER_PATH).toBe(jupyterPathDir);
  });

  it("finds no front end without Jupyter on PATH, and rejects an unknown NNBOOK_FRONTEND", () => {
    expect(chooseFrontend({ PATH: "/nonexistent" })).toBeNull();
    expect(() => chooseFrontend({ PATH: "/nonexistent", NNBOOK_FRONTEND: "voila" })).toThrow(/expected lab, nnbook-lab or notebook/);
    expect(pythonCandidates({ PATH: "/nonexistent", NNBOOK_PYTHON: "/opt/py/bin/python3" })).toEqual(["/opt/py/bin/python3", "python3"]);
  });

  it("takes port and folder options out of Jupyter's arguments, in every spelling", () => {
    const args = ["--no-browser", "--port", "9000", "--ServerApp.port=9001", "--allow-root"];
    expect(takeOption(args, ["--port", "--ServerApp.port"])).toBe("9001");
    expect(args).toEqual(["--no-browser", "--allow-root"]);
  });

  it("moves off a port in use", async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", () => r()));
    const port = (busy.address() as { port: number }).port;
    try {
      const chosen = await choosePort(port);
      expect(chosen).not.toBe(port);
    } finally {
      busy.close();
    }
  });

  it("turns a server's last log lines into a fix", () => {
    expect(diagnose("ModuleNotFoundError: No module named 'jupyterlab_server'", 8888)[0])
      .toBe("Python module jupyterlab_server is missing: sudo apt-get install python3-jupyterlab-server   (or: python3 -m pip install jupyterlab-server)");
    expect(diagnose("OSError: [Errno 98] Address already in use", 8890)[0]).toContain("Port 8890 was taken");
    expect(diagnose("[C ServerApp] Running as root is not recommended. Use --allow-root to bypass.", 8888)[0]).toContain("--allow-root");
    expect(diagnose("something else", 8888)[0]).toContain("sudo apt-get install jupyter-server python3-jupyterlab-server libjs-mathjax");
  });
});
