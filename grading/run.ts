// Runs one graded notebook in a fresh child process, in a sandbox, under limits:
//
// - the sandbox is a folder of its own under the grading folder: `notebook/` (the working
//   directory, read-only) holds copies of lib/ and datasets/ and a node_modules link, `tmp/` (the
//   child's TMPDIR and HOME) is the only place it may write;
// - Node's permission model lets the child read only the sandbox, node_modules, kernel/ and
//   grading/ (never the instructor's notebook: the tests reach the child over stdin), spawn no
//   process or worker, write nothing but tmp/;
// - a cell gets `cellSeconds`: SIGINT first (the kernel's interrupt), then the process group is
//   killed; memory is capped by --max-old-space-size and by watching the RSS; output past
//   `outputBytes` per cell is dropped; the whole run gets `notebookSeconds`;
// - a cell that hangs, crashes or exits the process is recorded as failed and the run starts again
//   from the top without it, so the other exercises still get their scores.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { CellEvent, Job, JobCell } from "./child";

export interface Limits {
  /** Seconds one cell may run. */
  cellSeconds: number;
  /** Seconds the whole graded run may take (all attempts). */
  notebookSeconds: number;
  /** Memory of the child (V8 heap limit and resident set), MB. */
  memoryMB: number;
  /** Output a cell may print or display; the rest is dropped. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: Limits = { cellSeconds: 120, notebookSeconds: 900, memoryMB: 3072, outputBytes: 1 << 20 };

export interface CellOutcome {
  index: number;
  status: "ok" | "error" | "timeout" | "memory" | "crashed" | "not-run";
  ename?: string;
  evalue?: string;
  traceback?: string[];
  seconds?: number;
  truncated?: boolean;
  restored?: string[];
}

export interface RunOutcome {
  cells: Map<number, CellOutcome>;
  attempts: number;
  seconds: number;
  /** Set when the grader itself failed (the child could not start, the lesson's imports broke). */
  graderError: string | null;
}

const projectRoot = path.resolve(__dirname, "..");

/** `--permission` from Node 23.5 on, `--experimental-permission` before. */
function permissionFlag(): string {
  const [major, minor] = process.versions.node.split(".").map(Number);
  return major > 23 || (major === 23 && minor >= 5) ? "--permission" : "--experimental-permission";
}

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, dereference: true, filter: (src) => !/[\\/]node_modules$/.test(src) });
}

/** Makes a fresh sandbox folder; returns its notebook/ (working directory) and tmp/ paths. */
export function makeSandbox(dir: string): { root: string; cwd: string; tmp: string } {
  dir = path.resolve(dir); // the child's permission flags and working directory need absolute paths
  fs.rmSync(dir, { recursive: true, force: true });
  const cwd = path.join(dir, "notebook"), tmp = path.join(dir, "tmp");
  fs.mkdirSync(cwd, { recursive: true });
  fs.mkdirSync(tmp, { recursive: true });
  copyTree(path.join(projectRoot, "lib"), path.join(cwd, "lib"));
  copyTree(path.join(projectRoot, "datasets"), path.join(cwd, "datasets"));
  // TypeScript looks for node_modules (and @types) from the working directory up.
  fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return { root: dir, cwd, tmp };
}

function childArgs(sandbox: { root: string; tmp: string }, limits: Limits): string[] {
  const reads = [
    sandbox.root, path.join(projectRoot, "node_modules"), fs.realpathSync(path.join(projectRoot, "node_modules")),
    path.join(projectRoot, "kernel"), path.join(projectRoot, "grading"), path.join(projectRoot, "package.json"),
    "/usr/share/datasets",
  ];
  return [
    `--max-old-space-size=${limits.memoryMB}`, "--stack-size=4000", "--no-warnings",
    permissionFlag(), ...[...new Set(reads)].map((p) => `--allow-fs-read=${p}`), `--allow-fs-write=${sandbox.tmp}`,
    path.join(projectRoot, "grading", "bin", "child.js"),
  ];
}

function rssMB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface Attempt {
  events: CellEvent[];
  /** The cell that was running when the attempt ended, and why it ended there. */
  stoppedAt: number | null;
  reason: "timeout" | "memory" | "crashed" | "deadline" | null;
  detail: string;
  ready: boolean;
  ended: boolean;
  stderr: string;
}

