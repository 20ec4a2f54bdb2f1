// Worker threads for large matrix products. The wasm kernels work in a shared WebAssembly memory,
// so helper threads (Node's worker_threads) instantiate the same module on the same memory and
// each computes a band of C's rows in place while the calling thread computes its own band. A
// product is cut by rows only, so every entry of C is summed in the same order as on one thread:
// the result does not depend on the number of threads.
//
// Helpers start on the first product that is large enough; between jobs they poll for a few
// milliseconds, then sleep in Atomics.wait. They are unref'd, so they never keep a program from
// exiting. Where threads cannot start (no worker_threads, or Node's permission model without
// --allow-worker, as in grading), products run on the calling thread. NNBOOK_THREADS or setThreads(n) sets the number of threads (1: none).

type WorkerLike = {
  unref(): void;
  terminate(): Promise<number>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
};
type WorkerCtor = new (source: string, options: { eval: true; workerData: unknown }) => WorkerLike;
type ProcessLike = { env?: Record<string, string | undefined>; getBuiltinModule?: (name: string) => unknown };

/**
 * How long a thread polls a shared slot before it sleeps on it. Steps of a training loop come a
 * millisecond or two apart; a helper that slept would cost a wake-up (about as long as its band)
 * per product. Polling a few milliseconds took a tenth off a float64 MNIST epoch.
 */
const SPIN_MS = 4;

// Slots of a helper's control block (an Int32Array on a SharedArrayBuffer).
const SEQ = 0, DONE = 1, A = 2, B = 3, C = 4, N = 5, K = 6, M = 7, F32 = 8, FAILED = 9, SLOTS = 10;

/** The helper's program: wait for a job number, run the kernel on its band, report, repeat. */
const WORKER_SOURCE = `
"use strict";
const { workerData } = require("worker_threads");
const { module, memory, control } = workerData;
const ctl = new Int32Array(control);
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
let seen = 0;
for (;;) {
  // Poll for a while before sleeping (see SPIN_MS).
  let seq = Atomics.load(ctl, ${SEQ});
  for (const until = Date.now() + ${SPIN_MS}; seq === seen; ) {
    for (let i = 0; i < 1024 && seq === seen; i++) seq = Atomics.load(ctl, ${SEQ});
    if (Date.now() > until) break;
  }
  if (seq === seen) {
    Atomics.wait(ctl, ${SEQ}, seen);
    continue;
  }
  if (seq < 0) break;
  seen = seq;
  try {
    (ctl[${F32}] ? kernels.gemm_f32 : kernels.gemm_f64)(ctl[${A}], ctl[${B}], ctl[${C}], ctl[${N}], ctl[${K}], ctl[${M}]);
    ctl[${FAILED}] = 0;
  } catch (e) {
    ctl[${FAILED}] = 1;
  }
  Atomics.store(ctl, ${DONE}, seq);
  Atomics.notify(ctl, ${DONE});
}
`;

interface Helper {
  worker: WorkerLike;
  control: Int32Array;
  seq: number;
}

/**
 * A product is shared out when it has at least this many multiply-adds (about a quarter of a
 * millisecond of work). At MNIST's 64×784×128 (6.4M) two threads shorten a float64 training epoch
 * by about a tenth (the packing stays on this thread); much smaller products gain nothing.
 */
export const PARALLEL_MIN_WORK = 1 << 22;

const proc = (globalThis as unknown as { process?: ProcessLike }).process;

function defaultThreads(): number {
  const asked = proc?.env?.NNBOOK_THREADS;
  if (asked !== undefined && asked !== "") {
    const n = Number(asked);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 64);
  }
  const os = proc?.getBuiltinModule?.("os") as { availableParallelism?(): number; cpus?(): unknown[] } | undefined;
  const cores = os?.availableParallelism?.() ?? os?.cpus?.().length ?? 1;
  return Math.max(1, Math.min(cores, 8));
}

let wanted = defaultThreads();
let helpers: Helper[] = [];
let unavailable: string | null = null;

