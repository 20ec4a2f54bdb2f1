// `npm run bench` (not part of npm test; asserts nothing): the ops of issue 8 and one MNIST epoch
// of a 784-128-10 MLP through our autograd and fit, beside NumPy (scripts/bench_numpy.py, run by
// /usr/bin/python3 when it has numpy, OpenBLAS on one thread) and tfjs 4.22 (wasm backend, float32)
// in the same invocation. Prints medians and our time ratio to each (ours / theirs: below 1 means
// we are faster), and writes everything to bench/results/<date>-<backend>.json (-2, -3, ... when
// that file exists).
//
// Options: --quick (fewer repeats, 1 epoch), --epochs N, --no-numpy, --no-tfjs, --no-mnist,
// --out FILE. A child run (--memory-child) measures the float64 MLP's peak memory on its own.
// NNBOOK_WASM=0 benchmarks the pure TypeScript kernels.
import { spawnSync } from "child_process";
import { createRequire } from "module";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { np, nn, optim, train, NDArray } from "../lib/index";
import { loadMNIST } from "../datasets/mnist";
import { kernelInfo } from "../lib/ndarray/backend";

const args = process.argv.slice(2);
const KNOWN = new Set(["--quick", "--no-numpy", "--no-tfjs", "--no-mnist", "--memory-child"]);
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--epochs" || args[i] === "--out") { i++; continue; }
  if (!KNOWN.has(args[i])) {
    console.error(`bench: unknown option ${args[i]} (known: --quick, --epochs N, --no-numpy, --no-tfjs, --no-mnist, --out FILE)`);
    process.exit(2);
  }
}
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const quick = flag("--quick");
const repeats = quick ? 5 : 20;
const epochs = Number(option("--epochs", quick ? "1" : "3"));
// npm run starts scripts in the package's folder; the compiled script lives in a temp folder.
const repoRoot = process.cwd();

/** Median wall time in ms of fn over `repeats` runs, after two warm-up runs. */
function medianMs(fn: () => unknown, n = repeats): number {
  fn(); fn();
  const times: number[] = [];
  for (let r = 0; r < n; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)];
}

interface OpSpec { key: string; label: string; unit: "GFLOP/s" | "M elem/s"; work: number }
const OPS: OpSpec[] = [
  { key: "matmul512_f64", label: "matmul 512×512 float64", unit: "GFLOP/s", work: 2 * 512 ** 3 / 1e9 },
  { key: "matmul512_f32", label: "matmul 512×512 float32", unit: "GFLOP/s", work: 2 * 512 ** 3 / 1e9 },
  { key: "exp_1e6_f64", label: "exp on 1e6 float64", unit: "M elem/s", work: 1 },
  { key: "add_bcast_1000_f64", label: "(1000×1000) + (1000,) float64", unit: "M elem/s", work: 1 },
  { key: "sum_axis0_1000_f64", label: "sum axis 0 of 1000×1000 float64", unit: "M elem/s", work: 1 },
];

function ourOps(): Record<string, number> {
  np.random.seed(0);
  const a64 = np.random.rand(512, 512), b64 = np.random.rand(512, 512);
  const a32 = a64.astype("float32"), b32 = b64.astype("float32");
  const x = np.random.rand(1_000_000).multiply(2).subtract(1);
  const m = np.random.rand(1000, 1000), row = np.random.rand(1000);
  return {
    matmul512_f64: medianMs(() => a64.matmul(b64)),
    matmul512_f32: medianMs(() => a32.matmul(b32)),
    exp_1e6_f64: medianMs(() => x.exp()),
    add_bcast_1000_f64: medianMs(() => m.add(row)),
    sum_axis0_1000_f64: medianMs(() => m.sum({ axis: 0 })),
  };
}

interface MnistRun { epochMs: number; epochsMs: number[]; testAccuracy: number }
interface Mnist { xTrain: NDArray; yTrain: NDArray; xTest: NDArray; yTest: NDArray }

