// `npm start`'s Jupyter: which front end to run, nnbook's own JupyterLab (built once from
// jupyterlab-app/), and a server watched until it answers.
//
// Front ends, in order: the user's JupyterLab (`jupyter-lab` on PATH); else nnbook's JupyterLab
// 3.6.8, built from jupyterlab-app/ with npm and served by Python's jupyterlab_server +
// jupyter_server (Debian: python3-jupyterlab-server); else the classic Notebook. NNBOOK_FRONTEND
// (`lab`, `nnbook-lab`, `notebook`) picks one. Every server runs on 127.0.0.1 with a token, its
// Jupyter state kept inside the project (see jupyterEnv in main.ts).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { createServer } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { projectRoot } from "./tslab";

/** nnbook's JupyterLab app: package.json, committed lockfile, index.js, server.py. */
export const labAppDir = path.join(projectRoot, "jupyterlab-app");
export const labBuildDir = path.join(labAppDir, "build");

/** What to install for nnbook's JupyterLab, and for JupyterLab itself. */
export const HOW_TO_GET_LAB_SERVER = `  - Debian/Ubuntu:  sudo apt-get install jupyter-server python3-jupyterlab-server libjs-mathjax
                     (npm start then builds nnbook's own JupyterLab on them, once)
  - pip:            python3 -m pip install jupyterlab      (JupyterLab itself; in a virtualenv, or add --user)`;

export type Frontend =
  | { kind: "user-lab"; name: string; command: string[] }
  | { kind: "nnbook-lab"; name: string; command: string[]; python: string; versions: string }
  | { kind: "notebook"; name: string; command: string[] };

function answers(command: string[], env: NodeJS.ProcessEnv): string | null {
  const r = spawnSync(command[0], command.slice(1), { env, encoding: "utf8", timeout: 30_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** An executable's path through PATH, or null. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch { /* not here */ }
  }
  return null;
}

/**
 * Pythons that may hold jupyter_server: NNBOOK_PYTHON, the interpreters of the `jupyter-server`
 * and `jupyter` scripts on PATH (Debian's are /usr/bin/python3 even where `python3` is another
 * Python, pyenv's say), then `python3` on PATH.
 */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (env.NNBOOK_PYTHON) out.push(env.NNBOOK_PYTHON);
  for (const script of ["jupyter-server", "jupyter"]) {
    const p = which(script, env);
    if (!p) continue;
    const first = fs.readFileSync(p, "utf8").slice(0, 200).split("\n")[0];
    const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
    if (m) out.push(m[1].endsWith("/env") && m[2] ? m[2] : m[1]);
  }
  out.push("python3");
  return [...new Set(out)];
}

/** A Python with jupyter_server and jupyterlab_server 2.x, with their versions, or null. */
export function findLabServerPython(env: NodeJS.ProcessEnv = process.env): { python: string; versions: string } | null {
  const probe = "import jupyter_server, jupyterlab_server; print('jupyter_server', jupyter_server.__version__, 'jupyterlab_server', jupyterlab_server.__version__)";
  for (const python of pythonCandidates(env)) {
    const out = answers([python, "-c", probe], env);
    if (out && /jupyterlab_server 2\./.test(out)) return { python, versions: out };
  }
  return null;
}

/** The user's own JupyterLab, or the classic Notebook (as `npm start` always looked for them). */
function userJupyter(names: ("lab" | "notebook")[], env: NodeJS.ProcessEnv): Frontend | null {
  for (const n of names) {
    const cands = n === "lab" ? [["jupyter-lab"], ["jupyter", "lab"]] : [["jupyter-notebook"], ["jupyter", "notebook"]];
    for (const command of cands) {
      if (answers([...command, "--version"], env) === null) continue;
      return n === "lab" ? { kind: "user-lab", name: "your JupyterLab", command } : { kind: "notebook", name: "the classic Jupyter Notebook", command };
    }
  }
  return null;
}