function attempt(job: Job, sandbox: { root: string; cwd: string; tmp: string }, limits: Limits, deadline: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, childArgs(sandbox, limits), {
      cwd: sandbox.cwd,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", TMPDIR: sandbox.tmp, HOME: sandbox.tmp, NNBOOK_FAST: job.fast ? "1" : "0", LANG: "C.UTF-8" },
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      detached: true, // its own process group, killed as a whole
    });
    const result: Attempt = { events: [], stoppedAt: null, reason: null, detail: "", ready: false, ended: false, stderr: "" };
    let running: number | null = null;
    let cellTimer: NodeJS.Timeout | null = null;
    let killTimer: NodeJS.Timeout | null = null;
    let finished = false;
    const interrupted = new Set<number>();
    const killGroup = () => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ } };
    const stop = (reason: Attempt["reason"], detail: string) => {
      if (result.reason) return;
      result.reason = reason;
      result.detail = detail;
      result.stoppedAt = running;
      killGroup();
    };
    const clearCellTimers = () => {
      if (cellTimer) clearTimeout(cellTimer);
      if (killTimer) clearTimeout(killTimer);
      cellTimer = killTimer = null;
    };
    const startCellTimer = (index: number) => {
      clearCellTimers();
      cellTimer = setTimeout(() => {
        // The kernel's interrupt stops a busy loop or an await; if the cell is still going, kill.
        try { process.kill(child.pid!, "SIGINT"); } catch { /* gone */ }
        killTimer = setTimeout(() => stop("timeout", `did not finish within ${limits.cellSeconds} s and did not stop when interrupted`), 2000);
        interrupted.add(index);
      }, limits.cellSeconds * 1000);
    };
    const notebookTimer = setTimeout(() => stop("deadline", `the notebook time limit (${limits.notebookSeconds} s) was reached`), Math.max(0, deadline - Date.now()));
    const memoryTimer = setInterval(() => {
      const rss = rssMB(child.pid!);
      if (rss !== null && rss > limits.memoryMB) stop("memory", `used more than ${limits.memoryMB} MB of memory`);
    }, 100);

    let buffer = "";
    const prefix = job.token + " ";
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      if (buffer.length > 64 << 20) buffer = buffer.slice(-(1 << 20)); // a flood of foreign lines
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith(prefix)) continue; // not written by the grader
        let e: CellEvent | { type: "ready" | "end" };
        try { e = JSON.parse(line.slice(prefix.length)); } catch { continue; }
        if (e.type === "ready") result.ready = true;
        else if (e.type === "end") result.ended = true;
        else if (e.type === "start") { running = e.index; startCellTimer(e.index); }
        else if (e.type === "done") {
          clearCellTimers();
          running = null;
          result.events.push(interrupted.has(e.index) ? { ...e, status: "error", ename: "TimeoutError", evalue: `the cell did not finish within ${limits.cellSeconds} s and was interrupted` } : e);
        }
      }
    });
    const keepTail = (s: string, chunk: Buffer) => (s + chunk.toString("utf8")).slice(-20000);
    child.stdout!.on("data", () => { /* the kernel captures cell output; anything else is dropped */ });
    child.stderr!.on("data", (c: Buffer) => { result.stderr = keepTail(result.stderr, c); });
    child.stdin!.on("error", () => { /* the child may die before reading its job */ });
    child.stdin!.end(JSON.stringify(job));
    child.on("close", (code, signal) => {
      if (finished) return;
      finished = true;
      clearCellTimers();
      clearTimeout(notebookTimer);
      clearInterval(memoryTimer);
      killGroup();
      if (!result.ended && !result.reason) {
        result.stoppedAt = running;
        const oom = /heap limit|out of memory|Allocation failed/i.test(result.stderr);
        result.reason = oom ? "memory" : "crashed";
        result.detail = oom ? `ran out of memory (the limit is ${limits.memoryMB} MB)`
          : `the grading process ended during this cell (${signal ? `signal ${signal}` : `exit code ${code}`})`;
      }
      resolve(result);
    });
    child.on("error", (e) => {
      result.reason = "crashed";
      result.detail = `could not start the grading process: ${e.message}`;
    });
  });
}

/** Runs `cells` (graded notebook order) in a sandbox at `sandboxDir`; never throws for the submission's faults. */
export async function runGraded(cells: JobCell[], preamble: string, sandboxDir: string, options: { limits: Limits; fast: boolean; keepSandbox?: boolean }): Promise<RunOutcome> {
  const started = Date.now();
  const deadline = started + options.limits.notebookSeconds * 1000;
  const outcome: RunOutcome = { cells: new Map(), attempts: 0, seconds: 0, graderError: null };
  const skip: number[] = [];
  try {
    for (;;) {
      const sandbox = makeSandbox(sandboxDir);
      const job: Job = { token: randomBytes(24).toString("hex"), fast: options.fast, outputLimit: options.limits.outputBytes, preamble, cells, skip };
      outcome.attempts++;
      const a = await attempt(job, sandbox, options.limits, deadline);
      for (const e of a.events) {
        if (e.type !== "done" || outcome.cells.has(e.index)) continue;
        outcome.cells.set(e.index, {
          index: e.index, status: e.ename === "TimeoutError" ? "timeout" : (e.status ?? "error"), ename: e.ename, evalue: e.evalue,
          traceback: e.traceback, seconds: e.seconds, truncated: e.truncated, restored: e.restored,
        });
      }
      if (a.ended) break;
      if (!a.ready) {
        // The child never reached the submission's first cell: the grader (or the lesson's
        // imports) failed, not the student.
        outcome.graderError = `${a.detail || "the grading process failed to start"}${a.stderr ? `\n${a.stderr.trim().slice(-3000)}` : ""}`;
        break;
      }
      const notRun = (why: string) => {
        for (const c of cells) if (!outcome.cells.has(c.index)) outcome.cells.set(c.index, { index: c.index, status: "not-run", evalue: why });
      };
      if (a.reason === "deadline" || Date.now() >= deadline) {
        if (a.stoppedAt !== null && !outcome.cells.has(a.stoppedAt)) outcome.cells.set(a.stoppedAt, { index: a.stoppedAt, status: "timeout", evalue: a.detail || "the notebook time limit was reached" });
        notRun(`not run: the notebook time limit (${options.limits.notebookSeconds} s) was reached`);
        break;
      }
      if (a.stoppedAt === null || skip.includes(a.stoppedAt) || skip.length >= 5) {
        notRun(`not run: the grading process ended (${a.detail || "unknown reason"})`);
        break;
      }
      const status = a.reason === "memory" ? "memory" : a.reason === "timeout" ? "timeout" : "crashed";
      outcome.cells.set(a.stoppedAt, { index: a.stoppedAt, status, evalue: a.detail });
      skip.push(a.stoppedAt); // and run everything again without it
    }
  } catch (e) {
    outcome.graderError = `grader failure: ${(e as Error)?.stack ?? e}`;
  } finally {
    if (!options.keepSandbox) fs.rmSync(sandboxDir, { recursive: true, force: true });
  }
  outcome.seconds = (Date.now() - started) / 1000;
  return outcome;
}
