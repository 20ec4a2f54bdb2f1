// The graded run, inside the sandboxed child process (started by grading/run.ts). It reads its job
// from stdin, runs the cells through the same Kernel and Engine as the lessons (as
// kernel/runner.ts drives them, but going on after a failing cell), and writes one line per event
// to fd 3, each prefixed with the job's token so that lines a submission writes there are ignored.
//
// Before any submission code runs it keeps the real process.exit, a snapshot of the built-ins and
// of the lib objects the tests use (from the lesson's imports, run first). Before each cell it puts
// back any built-in or lib function a submission replaced, and before each tests cell also the
// imported names, so a redefined `check` or a patched `np.assertAllClose` or
// `Array.prototype.every` cannot make a test pass (nor break the compiler for later cells).
import * as fs from "node:fs";
import { randomUUID } from "node:crypto";
import { Engine } from "../kernel/engine";
import { describeThrown, Kernel } from "../kernel/kernel";
import type { Message } from "../kernel/wire";

export interface JobCell {
  /** Index of the cell in the graded notebook. */
  index: number;
  code: string;
  /** A tests cell restored from the instructor's notebook. */
  test: boolean;
}

export interface Job {
  token: string;
  fast: boolean;
  /** Bytes of output kept per cell; the rest is dropped. */
  outputLimit: number;
  /** Import statements of the instructor's notebook, run before the submission: what tests see. */
  preamble: string;
  cells: JobCell[];
  /** Cells not to run (they hung or crashed an earlier attempt). */
  skip: number[];
}

export interface CellEvent {
  type: "start" | "done";
  index: number;
  status?: "ok" | "error";
  ename?: string;
  evalue?: string;
  traceback?: string[];
  seconds?: number;
  /** Bytes the cell printed or displayed, and whether some were dropped. */
  outputBytes?: number;
  truncated?: boolean;
  /** Built-ins or lib properties found changed (and put back) before this tests cell. */
  restored?: string[];
}

const MAX_TEXT = 4000;
const clip = (s: string) => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) + ` … [${s.length - MAX_TEXT} more characters]` : s);

type Snapshot = { owner: object; label: string; props: Map<PropertyKey, PropertyDescriptor> }[];

const INTRINSICS = [
  "Object", "Function", "Array", "Number", "String", "Boolean", "Symbol", "Math", "JSON", "Reflect", "Promise", "Map",
  "Set", "WeakMap", "Error", "TypeError", "RangeError", "Date", "RegExp", "BigInt", "ArrayBuffer", "Float64Array",
  "Float32Array", "Int32Array", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array", "Uint8ClampedArray",
  "DataView", "Proxy", "isNaN", "isFinite", "parseFloat", "parseInt", "structuredClone", "console",
];

