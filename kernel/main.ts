// Command line of kernel/bin/nnbook-kernel.js:
//   kernel --connection-file FILE   run the kernel (Jupyter calls this, from kernel.json)
//   install [--prefix DIR]           write the kernelspec inside the project (or under DIR)
//   start [jupyter args...]          install, then open JupyterLab (or the classic Notebook)
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
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

/** The environment under which Jupyter finds our kernelspec first. */
/**
 * The environment under which Jupyter finds our kernelspec first, and keeps its runtime files
 * (connection files, cookie secret) inside the project rather than in the user's home.
 */
export function jupyterEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const rest = env.JUPYTER_PATH ? path.delimiter + env.JUPYTER_PATH : "";
  return { ...env, JUPYTER_PATH: jupyterPathDir + rest, JUPYTER_RUNTIME_DIR: env.JUPYTER_RUNTIME_DIR ?? path.join(jupyterPathDir, "runtime") };
}

const HOW_TO_GET_JUPYTER = `No Jupyter found on PATH (looked for jupyter-lab, then jupyter-notebook).
Install one, then run \`npm start\` again:
  - JupyterLab with pip:     python3 -m pip install jupyterlab      (in a virtualenv, or add --user)
  - Debian/Ubuntu packages:  sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client
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
      const jupyter = findJupyter(env);
      if (!jupyter) {
        console.error(HOW_TO_GET_JUPYTER);
        process.exitCode = 1;
        return;
      }
      // Token authentication is Jupyter's default; the URL with the token is printed below.
      const jargs = [...jupyter.command.slice(1), "--ip=127.0.0.1", `--notebook-dir=${notebooksDir}`];
      // Jupyter refuses to run as root without this (containers, CI machines).
      if (process.getuid?.() === 0 && !rest.includes("--allow-root")) jargs.push("--allow-root");
      jargs.push(...rest);
      console.log(`Starting ${jupyter.name}: ${jupyter.command[0]} ${jargs.join(" ")}`);
      const child = spawn(jupyter.command[0], jargs, { env, stdio: "inherit", cwd: notebooksDir });
      const forward = (sig: NodeJS.Signals) => child.kill(sig);
      process.on("SIGINT", forward);
      process.on("SIGTERM", forward);
      await new Promise<void>((resolve) =>
        child.on("exit", (code) => {
          process.exitCode = code ?? 0;
          resolve();
        }),
      );
      return;
    }
    default:
      console.error("usage: nnbook-kernel.js kernel --connection-file FILE | install [--prefix DIR] | start [jupyter args...]");
      process.exitCode = 2;
  }
}
