// Worker threads for large matrix products. The wasm kernels work in a shared WebAssembly memory,
// so helper threads (Node's worker_threads) instantiate the same module on the same memory and
// compute bands of C's rows in place alongside the calling thread. The rows are cut into more
// bands than threads, large first and shrinking towards the end, and each thread takes the next
// band from a shared counter until none is left: a thread that starts late or runs slower (its
// data in the other core's cache) does less, and the last band, which the others wait for, is small.
// The calling thread waits for the bands to be done, not for every helper to report: a helper that
// wakes after the job is over (on a busy machine, a time slice later) claims nothing and costs nothing.
// A product is cut by rows only, so every entry of C is summed in the same order as on one thread:
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

// Slots of a helper's control block (an Int32Array on a SharedArrayBuffer): the job number it
// is woken with (negative: stop).
const SEQ = 0, SLOTS = 1;
// Slots of the job block all threads share: the product, its bands, the next band to take, how
// many bands are done, and whether one failed. Band t covers rows job[FIRST + t] to
// job[FIRST + t + 1]. NEXT holds the job's tag (times 1024) plus the next band: a thread claims a
// band by compare-and-swap on that pair, so one that wakes late, after its job is over, can claim
// nothing of the next one.
const A = 0, B = 1, C = 2, K = 4, M = 5, F32 = 6, BANDS = 8, NEXT = 9, DONE = 10, FAILED = 11, FIRST = 12,
  MAX_BANDS = 64, JOB_SLOTS = FIRST + MAX_BANDS + 1, TAG_SHIFT = 10;

/**
 * Claims bands of the current job and computes them until none is left (the same code runs in
 * every thread). The product's numbers are read before the claim: a claim that succeeds proves
 * they were still the job's, as the calling thread writes the next job only once all bands are done.
 */
const TAKE_BANDS = `function takeBands(job, kernels) {
  for (;;) {
    const claim = Atomics.load(job, ${NEXT}), t = claim & ${(1 << 10) - 1};
    const bands = job[${BANDS}];
    if (t >= bands) return;
    const f32 = job[${F32}] === 1, size = f32 ? 4 : 8, k = job[${K}], m = job[${M}];
    const a = job[${A}], b = job[${B}], c = job[${C}], r0 = job[${FIRST} + t], n = job[${FIRST} + t + 1] - r0;
    if (Atomics.compareExchange(job, ${NEXT}, claim, claim + 1) !== claim) continue;
    try {
      (f32 ? kernels.gemm_f32 : kernels.gemm_f64)(a + r0 * k * size, b, c + r0 * m * size, n, k, m);
    } catch (e) {
      Atomics.store(job, ${FAILED}, 1);
    }
    Atomics.add(job, ${DONE}, 1);
  }
}`;

/** The helper's program: wait to be woken, take bands while there are any, repeat. */
const WORKER_SOURCE = `
"use strict";
const { workerData } = require("worker_threads");
const { module, memory, control, jobBlock } = workerData;
const ctl = new Int32Array(control), job = new Int32Array(jobBlock);
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
${TAKE_BANDS}
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
  takeBands(job, kernels);
}
`;

/** The calling thread's copy of takeBands. */
const takeBands = new Function(`"use strict"; return ${TAKE_BANDS};`)() as (job: Int32Array, kernels: GemmKernels) => void;

/** The job block every helper reads (one product at a time: calls are synchronous). */
const jobBlock = new Int32Array(new SharedArrayBuffer(JOB_SLOTS * 4));
let jobTag = 0;

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

/** Node's process (undefined elsewhere), typed locally: the lib compiles without Node's types. */
export const nodeProcess = (globalThis as unknown as { process?: ProcessLike }).process;