/** fit on all 60,000 images, batch 64, SGD(0.1, momentum 0.9): the training loop's time per epoch. */
function ourMnist(data: Mnist, dtype: "float64" | "float32"): MnistRun {
  np.random.seed(0);
  const net = new nn.Sequential(new nn.Linear(784, 128, { init: "heNormal", dtype }), new nn.ReLU(),
    new nn.Linear(128, 10, { init: "xavierNormal", dtype }));
  const x = data.xTrain.astype(dtype);
  const epochsMs: number[] = [];
  let t0 = 0;
  train.fit(net, {
    x, y: data.yTrain, loss: nn.crossEntropy, optimizer: new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 }),
    epochs, batchSize: 64, verbose: false,
    callbacks: [{ onTrainBegin: () => { t0 = performance.now(); },
      onEpochEnd: () => { epochsMs.push(performance.now() - t0); t0 = performance.now(); } }],
  });
  const testAccuracy = train.accuracy(train.predict(net, data.xTest.astype(dtype)), data.yTest);
  return { epochMs: [...epochsMs].sort((a, b) => a - b)[Math.floor(epochsMs.length / 2)], epochsMs, testAccuracy };
}

/** The MNIST arrays as uint8 for bench_numpy.py: a JSON header of [name, count] then the bytes. */
function writeMnistFor(data: Mnist, file: string): void {
  const parts: [string, NDArray][] = [["xTrain", data.xTrain], ["yTrain", data.yTrain], ["xTest", data.xTest], ["yTest", data.yTest]];
  const bytes = parts.map(([name, a]) => {
    const v = a.toTypedArray();
    const u8 = new Uint8Array(v.length);
    const scale = name.startsWith("x") ? 255 : 1;
    for (let i = 0; i < v.length; i++) u8[i] = Math.round(v[i] * scale);
    return u8;
  });
  const header = Buffer.from(JSON.stringify(parts.map(([name], i) => [name, bytes[i].length])));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  fs.writeFileSync(file, Buffer.concat([len, header, ...bytes.map((b) => Buffer.from(b.buffer))]));
}

function runNumpy(mnistFile: string | null): any {
  const python = "/usr/bin/python3";
  if (flag("--no-numpy") || !fs.existsSync(python)) return null;
  const probe = spawnSync(python, ["-c", "import numpy"], { encoding: "utf8" });
  if (probe.status !== 0) { console.log("(NumPy skipped: /usr/bin/python3 has no numpy; apt-get install python3-numpy)"); return null; }
  const script = path.join(repoRoot, "scripts", "bench_numpy.py");
  const argv = [script, "--repeats", String(repeats), ...(mnistFile ? ["--mnist", mnistFile, "--epochs", String(epochs)] : [])];
  const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  const run = spawnSync(python, argv, { encoding: "utf8", env, maxBuffer: 1 << 24 });
  if (run.status !== 0) { console.log(`(NumPy run failed: ${run.stderr.trim().split("\n").pop()})`); return null; }
  return JSON.parse(run.stdout);
}