/** Picks the front end (see the top of this file); null when there is none. */
export function chooseFrontend(env: NodeJS.ProcessEnv = process.env): Frontend | null {
  const want = env.NNBOOK_FRONTEND ?? "";
  const ours = (): Frontend | null => {
    const py = findLabServerPython(env);
    return py && { kind: "nnbook-lab", name: "nnbook's JupyterLab 3.6.8", command: [py.python, path.join(labAppDir, "server.py")], ...py };
  };
  if (want === "nnbook-lab") return ours();
  if (want === "notebook") return userJupyter(["notebook"], env);
  if (want && want !== "lab") throw new Error(`NNBOOK_FRONTEND=${want}: expected lab, nnbook-lab or notebook`);
  return userJupyter(["lab"], env) ?? ours() ?? userJupyter(["notebook"], env);
}

// ---- building nnbook's JupyterLab ----------------------------------------------------------

function sha256(files: string[]): string {
  const h = createHash("sha256");
  for (const f of files) h.update(f).update("\0").update(fs.readFileSync(path.join(labAppDir, f))).update("\0");
  return h.digest("hex");
}
const installStamp = () => path.join(labAppDir, "node_modules", ".nnbook-lockfile-sha256");
const buildStamp = () => path.join(labBuildDir, ".nnbook-build-sha256");
/** The build's inputs: the lockfile (every package version) and the app's own sources. */
export const labBuildInputs = ["package-lock.json", "index.js", "webpack.config.js"];

function readStamp(file: string): string | null {
  try { return fs.readFileSync(file, "utf8").trim(); } catch { return null; }
}

/** Whether `npm ci` / webpack would run: both are skipped while their inputs are unchanged. */
export function labAppState(): { installed: boolean; built: boolean } {
  const installed = readStamp(installStamp()) === sha256(["package-lock.json"]);
  const built = installed && readStamp(buildStamp()) === sha256(labBuildInputs) && fs.existsSync(path.join(labBuildDir, "bundle.js"));
  return { installed, built };
}

function run(command: string, args: string[], what: string): void {
  const r = spawnSync(command, args, { cwd: labAppDir, stdio: "inherit", env: { ...process.env, NODE_ENV: undefined } });
  if (r.status !== 0) throw new Error(`${what} failed (${r.error?.message ?? `exit code ${r.status}`}): ${command} ${args.join(" ")} in ${labAppDir}`);
}

/**
 * Installs (npm ci, from the committed lockfile, into jupyterlab-app/node_modules) and builds
 * (webpack, into jupyterlab-app/build) nnbook's JupyterLab when their inputs changed since the last
 * time. Returns what it did, with the seconds each step took.
 */
export function ensureLabApp(log: (line: string) => void = console.log): { installSeconds?: number; buildSeconds?: number } {
  const did: { installSeconds?: number; buildSeconds?: number } = {};
  const state = labAppState();
  if (!state.installed) {
    log("Installing nnbook's JupyterLab 3.6.8 into jupyterlab-app/node_modules (npm ci: about 480 packages, 200 MB; once, until its lockfile changes)...");
    const t0 = Date.now();
    const npm = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)
      ? [process.execPath, process.env.npm_execpath] : ["npm"];
    fs.rmSync(installStamp(), { force: true });
    run(npm[0], [...npm.slice(1), "ci", "--no-audit", "--no-fund"], "npm ci");
    fs.writeFileSync(installStamp(), sha256(["package-lock.json"]) + "\n");
    did.installSeconds = (Date.now() - t0) / 1000;
  }
  if (!state.built) {
    log("Building nnbook's JupyterLab into jupyterlab-app/build (webpack; about a minute, once)...");
    const t0 = Date.now();
    fs.rmSync(labBuildDir, { recursive: true, force: true });
    run(process.execPath, [path.join(labAppDir, "node_modules", "webpack-cli", "bin", "cli.js"), "--config", "webpack.config.js"], "Building JupyterLab");
    fs.writeFileSync(buildStamp(), sha256(labBuildInputs) + "\n");
    did.buildSeconds = (Date.now() - t0) / 1000;
    log(`Built nnbook's JupyterLab in ${did.buildSeconds.toFixed(0)} s.`);
  }
  return did;
}

