// The training loop that hides inside `.fit()`: for each epoch, shuffle, cut batches, forward,
// loss, backward, step; then evaluate, report, and decide whether to stop early.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { formatShape, NDArrayError, ShapeError, ValueError } from "../ndarray/errors";
import { isFloat } from "../ndarray/dtype";
import { RandomState, globalState } from "../ndarray/random";
import * as np from "../ndarray/np";
import { noGrad, Tensor } from "../autograd/tensor";
import { Module, StateDict } from "../nn/module";
import { Optimizer } from "../optim/optimizers";
import { LRSchedule } from "../optim/schedules";
import { clipGradNorm } from "../optim/clip";
import { accuracy } from "./metrics";

export type LossFn = (yHat: Tensor, y: NDArray) => Tensor;
export interface Metric { name: string; fn: (yHat: NDArray, y: NDArray) => number }
export type Logs = Record<string, number>;

export interface Callback {
  onTrainBegin?(): void;
  /** Return "stop" to end training after this epoch. */
  onEpochEnd?(epoch: number, logs: Logs, history: History): void | "stop";
  onBatchEnd?(batch: number, logs: Logs): void;
  onTrainEnd?(history: History): void;
}

/** Whether a monitored value improves upward: by `mode`, or (auto) by its name, as Keras guesses. */
function maximizes(op: string, monitor: string, mode: "min" | "max" | "auto" = "auto"): boolean {
  if (mode !== "min" && mode !== "max" && mode !== "auto") {
    throw new ValueError(op, `mode must be "min", "max" or "auto", got ${JSON.stringify(mode)}`);
  }
  return mode === "auto" ? /acc|precision|recall|f1|auc/i.test(monitor) : mode === "max";
}

export interface EarlyStopping {
  /** Epochs without improvement before stopping. */
  patience: number;
  /** What to watch: "valLoss" (default with validation data), "loss", "valAccuracy", ... */
  monitor?: string;
  /**
   * Whether the monitored value should go down ("min") or up ("max"). "auto" (the default), as in
   * Keras: up for accuracy, precision, recall, F1 and AUC (by name, "valF1" too), down for the rest.
   */
  mode?: "min" | "max" | "auto";
  /** Smallest change that counts as an improvement. */
  minDelta?: number;
  /** Put back the weights of the best epoch when training stops. */
  restoreBestWeights?: boolean;
}

export interface FitOptions {
  x: ArrayInput;
  y: ArrayInput;
  loss: LossFn;
  optimizer: Optimizer;
  epochs: number;
  /** Samples per update: the whole set (batch gradient descent), 1 (stochastic) or anything between. Default 32. */
  batchSize?: number;
  shuffle?: boolean;
  /** Generator for shuffling; np.random's global one by default (seed it for reproducible runs). */
  rng?: RandomState;
  validationData?: [ArrayInput, ArrayInput];
  metrics?: (string | Metric)[];
  earlyStopping?: EarlyStopping;
  callbacks?: Callback[];
  schedule?: LRSchedule;
  /** Clip the gradients' joint norm before each step. */
  clipNorm?: number;
  /** Print a line per epoch (default true). */
  verbose?: boolean;
  /** Where progress lines go (default console.log). */
  log?: (line: string) => void;
}

export interface History {
  /** Per-epoch values: loss, each metric, and their val... twins. */
  history: Record<string, number[]>;
  epochs: number;
  /** Epoch (1-based) with the best monitored value, when early stopping watched one. */
  bestEpoch?: number;
  stoppedEarly: boolean;
}

/** Training produced a non-finite loss: the run cannot go on meaningfully. */
export class TrainingError extends NDArrayError {
  constructor(sentence: string, hint?: string) {
    super("value", "fit", sentence, [], hint);
  }
}

function resolveMetric(m: string | Metric): Metric {
  if (typeof m !== "string") return m;
  if (m === "accuracy") return { name: "accuracy", fn: (yHat, y) => accuracy(yHat, y) };
  throw new ValueError("fit", `unknown metric ${JSON.stringify(m)}`, [], "use \"accuracy\" or pass { name, fn }");
}

function asFloat(x: ArrayInput): NDArray {
  const a = asarray(x);
  return isFloat(a.dtype) ? a : a.astype("float64");
}