async function runTfjs(data: Mnist | null): Promise<any> {
  if (flag("--no-tfjs")) return null;
  let tf: any;
  try {
    // resolved from the project (the compiled script runs from a temp folder)
    const projectRequire = createRequire(path.join(repoRoot, "package.json"));
    tf = projectRequire("@tensorflow/tfjs");
    const wasm = projectRequire("@tensorflow/tfjs-backend-wasm");
    wasm.setWasmPaths(path.join(path.dirname(projectRequire.resolve("@tensorflow/tfjs-backend-wasm")), path.sep));
    await tf.setBackend("wasm");
    await tf.ready();
  } catch (e) {
    console.log(`(tfjs skipped: ${(e as Error).message.split("\n")[0]})`);
    return null;
  }
  const tfMedian = (f: () => any) => medianMs(() => tf.tidy(() => { const r = f(); r.dataSync(); }));
  const rand = (shape: number[]) => tf.randomUniform(shape, 0, 1, "float32", 0);
  const a = rand([512, 512]), b = rand([512, 512]), x = rand([1_000_000]), m = rand([1000, 1000]), row = rand([1000]);
  const ops = {
    matmul512_f32: tfMedian(() => tf.matMul(a, b)),
    exp_1e6_f64: tfMedian(() => tf.exp(x)),
    add_bcast_1000_f64: tfMedian(() => tf.add(m, row)),
    sum_axis0_1000_f64: tfMedian(() => tf.sum(m, 0)),
  };
  let mnist: MnistRun | null = null;
  if (data) {
    // One epoch (tfjs takes several seconds per epoch): the same MLP, float32, softmax + cross-entropy.
    const model = tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: "relu", kernelInitializer: "heNormal" }),
      tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: "glorotNormal" })] });
    model.compile({ optimizer: tf.train.momentum(0.1, 0.9), loss: "categoricalCrossentropy" });
    const xs = tf.tensor2d(data.xTrain.toTypedArray() as Float32Array, [60000, 784]);
    const ys = tf.oneHot(tf.tensor1d(data.yTrain.toTypedArray() as Int32Array, "int32"), 10);
    const t0 = performance.now();
    await model.fit(xs, ys, { epochs: 1, batchSize: 64, shuffle: true, verbose: 0 });
    const epochMs = performance.now() - t0;
    const xt = tf.tensor2d(data.xTest.toTypedArray() as Float32Array, [10000, 784]);
    const predicted = model.predict(xt).argMax(1).dataSync();
    const labels = data.yTest.toTypedArray();
    let right = 0;
    for (let i = 0; i < labels.length; i++) right += +(predicted[i] === labels[i]);
    mnist = { epochMs, epochsMs: [epochMs], testAccuracy: right / labels.length };
  }
  return { version: tf.version.tfjs, backend: tf.getBackend(), ops, mnist };
}

const fmt = (v: number | undefined, digits = 1) => (v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(digits));

/**
 * `--memory-child`: this process only trains the float64 MLP for one epoch on all 60,000 images
 * (loaded straight as float64) and prints its peak RSS, the figure to set beside NumPy's whole
 * process. The main run holds float32 copies and the other runs too, so its own peak says less.
 */
