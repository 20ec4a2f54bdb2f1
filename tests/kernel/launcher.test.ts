// npm start / npm run kernel:install: the kernelspec lives in the project, never in $HOME.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findJupyter, installKernelSpec, jupyterEnv, jupyterPathDir, kernelSpec } from "../../kernel/main";

const root = path.resolve(__dirname, "..", "..");
const bin = path.join(root, "kernel", "bin", "nnbook-kernel.js");

describe("kernelspec", () => {
  it("runs this Node on kernel/bin/nnbook-kernel.js with the connection file, interrupted by SIGINT", () => {
    expect(kernelSpec()).toEqual({
      argv: [process.execPath, bin, "kernel", "--connection-file", "{connection_file}"],
      display_name: "TypeScript (nnbook)",
      language: "typescript",
      interrupt_mode: "signal",
      metadata: { debugger: false },
    });
  });

  it("is written under the given data dir as kernels/nnbook/kernel.json", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-spec-"));
    const specDir = installKernelSpec(dir);
    expect(specDir).toBe(path.join(dir, "kernels", "nnbook"));
    expect(JSON.parse(fs.readFileSync(path.join(specDir, "kernel.json"), "utf8"))).toEqual(kernelSpec());
  });

  it("is found through JUPYTER_PATH, ahead of the user's own entries; runtime files stay in the project", () => {
    const env = jupyterEnv({ JUPYTER_PATH: "/elsewhere", HOME: "/home/x" });
    expect(env.JUPYTER_PATH).toBe(`${jupyterPathDir}${path.delimiter}/elsewhere`);
    expect(env.JUPYTER_RUNTIME_DIR).toBe(path.join(jupyterPathDir, "runtime"));
    expect(jupyterPathDir).toBe(path.join(root, "kernel", "jupyter"));
  });
});

describe("launcher commands", () => {
  it("kernel:install writes the spec inside the project and says how to use it", () => {
    const r = spawnSync(process.execPath, [bin, "install"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Registered the "nnbook" kernel (TypeScript, nnbook) in ${path.join(jupyterPathDir, "kernels", "nnbook")}`);
    expect(r.stdout).toContain(`JUPYTER_PATH=${jupyterPathDir} jupyter kernelspec list`);
  });

  it("install --prefix puts it in PREFIX/share/jupyter/kernels (a virtualenv, say)", () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-prefix-"));
    const r = spawnSync(process.execPath, [bin, "install", "--prefix", prefix], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(prefix, "share", "jupyter", "kernels", "nnbook", "kernel.json"))).toBe(true);
  });

  it("start without any Jupyter on PATH explains how to get one and exits 1", () => {
    const env = { PATH: path.dirname(process.execPath) === "/usr/bin" ? "/nonexistent" : path.dirname(process.execPath), HOME: os.tmpdir() };
    expect(findJupyter(env)).toBeNull();
    const r = spawnSync(process.execPath, [bin, "start"], { encoding: "utf8", env });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("No Jupyter found on PATH");
    expect(r.stderr).toContain("python3 -m pip install jupyterlab");
    expect(r.stderr).toContain("sudo apt-get install jupyter-notebook");
  });
});