// ---- ports, tokens, arguments --------------------------------------------------------------

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

/** `wanted` if it is free on 127.0.0.1, else the next free one after it (up to 50 tries), else any. */
export async function choosePort(wanted: number): Promise<number> {
  for (let p = wanted; p < wanted + 50 && p < 65536; p++) if (await portFree(p)) return p;
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const port = (s.address() as { port: number }).port; s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

/** Removes `--name=value` / `--name value` for any of `names`; returns the last value. */
export function takeOption(args: string[], names: string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n && i + 1 < args.length) { value = args[i + 1]; args.splice(i, 2); i--; break; }
      if (args[i].startsWith(n + "=")) { value = args[i].slice(n.length + 1); args.splice(i, 1); i--; break; }
    }
  }
  return value;
}

const PORT_OPTIONS = ["--port", "--ServerApp.port", "--NotebookApp.port"];
const ROOT_OPTIONS = ["--notebook-dir", "--ServerApp.root_dir", "--NotebookApp.notebook_dir"];
const TOKEN_OPTION = /^--(?:ServerApp|NotebookApp|IdentityProvider)\.token=(.*)$/;

// ---- the server ----------------------------------------------------------------------------

/** Hints for a server that stopped before answering, from the last lines of its log. */
export function diagnose(logText: string, port: number): string[] {
  const hints: string[] = [];
  const missing = /No module named '?([\w.]+)'?/.exec(logText);
  if (missing) {
    const mod = missing[1].split(".")[0];
    const deb = { jupyter_server: "python3-jupyter-server", jupyterlab_server: "python3-jupyterlab-server" }[mod] ?? `python3-${mod.replace(/_/g, "-")}`;
    hints.push(`Python module ${mod} is missing: sudo apt-get install ${deb}   (or: python3 -m pip install ${mod.replace(/_/g, "-")})`);
  }
  if (/address already in use|is already in use/i.test(logText)) hints.push(`Port ${port} was taken meanwhile: run npm start again, or pick one: npm start -- --port=8890`);
  if (/Running as root is not recommended/.test(logText)) hints.push("Running as root: add --allow-root (npm start -- --allow-root)");
  if (/Permission denied/.test(logText)) hints.push(`A file could not be written: check that you may write to ${path.join(projectRoot, "kernel", "jupyter")}`);
  if (/Bad config encountered|Unrecognized (flag|alias)/.test(logText)) hints.push("Jupyter rejected an option: check the arguments after `npm start --`");
  if (/TemplateNotFound|bundle\.js|schemas/.test(logText)) hints.push("nnbook's JupyterLab build looks incomplete: rm -rf jupyterlab-app/build and run npm start again");
  if (hints.length === 0) hints.push(`Read the log above; if Jupyter itself is broken, reinstall it:\n${HOW_TO_GET_LAB_SERVER}`);
  return hints;
}

export interface StartOptions {
  frontend: Frontend;
  /** Jupyter's own arguments from the command line (after `npm start --`). */
  args: string[];
  env: NodeJS.ProcessEnv;
  notebooksDir: string;
  /** Where the server's output is copied. */
  logFile: string;
}

/**
 * Starts the server on a free port, copies its output to the terminal and to `logFile`, prints the
 * URL with the token once it answers, and resolves with its exit code. If it stops before
 * answering, prints the log's last lines and what to do.
 */