function memoryChild(): void {
  const tr = loadMNIST({ flatten: true, dtype: "float64" });
  np.random.seed(0);
  const net = new nn.Sequential(new nn.Linear(784, 128, { init: "heNormal" }), new nn.ReLU(), new nn.Linear(128, 10, { init: "xavierNormal" }));
  train.fit(net, { x: tr.images, y: tr.labels, loss: nn.crossEntropy, optimizer: new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 }),
    epochs: 1, batchSize: 64, verbose: false });
  console.log(JSON.stringify({ peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

/** Peak RSS in MiB of a separate process training the float64 MLP (see memoryChild). */
function mlpPeakRss(): number | undefined {
  const run = spawnSync(process.execPath, [process.argv[1], "--memory-child"], { encoding: "utf8", cwd: repoRoot });
  if (run.status !== 0) { console.log(`(memory run failed: ${run.stderr.trim().split("\n").pop()})`); return undefined; }
  return JSON.parse(run.stdout.trim().split("\n").pop()!).peakRssMiB;
}

async function main(): Promise<void> {
  if (flag("--memory-child")) { memoryChild(); return; }
  const kernels = kernelInfo();
  const load = () => os.loadavg()[0].toFixed(1);
  const loadBefore = load();
  console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}); our kernels: ${kernels}; ` +
    `load average ${loadBefore} (other work on the machine slows every column)`);
  const ours = ourOps();
  let data: Mnist | null = null;
  let mnistFile: string | null = null;
  const oursMnist: Record<string, MnistRun> = {};
  if (!flag("--no-mnist")) {
    const tr = loadMNIST({ flatten: true }), te = loadMNIST({ split: "test", flatten: true });
    data = { xTrain: tr.images, yTrain: tr.labels, xTest: te.images, yTest: te.labels };
    oursMnist.f64 = ourMnist(data, "float64");
    oursMnist.f32 = ourMnist(data, "float32");
    mnistFile = path.join(os.tmpdir(), `nnbook-bench-mnist-${process.pid}.bin`);
    writeMnistFor(data, mnistFile);
  }
  const ourPeakRssMiB = process.resourceUsage().maxRSS / 1024;
  const mlpRssMiB = flag("--no-mnist") ? undefined : mlpPeakRss();
  const numpy = runNumpy(mnistFile);
  if (mnistFile) fs.rmSync(mnistFile, { force: true });
  const tfjs = await runTfjs(data);

  // The table: throughput for ops, seconds per epoch for MNIST; ratios are time ours / theirs.
  const rows: string[][] = [["work", "unit", "ours", "NumPy", "tfjs wasm (f32)", "ours/NumPy time", "ours/tfjs time"]];
  // work is in GFLOP or in millions of elements, so work / seconds is the unit shown.
  const rate = (spec: OpSpec, ms: number | undefined) => (ms === undefined ? undefined : spec.work / (ms / 1000));
  for (const spec of OPS) {
    const oursMs = ours[spec.key], npMs: number | undefined = numpy?.ops?.[spec.key], tfMs: number | undefined = tfjs?.ops?.[spec.key];
    rows.push([spec.label, spec.unit, fmt(rate(spec, oursMs)), fmt(rate(spec, npMs)), fmt(rate(spec, tfMs)),
      npMs ? (oursMs / npMs).toFixed(2) : "—", tfMs ? (oursMs / tfMs).toFixed(2) : "—"]);
  }
  for (const dt of ["f64", "f32"] as const) {
    const o = oursMnist[dt];
    if (!o) continue;
    const n = numpy?.mnist?.[dt], t = dt === "f32" ? tfjs?.mnist : null;
    rows.push([`MNIST epoch, MLP 784-128-10, ${dt === "f64" ? "float64" : "float32"}`, "s/epoch", fmt(o.epochMs / 1000, 2),
      fmt(n && n.epochMs / 1000, 2), fmt(t ? t.epochMs / 1000 : undefined, 2),
      n ? (o.epochMs / n.epochMs).toFixed(2) : "—", t ? (o.epochMs / t.epochMs).toFixed(3) : "—"]);
    rows.push([`  test accuracy after ${epochs} epoch(s) (tfjs: 1)`, "%", (o.testAccuracy * 100).toFixed(2),
      n ? (n.testAccuracy * 100).toFixed(2) : "—", t ? (t.testAccuracy * 100).toFixed(2) : "—", "", ""]);
  }
  rows.push(["peak RSS, whole process", "MiB", fmt(ourPeakRssMiB), fmt(numpy?.peakRssMiB), "", "", ""]);
  if (mlpRssMiB !== undefined) {
    rows.push(["peak RSS, float64 MLP epoch alone (NumPy: whole)", "MiB", fmt(mlpRssMiB), fmt(numpy?.peakRssMiB), "",
      numpy?.peakRssMiB ? (mlpRssMiB / numpy.peakRssMiB).toFixed(2) : "—", ""]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  const loadAfter = load();
  console.log(`ops: medians of ${repeats} runs; MNIST: median epoch of ${epochs}; NumPy on 1 OpenBLAS thread; load average ${loadBefore} → ${loadAfter}.`);

  const result = {
    date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length, kernels,
    loadAverage: [Number(loadBefore), Number(loadAfter)], repeats, epochs, unitsNote: "ops in ms (median); MNIST epochMs in ms",
    ours: { ops: ours, mnist: oursMnist, peakRssMiB: ourPeakRssMiB, mlpPeakRssMiB: mlpRssMiB }, numpy, tfjs,
  };
  // A new file per run (a second run on one day gets -2, ...): results cited elsewhere stay as they were.
  const stem = path.join(repoRoot, "bench", "results", `${result.date.slice(0, 10)}-${kernels.startsWith("wasm") ? "wasm" : "ts"}`);
  let fresh = `${stem}.json`;
  for (let k = 2; fs.existsSync(fresh); k++) fresh = `${stem}-${k}.json`;
  const out = option("--out", fresh);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
