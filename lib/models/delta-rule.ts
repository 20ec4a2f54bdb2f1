// The delta rule (lesson 06): gradient descent on the squared error of one sigmoid unit
// ŷ = f(h), h = x·W + b, f = σ. Over m records, with E = (1/2m) Σ (y − ŷ)²:
//   error term  δ = (y − ŷ) f'(h),   f'(h) = f(h)(1 − f(h))
//   weight step ΔW = (η/m) Σ δ·x,    bias step Δb = (η/m) Σ δ
// The course writes this as a loop over records (accumulate δ·x, then update once per epoch); the
// vectorized form computes the same sum as Xᵀδ. Weights start from N(0, 1/n), i.e. scale 1/√n.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { RandomState, globalState } from "../ndarray/random";
import { ValueError } from "../ndarray/errors";
import { sigmoid } from "../nn/activations";
import { asFeatures, asTargets, asWeights, checkEpochs, checkLearningRate, checkNumber } from "./validate";

export type DeltaRuleForm = "vectorized" | "loop";

export interface DeltaRuleStepOptions {
  /** "vectorized" (default): ΔW = Xᵀδ; "loop": the course's record-by-record accumulation. */
  form?: DeltaRuleForm;
  /** Update b too (default true); with false, b is returned unchanged. */
  updateBias?: boolean;
}

/** The summed weight and bias steps Σ δ·x and Σ δ over the records, one record at a time. */
function sumsLoop(x: NDArray, t: NDArray, W: NDArray, b: number): { dW: NDArray; db: number } {
  const [m, n] = x.shape;
  const rows = x.toTypedArray(), w = W.toTypedArray(), targets = t.toTypedArray();
  const dW = new Float64Array(n);
  let db = 0;
  for (let i = 0; i < m; i++) {
    let h = b;
    for (let j = 0; j < n; j++) h += rows[i * n + j] * w[j];
    const output = 1 / (1 + Math.exp(-h));
    const errorTerm = (targets[i] - output) * output * (1 - output); // δ = (y − ŷ) f'(h)
    for (let j = 0; j < n; j++) dW[j] += errorTerm * rows[i * n + j];
    db += errorTerm;
  }
  return { dW: new NDArray(dW, [n]), db };
}

/** The same sums as whole-array operations: δ = (y − ŷ)·ŷ(1 − ŷ), Σ δ·x = Xᵀδ. */
function sumsVectorized(x: NDArray, t: NDArray, W: NDArray, b: number): { dW: NDArray; db: number } {
  const output = sigmoid(x.matmul(W).add(b));
  const errorTerm = t.subtract(output).multiply(output).multiply(output.multiply(-1).add(1));
  return { dW: x.T.matmul(errorTerm), db: errorTerm.sum().item() };
}

function checkForm(op: string, form: string): void {
  if (form !== "vectorized" && form !== "loop") throw new ValueError(op, `form must be "vectorized" or "loop", got ${JSON.stringify(form)}`);
}

/**
 * One epoch of the delta rule: W + lr·(Σ δ·x)/m and b + lr·(Σ δ)/m. Targets must lie in [0, 1]
 * (a sigmoid cannot reach anything else). Inputs are not modified.
 */
export function deltaRuleStep(W: ArrayInput, b: number, X: ArrayInput, y: ArrayInput, lr: number,
  options: DeltaRuleStepOptions = {}): { W: NDArray; b: number } {
  const op = "deltaRuleStep";
  const x = asFeatures(op, X);
  const [m, n] = x.shape;
  const w = asWeights(op, W, n);
  const t = asTargets(op, y, m, { range: [0, 1] });
  checkNumber(op, "b", b);
  checkLearningRate(op, lr);
  const { form = "vectorized", updateBias = true } = options;
  checkForm(op, form);
  const { dW, db } = form === "loop" ? sumsLoop(x, t, w, b) : sumsVectorized(x, t, w, b);
  return { W: w.add(dW.multiply(lr / m)), b: updateBias ? b + (lr * db) / m : b };
}

/** Mean squared error mean((y − ŷ)²) of the sigmoid unit: the number the course prints while training. */
export function sigmoidUnitMSE(X: ArrayInput, y: ArrayInput, W: ArrayInput, b = 0): number {
  const x = asFeatures("sigmoidUnitMSE", X);
  const t = asTargets("sigmoidUnitMSE", y, x.shape[0]);
  const w = asWeights("sigmoidUnitMSE", W, x.shape[1]);
  checkNumber("sigmoidUnitMSE", "b", b);
  return sigmoid(x.matmul(w).add(b)).subtract(t).square().mean().item();
}

export interface DeltaRuleOptions {
  /** Learning rate η (default 0.5, the course's). */
  lr?: number;
  /** Epochs (default 1000). */
  epochs?: number;
  /** Seed for the starting weights N(0, 1/n); np.random's global state if absent (so np.random.seed works). */
  seed?: number;
  /** Starting weights instead of random ones. */
  W?: ArrayInput;
  /** Learn a bias b (starting at 0). Default false: the course's unit has no bias term. */
  bias?: boolean;
  form?: DeltaRuleForm;
}

export interface DeltaRuleResult {
  W: NDArray;
  /** The learned bias (0 when `bias` is false). */
  b: number;
  /** Mean squared error before training (losses[0]) and after each epoch. */
  losses: number[];
}

/** Starting weights of scale 1/√n: N(0, 1/n), shape (n,). */
export function deltaRuleInit(n: number, options: { seed?: number } = {}): NDArray {
  if (!Number.isInteger(n) || n < 1) throw new ValueError("deltaRuleInit", `n must be a positive whole number, got ${String(n)}`);
  const rng = options.seed === undefined ? globalState : new RandomState(options.seed);
  return rng.normal(0, 1 / Math.sqrt(n), [n]);
}

/** Trains one sigmoid unit with the delta rule (batch gradient descent on the squared error). */
export function trainDeltaRule(X: ArrayInput, y: ArrayInput, options: DeltaRuleOptions = {}): DeltaRuleResult {
  const op = "trainDeltaRule";
  const x = asFeatures(op, X);
  const [m, n] = x.shape;
  const t = asTargets(op, y, m, { range: [0, 1] });
  const { lr = 0.5, epochs = 1000, bias = false, form = "vectorized" } = options;
  checkLearningRate(op, lr);
  checkEpochs(op, epochs);
  checkForm(op, form);
  let W = options.W === undefined ? deltaRuleInit(n, { seed: options.seed }) : asWeights(op, options.W, n).copy();
  let b = 0;
  const mse = (): number => sigmoid(x.matmul(W).add(b)).subtract(t).square().mean().item();
  const losses = [mse()];
  for (let epoch = 0; epoch < epochs; epoch++) {
    ({ W, b } = deltaRuleStep(W, b, x, t, lr, { form, updateBias: bias }));
    losses.push(mse());
  }
  return { W, b, losses };
}