function defaultThreads(): number {
  const asked = nodeProcess?.env?.NNBOOK_THREADS;
  if (asked !== undefined && asked !== "") {
    const n = Number(asked);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 64);
  }
  const os = nodeProcess?.getBuiltinModule?.("os") as { availableParallelism?(): number; cpus?(): unknown[] } | undefined;
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
      const threads = nodeProcess?.getBuiltinModule?.("worker_threads") as { Worker?: WorkerCtor } | undefined;
      if (!threads?.Worker) throw new Error("worker_threads is not available");
      const control = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
      const worker = new threads.Worker(WORKER_SOURCE, { eval: true,
        workerData: { module, memory, control: control.buffer, jobBlock: jobBlock.buffer } });
      worker.unref();
      const helper: Helper = { worker, control, seq: 0 };
      // A helper that dies is dropped (a product it was part of is redone here).
      worker.on("error", () => { helpers = helpers.filter((h) => h !== helper); });
      helpers.push(helper);
    } catch (e) {
      unavailable = (e as Error).message;
      return helpers.length > 0;
    }
  }
  return helpers.length > 0;
}

/**
 * Waits until all `bands` bands of the job are done, by whichever threads took them; false when
 * that takes longer than budgetMs (a helper that took a band died or hangs). A helper that has not
 * woken up yet is not waited for: it will find no band left. So a busy machine, where a helper
 * may wait a whole time slice to run, slows a product down by no more than the bands it took.
 */
function waitForBands(bands: number, budgetMs: number): boolean {
  for (const until = Date.now() + SPIN_MS; Date.now() <= until; ) {
    for (let i = 0; i < 1024; i++) if (Atomics.load(jobBlock, DONE) === bands) return true;
  }
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const done = Atomics.load(jobBlock, DONE);
    if (done === bands) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(jobBlock, DONE, done, Math.min(left, 1));
  }
}

/** The kernel entry points shared by the calling thread and the helpers. */
export interface GemmKernels {
  gemm_f64(a: number, b: number, c: number, n: number, k: number, m: number): void;
  gemm_f32(a: number, b: number, c: number, n: number, k: number, m: number): void;
}

/**
 * C (nP × mP, at byte offset c) = A (packed panels at a) · B (packed panels at b), nP a multiple
 * of 4: on several threads when the product is large, else on this one. Offsets are in bytes.
 */
export function runGemm(kernels: GemmKernels, module: object, memory: object, f32: boolean,
  a: number, b: number, c: number, nP: number, k: number, mP: number): void {
  const run = f32 ? kernels.gemm_f32 : kernels.gemm_f64;
  const panels = nP / 4;
  if (wanted < 2 || panels < 2 || nP * k * mP < PARALLEL_MIN_WORK || !ensureHelpers(module, memory)) {
    run(a, b, c, nP, k, mP);
    return;
  }
  const team = helpers.slice(0, Math.min(helpers.length, panels - 1));
  const job = jobBlock;
  job[A] = a; job[B] = b; job[C] = c; job[K] = k; job[M] = mP; job[F32] = f32 ? 1 : 0;
  // Bands of whole 4-row panels, large first and smaller towards the end (each a half of what is
  // left shared by the threads), so the thread that finishes last waits little for the others.
  const threads = team.length + 1;
  let bands = 0;
  for (let done = 0; done < panels && bands < MAX_BANDS - 1; bands++) {
    job[FIRST + bands] = 4 * done;
    done += Math.max(1, Math.ceil((panels - done) / (2 * threads)));
  }
  job[FIRST + bands] = nP;
  job[BANDS] = bands;
  job[DONE] = 0;
  job[FAILED] = 0;
  jobTag = (jobTag + 1) & ((1 << 20) - 1);
  Atomics.store(job, NEXT, jobTag << TAG_SHIFT); // publishes the job (a sequentially consistent store)
  for (const h of team) {
    h.seq = (h.seq % 0x3fffffff) + 1;
    Atomics.store(h.control, SEQ, h.seq);
    Atomics.notify(h.control, SEQ);
  }
  takeBands(job, kernels);
  // Generous: a helper is as fast as this thread; a minute past that, it is taken for dead.
  const budgetMs = 60_000 + (nP * k * mP) / 1e5;
  const finished = waitForBands(bands, budgetMs);
  if (finished && Atomics.load(job, FAILED) === 0) return;
  if (!finished) {
    // A helper took a band and never finished it: it is stopped, and no later job is shared with it.
    for (const h of team) stop(h);
    helpers = helpers.filter((h) => !team.includes(h));
  }
  // Close the job (a late helper finds nothing to claim) and redo the product here.
  Atomics.store(job, NEXT, (jobTag << TAG_SHIFT) | bands);
  run(a, b, c, nP, k, mP);
}