function checkPair(op: string, x: NDArray, y: NDArray, what: string): void {
  if (x.ndim === 0 || y.ndim === 0 || x.shape[0] !== y.shape[0]) {
    throw new ShapeError(op, `${what ? what + " " : ""}x has shape ${formatShape(x.shape)} but y has shape ${formatShape(y.shape)}; ` +
      `they need the same number of samples along axis 0`, [x.shape, y.shape]);
  }
}

/** Runs the model on x in batches, in eval mode, without recording a graph. */
export function predict(model: Module, x: ArrayInput, options: { batchSize?: number } = {}): NDArray {
  const data = asFloat(x);
  const batchSize = options.batchSize ?? 256;
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => {
      // An empty set still goes through the model once, so the output has its shape: (0, outputs).
      if (data.shape[0] === 0) return model.forward(new Tensor(data)).value;
      const parts: NDArray[] = [];
      for (let start = 0; start < data.shape[0]; start += batchSize) {
        parts.push(model.forward(new Tensor(data.slice(`${start}:${start + batchSize}`))).value);
      }
      return parts.length === 1 ? parts[0] : np.concatenate(parts, { axis: 0 });
    });
  } finally {
    model.train(wasTraining);
  }
}

/** Loss and metrics of the model on a whole set (eval mode). */
export function evaluate(model: Module, x: ArrayInput, y: ArrayInput,
  options: { loss: LossFn; metrics?: (string | Metric)[]; batchSize?: number }): Logs {
  const xs = asFloat(x), ys = asarray(y);
  checkPair("evaluate", xs, ys, "");
  const yHat = predict(model, xs, { batchSize: options.batchSize });
  const logs: Logs = { loss: options.loss(new Tensor(yHat), ys).item() };
  for (const m of (options.metrics ?? []).map(resolveMetric)) logs[m.name] = m.fn(yHat, ys);
  return logs;
}

const formatLogs = (logs: Logs): string =>
  Object.entries(logs).map(([k, v]) => `${k}: ${Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4)}`).join(" - ");

/**
 * Trains `model` and returns the per-epoch history. Throws a TrainingError naming the epoch and
 * batch if the loss stops being a finite number.
 */