export async function startServer(o: StartOptions): Promise<number> {
  const args = [...o.args];
  const asked = takeOption(args, PORT_OPTIONS);
  const wanted = asked ? Number(asked) : 8888;
  const port = await choosePort(wanted);
  if (port !== wanted) console.log(`Port ${wanted} is in use on 127.0.0.1; using port ${port} instead.`);

  // The token: one given on the command line or in JUPYTER_TOKEN, else a fresh one (every
  // Jupyter server reads JUPYTER_TOKEN).
  const env = { ...o.env };
  const given = args.map((a) => TOKEN_OPTION.exec(a)?.[1]).filter((t) => t !== undefined).pop();
  const token = given ?? (env.JUPYTER_TOKEN ||= randomBytes(24).toString("hex"));

  const rootDir = takeOption(args, ROOT_OPTIONS) ?? o.notebooksDir;
  const jargs = [...o.frontend.command.slice(1), "--ip=127.0.0.1", `--port=${port}`];
  if (o.frontend.kind === "nnbook-lab") jargs.push(`--ServerApp.root_dir=${rootDir}`, "--ServerApp.port_retries=0");
  else jargs.push(`--notebook-dir=${rootDir}`);
  // Jupyter refuses to run as root without this (containers, CI machines).
  if (process.getuid?.() === 0 && !args.includes("--allow-root")) jargs.push("--allow-root");
  jargs.push(...args);

  console.log(`Starting ${o.frontend.name}: ${o.frontend.command[0]} ${jargs.join(" ")}`);
  fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
  const log = fs.createWriteStream(o.logFile);
  const child: ChildProcess = spawn(o.frontend.command[0], jargs, { env, cwd: o.notebooksDir, stdio: ["inherit", "pipe", "pipe"] });
  let tail = "";
  const keep = (d: Buffer) => { log.write(d); tail = (tail + d.toString()).slice(-20_000); };
  child.stdout!.on("data", (d: Buffer) => { process.stdout.write(d); keep(d); });
  child.stderr!.on("data", (d: Buffer) => { process.stderr.write(d); keep(d); });
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);

  let exited: number | null = null;
  const done = new Promise<number>((resolve) => {
    const finish = (code: number) => { exited = code; log.end(); resolve(code); };
    child.on("error", (err) => { keep(Buffer.from(`${err.message}\n`)); finish(127); });
    child.on("exit", (code, signal) => finish(code ?? 128 + (signal ? os.constants.signals[signal] : 1)));
  });

  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  let warned = false;
  while (exited === null) {
    try {
      const r = await fetch(`${base}/api/status?token=${token}`);
      if (r.ok) {
        const page = o.frontend.kind === "notebook" ? "tree" : "lab/tree";
        console.log(`\n${o.frontend.name} is running. Open the lessons at:\n\n    ${base}/${page}?token=${token}\n\n` +
          `The lessons are in the file browser (notebooks/); pick the "TypeScript (nnbook)" kernel if asked. Stop with Ctrl+C.\n`);
        return await done;
      }
    } catch { /* not up yet */ }
    if (!warned && Date.now() - started > 90_000) {
      warned = true;
      console.error(`\nThe server has not answered on ${base} for 90 s; still waiting. Log: ${o.logFile}`);
    }
    await Promise.race([done, new Promise((r) => setTimeout(r, 250))]);
  }
  const code = exited as number;
  const lines = tail.trimEnd().split("\n").slice(-25).join("\n");
  console.error(`\n${o.frontend.name} stopped before it answered (exit code ${code}). The last lines of its log (${o.logFile}):\n\n${lines}\n`);
  for (const h of diagnose(tail, port)) console.error(`Fix: ${h}`);
  return code === 0 ? 1 : code;
}

/** Stops the "receive Jupyter news?" toast in the user's own JupyterLab, within the project's config dir. */
export function quietUserLab(configDir: string): void {
  const file = path.join(configDir, "lab", "user-settings", "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings");
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ fetchNews: "false", checkForUpdates: false }, null, 2) + "\n");
}