/** Sets how many threads large products use (1: only the calling thread). */
export function setThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setThreads: expected a whole number of threads >= 1, got ${n}`);
  wanted = n;
  if (helpers.length > n - 1) {
    for (const h of helpers.splice(n - 1)) stop(h);
  }
}

/** The number of threads asked for, and why fewer may run. */
export function threadInfo(): { threads: number; running: number; unavailable: string | null } {
  return { threads: wanted, running: helpers.length + 1, unavailable };
}

function stop(h: Helper): void {
  Atomics.store(h.control, SEQ, -1);
  Atomics.notify(h.control, SEQ);
  h.worker.terminate().catch(() => undefined);
}

/** Starts helpers up to wanted − 1; false when threads cannot run here. */
function ensureHelpers(module: object, memory: object): boolean {
  if (unavailable !== null) return false;
  while (helpers.length < wanted - 1) {
    try {
      const threads = proc?.getBuiltinModule?.("worker_threads") as { Worker?: WorkerCtor } | undefined;
      if (!threads?.Worker) throw new Error("worker_threads is not available");
      const control = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
      const worker = new threads.Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control: control.buffer } });
      worker.unref();
      const helper: Helper = { worker, control, seq: 0 };
      // A helper that dies is dropped; its band of the current product is redone here.
      worker.on("error", () => { helpers = helpers.filter((h) => h !== helper); });
      helpers.push(helper);
    } catch (e) {
      unavailable = (e as Error).message;
      return helpers.length > 0;
    }
  }
  return helpers.length > 0;
}

/** Waits for a helper's job; false if it failed or did not finish within budgetMs. */
function waitFor(h: Helper, budgetMs: number): boolean {
  for (const until = Date.now() + SPIN_MS; Date.now() <= until; ) {
    for (let i = 0; i < 1024; i++) if (Atomics.load(h.control, DONE) === h.seq) return h.control[FAILED] === 0;
  }
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const done = Atomics.load(h.control, DONE);
    if (done === h.seq) return h.control[FAILED] === 0;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(h.control, DONE, done, Math.min(left, 1000));
  }
}

/** The kernel entry points shared by the calling thread and the helpers. */
export interface GemmKernels {
  gemm_f64(a: number, b: number, c: number, n: number, k: number, m: number): void;
  gemm_f32(a: number, b: number, c: number, n: number, k: number, m: number): void;
}

/**
 * C (nP × mP, at byte offset c) += A (packed panels at a) · B (packed panels at b), nP a multiple
 * of 4: on several threads when the product is large, else on this one. Offsets are in bytes.
 */
export function runGemm(kernels: GemmKernels, module: object, memory: object, f32: boolean,
  a: number, b: number, c: number, nP: number, k: number, mP: number,
  zero: (byteOffset: number, count: number) => void): void {
  const run = f32 ? kernels.gemm_f32 : kernels.gemm_f64;
  const panels = nP / 4;
  if (wanted < 2 || panels < 2 || nP * k * mP < PARALLEL_MIN_WORK || !ensureHelpers(module, memory)) {
    run(a, b, c, nP, k, mP);
    return;
  }
  const size = f32 ? 4 : 8;
  const team = helpers.slice(0, Math.min(helpers.length, panels - 1));
  const parts = team.length + 1;
  // Bands of whole 4-row panels, as even as they can be; the calling thread takes the first.
  const bandStart = (t: number) => 4 * Math.floor((panels * t) / parts);
  team.forEach((h, i) => {
    const r0 = bandStart(i + 1), r1 = bandStart(i + 2);
    const ctl = h.control;
    ctl[A] = a + r0 * k * size;
    ctl[B] = b;
    ctl[C] = c + r0 * mP * size;
    ctl[N] = r1 - r0;
    ctl[K] = k;
    ctl[M] = mP;
    ctl[F32] = f32 ? 1 : 0;
    h.seq = (h.seq % 0x3fffffff) + 1;
    Atomics.store(ctl, SEQ, h.seq);
    Atomics.notify(ctl, SEQ);
  });
  run(a, b, c, bandStart(1), k, mP);
  // Generous: a helper is as fast as this thread; a minute past that, it is taken for dead.
  const budgetMs = 60_000 + (nP * k * mP) / 1e5;
  team.forEach((h, i) => {
    if (waitFor(h, budgetMs)) return;
    helpers = helpers.filter((x) => x !== h);
    stop(h);
    const r0 = bandStart(i + 1), r1 = bandStart(i + 2);
    zero(c + r0 * mP * size, (r1 - r0) * mP); // it may have added part of its band
    run(a + r0 * k * size, b, c + r0 * mP * size, r1 - r0, k, mP);
  });
}