export function fit(model: Module, options: FitOptions): History {
  const x = asFloat(options.x), y = asarray(options.y);
  checkPair("fit", x, y, "");
  const n = x.shape[0];
  if (!Number.isInteger(options.epochs) || options.epochs < 1) {
    throw new ValueError("fit", `epochs must be a positive integer, got ${options.epochs}`);
  }
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ValueError("fit", `batchSize must be a positive integer, got ${batchSize}`, [], `use ${n} for full-batch gradient descent`);
  }
  const validation = options.validationData ? [asFloat(options.validationData[0]), asarray(options.validationData[1])] as const : null;
  if (validation) checkPair("fit", validation[0], validation[1], "validation");
  const metrics = (options.metrics ?? []).map(resolveMetric);
  const rng = options.rng ?? globalState;
  const log = options.log ?? ((line: string) => console.log(line));
  const verbose = options.verbose ?? true;
  const callbacks = options.callbacks ?? [];

  const stopping = options.earlyStopping;
  const monitor = stopping?.monitor ?? (validation ? "valLoss" : "loss");
  const maximize = maximizes("fit", monitor, stopping?.mode);
  let best = maximize ? -Infinity : Infinity;
  let bestEpoch = 0;
  let bestState: StateDict | null = null;
  let waited = 0;

  const history: History = { history: {}, epochs: 0, stoppedEarly: false };
  const record = (key: string, value: number) => { (history.history[key] ??= []).push(value); };
  callbacks.forEach((c) => c.onTrainBegin?.());

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const started = Date.now();
    model.train();
    const order = options.shuffle === false ? np.arange(0, n, 1, { dtype: "int32" }) : rng.permutation(n);
    let lossSum = 0;
    const metricSums = metrics.map(() => 0);
    let batch = 0;
    for (let start = 0; start < n; start += batchSize, batch++) {
      const size = Math.min(batchSize, n - start);
      const idx = new NDArray(order.data, [size], undefined, order.offset + start, order.dtype); // this batch's rows, a view
      const xb = np.take(x, idx, { axis: 0 }), yb = np.take(y, idx, { axis: 0 });
      const yHat = model.forward(new Tensor(xb));
      const loss = options.loss(yHat, yb);
      const value = loss.item();
      if (!Number.isFinite(value)) {
        throw new TrainingError(`loss became ${value} at epoch ${epoch + 1}, batch ${batch + 1}`,
          "lower the learning rate, clip gradients (clipNorm), or check the inputs for NaN/Infinity");
      }
      options.optimizer.zeroGrad();
      loss.backward();
      if (options.clipNorm !== undefined) clipGradNorm(options.optimizer.params, options.clipNorm);
      options.optimizer.step();
      lossSum += value * size;
      metrics.forEach((m, i) => { metricSums[i] += m.fn(yHat.value, yb) * size; });
      callbacks.forEach((c) => c.onBatchEnd?.(batch, { loss: value }));
    }
    const logs: Logs = { loss: lossSum / n };
    metrics.forEach((m, i) => { logs[m.name] = metricSums[i] / n; });
    if (validation) {
      const v = evaluate(model, validation[0], validation[1], { loss: options.loss, metrics, batchSize: Math.max(batchSize, 256) });
      for (const [k, value] of Object.entries(v)) logs[`val${k[0].toUpperCase()}${k.slice(1)}`] = value;
    }
    for (const [k, v] of Object.entries(logs)) record(k, v);
    record("lr", options.optimizer.lr);
    history.epochs = epoch + 1;
    if (verbose) log(`Epoch ${epoch + 1}/${options.epochs} - ${((Date.now() - started) / 1000).toFixed(1)}s - ${formatLogs(logs)}`);
    options.schedule?.step();

    let stop = callbacks.map((c) => c.onEpochEnd?.(epoch, logs, history)).includes("stop");
    if (stopping) {
      const current = logs[monitor];
      if (current === undefined) {
        throw new ValueError("fit", `earlyStopping monitors ${JSON.stringify(monitor)}, which is not logged`, [],
          `logged values: ${Object.keys(logs).join(", ")}`);
      }
      const delta = stopping.minDelta ?? 0;
      if (maximize ? current > best + delta : current < best - delta) {
        best = current;
        bestEpoch = epoch + 1;
        waited = 0;
        if (stopping.restoreBestWeights) bestState = model.stateDict();
      } else if (++waited >= stopping.patience) {
        stop = true;
        history.stoppedEarly = true;
        if (verbose) log(`Early stopping: ${monitor} has not improved for ${stopping.patience} epochs; best was ${best.toFixed(4)} at epoch ${bestEpoch}`);
      }
      history.bestEpoch = bestEpoch;
    }
    if (stop) break;
  }
  if (stopping?.restoreBestWeights && bestState) model.loadStateDict(bestState);
  callbacks.forEach((c) => c.onTrainEnd?.(history));
  return history;
}

export interface RestartResult<M extends Module> {
  model: M;
  history: History;
  /** The monitored value of every run, best one at `bestIndex`. */
  scores: number[];
  bestIndex: number;
}

/**
 * Random restarts: trains `restarts` copies from seeds seed, seed+1, ... (np.random is seeded
 * before each build) and keeps the one with the best final monitored value.
 */
export function randomRestarts<M extends Module>(options: {
  restarts: number;
  seed: number;
  build: () => { model: M; optimizer: Optimizer };
  fit: Omit<FitOptions, "optimizer">;
  monitor?: string;
  /** As EarlyStopping's mode: "auto" (default) maximizes accuracy-like names, else minimizes. */
  mode?: "min" | "max" | "auto";
}): RestartResult<M> {
  if (!Number.isInteger(options.restarts) || options.restarts < 1) {
    throw new ValueError("randomRestarts", `restarts must be a positive integer, got ${options.restarts}`);
  }
  const monitor = options.monitor ?? (options.fit.validationData ? "valLoss" : "loss");
  const maximize = maximizes("randomRestarts", monitor, options.mode);
  let bestRun: { model: M; history: History } | null = null;
  const scores: number[] = [];
  let bestIndex = 0;
  for (let k = 0; k < options.restarts; k++) {
    globalState.seed(options.seed + k);
    const { model, optimizer } = options.build();
    const history = fit(model, { ...options.fit, optimizer });
    const values = history.history[monitor];
    if (!values) throw new ValueError("randomRestarts", `${JSON.stringify(monitor)} is not logged by fit`);
    const score = values[values.length - 1];
    scores.push(score);
    if (bestRun === null || (maximize ? score > scores[bestIndex] : score < scores[bestIndex])) {
      bestRun = { model, history };
      bestIndex = k;
    }
  }
  return { ...bestRun!, scores, bestIndex };
}