/** Objects whose properties the tests rely on: built-ins and their prototypes, the lib's exports two levels deep. */
function collectTargets(libExports: Record<string, unknown>): { owner: object; label: string }[] {
  const seen = new Set<object>();
  const out: { owner: object; label: string }[] = [];
  const add = (v: unknown, label: string, depth: number) => {
    if ((typeof v !== "object" && typeof v !== "function") || v === null || seen.has(v) || out.length > 5000) return;
    seen.add(v);
    out.push({ owner: v, label });
    if (typeof v === "function" && v.prototype && typeof v.prototype === "object") add(v.prototype, `${label}.prototype`, depth);
    const proto = Object.getPrototypeOf(v);
    if (proto && proto !== Object.prototype && proto !== Function.prototype) add(proto, `${label}.[[Prototype]]`, depth);
    if (depth <= 0) return;
    for (const k of Object.getOwnPropertyNames(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (d && "value" in d) add(d.value, `${label}.${k}`, depth - 1);
    }
  };
  const g = globalThis as Record<string, unknown>;
  for (const name of INTRINSICS) add(g[name], name, 0);
  add(Object.getPrototypeOf(Float64Array), "TypedArray", 0);
  add(globalThis, "globalThis", 0);
  for (const [k, v] of Object.entries(libExports)) add(v, k, 2);
  return out;
}

const INTRINSIC_NAMES = new Set<PropertyKey>(INTRINSICS);

/** The code-carrying properties (functions and accessors) of each target, as descriptors. */
function snapshot(targets: { owner: object; label: string }[]): Snapshot {
  return targets.map(({ owner, label }) => {
    const props = new Map<PropertyKey, PropertyDescriptor>();
    for (const k of Reflect.ownKeys(owner)) {
      if (owner === globalThis && !INTRINSIC_NAMES.has(k)) continue;
      const d = Object.getOwnPropertyDescriptor(owner, k)!;
      // Data (state such as a seeded generator or a setting the lesson changed) is the lesson's own;
      // only code is put back, so what passes in JupyterLab passes here.
      if (d.get || d.set || typeof d.value === "function" || owner === globalThis) props.set(k, d);
    }
    return { owner, label, props };
  });
}

const sameDescriptor = (a: PropertyDescriptor, b: PropertyDescriptor) =>
  a.value === b.value && a.get === b.get && a.set === b.set;

/**
 * Puts back every function or accessor that was replaced or deleted, and removes functions added
 * to shadow one further up the prototype chain; returns what was changed.
 */
function restore(snap: Snapshot): string[] {
  const changed: string[] = [];
  for (const { owner, label, props } of snap) {
    for (const [k, d] of props) {
      const now = Object.getOwnPropertyDescriptor(owner, k);
      if (now && sameDescriptor(now, d)) continue;
      try {
        Object.defineProperty(owner, k, d);
        changed.push(`${label}.${String(k)}`);
      } catch {
        changed.push(`${label}.${String(k)} (could not be put back)`);
      }
    }
    if (owner === globalThis) continue;
    const proto = Object.getPrototypeOf(owner);
    if (!proto) continue;
    for (const k of Reflect.ownKeys(owner)) {
      if (props.has(k) || !(k in proto)) continue;
      const d = Object.getOwnPropertyDescriptor(owner, k)!;
      if (!(d.get || d.set || typeof d.value === "function")) continue;
      try {
        changed.push(`${label}.${String(k)} (added)${Reflect.deleteProperty(owner, k) ? "" : " (could not be put back)"}`);
      } catch {
        changed.push(`${label}.${String(k)} (added) (could not be put back)`);
      }
    }
  }
  return changed;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function main(): Promise<void> {
  const job = JSON.parse(await readStdin()) as Job;
  // As in the kernel (kernel/server.ts): an error thrown in a callback, or a rejected promise that
  // nothing awaits, is reported in the output and the run goes on, so a notebook is graded as it
  // runs in JupyterLab (without these, Node would end the process, blaming the running cell).
  const report = (what: string) => (err: unknown) => {
    try {
      const { ename, evalue, stack } = describeThrown(err); // never throws, whatever the value
      process.stderr.write(`${what}: ${stack ?? `${ename}: ${evalue}`}\n`);
    } catch {
      // the submission broke stderr; the report is lost, the run goes on
    }
  };
  process.on("uncaughtException", report("Uncaught exception"));
  process.on("unhandledRejection", report("Unhandled promise rejection"));
  const writeSync = fs.writeSync;
  const emit = (e: CellEvent | { type: "ready" | "end" }) => writeSync(3, `${job.token} ${JSON.stringify(e)}\n`);
  const reallyExit = (process as unknown as { reallyExit(code: number): never }).reallyExit.bind(process);
  process.env.NNBOOK_FAST = job.fast ? "1" : "0";

  const sent: Message<any>[] = [];
  let outputBytes = 0;
  let truncated = false;
  const kernel = new Kernel({
    transport: {
      send: (channel, msg) => {
        if (channel !== "iopub" && channel !== "shell") return;
        const m = msg as Message<any>;
        const type = m.header.msg_type;
        if (type === "display_data" || type === "update_display_data" || type === "execute_result") {
          const size = JSON.stringify(m.content.data ?? "").length;
          outputBytes += size;
          if (outputBytes > job.outputLimit) { truncated = true; return; }
        }
        if (type === "stream") return; // counted (and capped) where it is written
        sent.push(m);
      },
    },
    captureStdio: true,
    createEngine: ({ declarations, virtualModules }) => new Engine({ globalDeclarations: declarations, virtualModules }),
    session: "nnbook-grader",
    log: () => {},
  });
  kernel.start();
  // Output limit: count what cells write, drop past the limit (console.* ignores a throwing write).
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    const kernelWrite = stream.write;
    stream.write = function (chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      outputBytes += typeof chunk === "string" ? chunk.length : chunk.byteLength;
      if (outputBytes > job.outputLimit) { truncated = true; return true; }
      return (kernelWrite as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    } as typeof stream.write;
  }
  process.on("SIGINT", () => kernel.currentEngine?.interrupt());

  const run = async (code: string, silent: boolean) => {
    const msgId = randomUUID();
    kernel.receive("shell", {
      identities: [], buffers: [], metadata: {}, parent_header: {},
      header: { msg_id: msgId, msg_type: "execute_request", session: "nnbook-grader", username: "grader", date: new Date().toISOString(), version: "5.3" },
      content: { code, silent, store_history: !silent, user_expressions: {}, allow_stdin: false, stop_on_error: false },
    });
    await kernel.idle();
    const reply = sent.find((m) => m.parent_header.msg_id === msgId && m.header.msg_type === "execute_reply");
    sent.length = 0;
    return reply?.content as { status: string; ename?: string; evalue?: string; traceback?: string[] } | undefined;
  };

  // The lesson's imports, before anything of the submission runs: the tests' view of the lib.
  const pre = job.preamble ? await run(job.preamble, true) : { status: "ok" };
  if (pre?.status !== "ok") throw new Error(`the instructor's imports failed: ${pre?.ename}: ${pre?.evalue}`);
  const tslab = (globalThis as { __tslab__?: { exports: Record<string, unknown>; require: unknown } }).__tslab__!;
  const tslabExports = tslab.exports, tslabRequire = tslab.require;
  const libExports = { ...tslabExports };
  const snap = snapshot(collectTargets(libExports));
  /**
   * Before a tests cell: the imported names and the object cells read them from. (Only then: a
   * lesson may well reuse an imported name for its own value.)
   */
  const restoreNames = (): string[] => {
    const changed: string[] = [];
    const g = globalThis as Record<string, unknown>;
    if (g.__tslab__ !== tslab) { g.__tslab__ = tslab; changed.push("globalThis.__tslab__"); }
    if (tslab.exports !== tslabExports) { tslab.exports = tslabExports; changed.push("__tslab__.exports"); }
    if (tslab.require !== tslabRequire) { tslab.require = tslabRequire; changed.push("__tslab__.require"); }
    for (const [k, v] of Object.entries(libExports)) {
      if (tslabExports[k] !== v) { tslabExports[k] = v; changed.push(`the name ${k}`); }
    }
    return changed;
  };

  // From here on a submission runs: process.exit and friends throw instead.
  const refuse = (what: string) => () => {
    throw Object.assign(new Error(`${what} is not allowed in a graded notebook`), { code: "ERR_GRADING_DENIED" });
  };
  const p = process as unknown as Record<string, unknown>;
  p.exit = refuse("process.exit");
  p.abort = refuse("process.abort");
  p.reallyExit = refuse("process.reallyExit");
  p.kill = refuse("process.kill");
  p.chdir = refuse("process.chdir");
  // A heap snapshot would hold the tests' source (the inspector and process.binding are already
  // denied by the permission model).
  const v8 = require("node:v8") as Record<string, unknown>;
  for (const name of ["getHeapSnapshot", "writeHeapSnapshot", "setHeapSnapshotNearHeapLimit"]) v8[name] = refuse(`v8.${name}`);
  (require("node:module") as { syncBuiltinESMExports(): void }).syncBuiltinESMExports();
  emit({ type: "ready" });

  const skip = new Set(job.skip);
  for (const cell of job.cells) {
    if (skip.has(cell.index)) continue;
    emit({ type: "start", index: cell.index });
    // Built-ins and lib functions go back before every cell: the compiler and the kernel run in
    // this process too, and a replaced Array.isArray would break them for every later cell.
    const restored = [...(cell.test ? restoreNames() : []), ...restore(snap)];
    outputBytes = 0;
    truncated = false;
    const started = Date.now();
    // Tests cells run as strict code: a function they call cannot read their source (see Engine.strict).
    const engine = kernel.currentEngine;
    if (engine) engine.strict = cell.test;
    const reply = await run(cell.code, false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // A learner's function that the tests call may replace a built-in the tests rely on (say
    // Array.prototype.every) while they run: such a result cannot be trusted, whatever it says.
    const changedDuring = cell.test ? restore(snap) : [];
    const event: CellEvent = {
      type: "done", index: cell.index, status: reply?.status === "ok" ? "ok" : "error",
      seconds: (Date.now() - started) / 1000, outputBytes, truncated, restored,
    };
    if (changedDuring.length > 0) {
      event.status = "error";
      event.ename = "UntrustedTests";
      event.evalue = clip(`while these tests ran, your code replaced ${changedDuring.slice(0, 8).join(", ")}` +
        `${changedDuring.length > 8 ? ", …" : ""}, so their result cannot be trusted; leave built-ins and the library as they are`);
      event.traceback = [];
    } else if (reply && reply.status !== "ok") {
      event.ename = clip(String(reply.ename ?? "Error"));
      event.evalue = clip(String(reply.evalue ?? ""));
      event.traceback = (reply.traceback ?? []).slice(0, 40).map((l) => clip(String(l)));
    } else if (!reply) {
      event.ename = "GraderError";
      event.evalue = "the kernel sent no reply";
    }
    emit(event);
  }
  emit({ type: "end" });
  kernel.stop();
  reallyExit(0);
}
