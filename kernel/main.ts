// Command line of kernel/bin/nnbook-kernel.js:
//   kernel --connection-file FILE   run the kernel (Jupyter calls this, from kernel.json)
//   install [--prefix DIR]           write the kernelspec inside the project (or under DIR)
//   start [jupyter args...]          install, then open JupyterLab (or the classic Notebook): kernel/lab.ts
//   build-lab                        install and build nnbook's own JupyterLab (jupyterlab-app/) if needed
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { chooseFrontend, ensureLabApp, HOW_TO_GET_LAB_SERVER, quietUserLab, startServer } from "./lab";
import { projectRoot } from "./tslab";

export const KERNEL_NAME = "nnbook";
/** JUPYTER_PATH entry holding our kernelspec (kernels/nnbook/kernel.json); not committed. */
export const jupyterPathDir = path.join(projectRoot, "kernel", "jupyter");
export const notebooksDir = path.join(projectRoot, "notebooks");

export function kernelSpec(): Record<string, unknown> {
  return {
    argv: [process.execPath, path.join(projectRoot, "kernel", "bin", "nnbook-kernel.js"), "kernel", "--connection-file", "{connection_file}"],
    display_name: "TypeScript (nnbook)",
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { debugger: false },
  };
}

/** Writes kernels/nnbook/kernel.json under `dataDir` and returns the folder. */
export function installKernelSpec(dataDir = jupyterPathDir): string {
  const dir = path.join(dataDir, "kernels", KERNEL_NAME);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n");
  return dir;
}

/**
 * The environment under which Jupyter finds our kernelspec first and keeps all its state inside the
 * project (kernel/jupyter/, git-ignored), not in the user's home: config and user settings
 * (JUPYTER_CONFIG_DIR), data such as notebook signatures (JUPYTER_DATA_DIR), runtime files such as
 * connection files and the cookie secret (JUPYTER_RUNTIME_DIR). Values already set are kept.
 */
export function jupyterEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const rest = env.JUPYTER_PATH ? path.delimiter + env.JUPYTER_PATH : "";
  return {
    ...env,
    JUPYTER_PATH: jupyterPathDir + rest,
    JUPYTER_RUNTIME_DIR: env.JUPYTER_RUNTIME_DIR ?? path.join(jupyterPathDir, "runtime"),
    JUPYTER_CONFIG_DIR: env.JUPYTER_CONFIG_DIR ?? path.join(jupyterPathDir, "config"),
    JUPYTER_DATA_DIR: env.JUPYTER_DATA_DIR ?? path.join(jupyterPathDir, "data"),
  };
}

const HOW_TO_GET_JUPYTER = `No Jupyter found on PATH (looked for jupyter-lab, a Python with jupyterlab_server for
nnbook's own JupyterLab, then jupyter-notebook). Install one, then run \`npm start\` again:
${HOW_TO_GET_LAB_SERVER}
  - the classic Notebook only (Debian):  sudo apt-get install jupyter-notebook
The kernel is registered already; \`npm run kernel:install\` prints how to use it from any Jupyter.`;

/** The first Jupyter front end that answers `--version`: JupyterLab, else the classic Notebook. */
export function findJupyter(env: NodeJS.ProcessEnv = process.env): { name: string; command: string[] } | null {
  const candidates: { name: string; command: string[] }[] = [
    { name: "JupyterLab", command: ["jupyter-lab"] },
    { name: "JupyterLab", command: ["jupyter", "lab"] },
    { name: "Jupyter Notebook", command: ["jupyter-notebook"] },
    { name: "Jupyter Notebook", command: ["jupyter", "notebook"] },
  ];
  for (const c of candidates) {
    const r = spawnSync(c.command[0], [...c.command.slice(1), "--version"], { env, encoding: "utf8", timeout: 30_000 });
    if (r.status === 0) return c;
  }
  return null;
}

function parseFlag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(name + "="));
  if (i < 0) return undefined;
  return args[i].includes("=") ? args[i].slice(name.length + 1) : args[i + 1];
}

export async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case "kernel": {
      const file = parseFlag(rest, "--connection-file") ?? parseFlag(rest, "-f");
      if (!file) throw new Error("kernel: --connection-file FILE is required");
      const { serve } = await import("./server");
      await serve(file);
      return;
    }
    case "install": {
      const prefix = parseFlag(rest, "--prefix");
      const dataDir = prefix ? path.join(path.resolve(prefix), "share", "jupyter") : jupyterPathDir;
      const dir = installKernelSpec(dataDir);
      console.log(`Registered the "${KERNEL_NAME}" kernel (TypeScript, nnbook) in ${dir}`);
      if (!prefix) {
        console.log(`Jupyter finds it when started with JUPYTER_PATH=${jupyterPathDir} (npm start does this), e.g.`);
        console.log(`  JUPYTER_PATH=${jupyterPathDir} jupyter kernelspec list`);
      }
      return;
    }
    case "start": {
      const dir = installKernelSpec();
      console.log(`Registered the "${KERNEL_NAME}" kernel in ${dir}`);
      const env = jupyterEnv();
      const frontend = chooseFrontend(env);
      if (!frontend) {
        console.error(HOW_TO_GET_JUPYTER);
        process.exitCode = 1;
        return;
      }
      if (frontend.kind === "user-lab") quietUserLab(env.JUPYTER_CONFIG_DIR!);
      if (frontend.kind === "nnbook-lab") {
        console.log(`No JupyterLab on PATH: using nnbook's own JupyterLab 3.6.8 (jupyterlab-app/) on ${frontend.versions}.`);
        ensureLabApp();
      }
      if (frontend.kind === "notebook" && !env.NNBOOK_FRONTEND) {
        console.log(`No JupyterLab found; opening the classic Notebook. For JupyterLab:\n${HOW_TO_GET_LAB_SERVER}`);
      }
      process.exitCode = await startServer({ frontend, args: rest, env, notebooksDir, logFile: path.join(jupyterPathDir, "logs", "server.log") });
      return;
    }
    case "build-lab": {
      // Installs and builds nnbook's JupyterLab now (npm start does it when needed); CI runs this.
      const did = ensureLabApp();
      const steps = [did.installSeconds !== undefined && `npm ci ${did.installSeconds.toFixed(0)} s`, did.buildSeconds !== undefined && `webpack ${did.buildSeconds.toFixed(0)} s`].filter(Boolean);
      console.log(steps.length ? `nnbook's JupyterLab is ready in jupyterlab-app/build (${steps.join(", ")}).` : "nnbook's JupyterLab is up to date (jupyterlab-app/build).");
      return;
    }
    default:
      console.error("usage: nnbook-kernel.js kernel --connection-file FILE | install [--prefix DIR] | start [jupyter args...] | build-lab");
      process.exitCode = 2;
  }
}
