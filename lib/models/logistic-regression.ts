// Logistic regression (lessons 04–05): ŷ = σ(x·W + b), the probability that x has label 1, trained
// by gradient descent on the log-loss
//   E(W, b) = −(1/m) Σᵢ [yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)].
// For one point the gradient is ∇E = −(y − ŷ)(x₁, …, xₙ, 1), so a descent step is
//   W ← W + α(y − ŷ)x,  b ← b + α(y − ŷ)
// (averaged over the points in the batch version). The same model can be fitted by gradient ascent
// on the log-likelihood ℓ = Σᵢ [yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)] = −m·E: ∂ℓ/∂W = Σᵢ (yᵢ − ŷᵢ)xᵢ.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import * as np from "../ndarray/np";
import { RandomState } from "../ndarray/random";
import { ValueError } from "../ndarray/errors";
import { sigmoid } from "../nn/activations";
import { asFeatures, asTargets, asWeights, checkEpochs, checkLearningRate, checkNumber } from "./validate";

interface Checked { x: NDArray; t: NDArray; w: NDArray }

function checked(op: string, X: ArrayInput, y: ArrayInput, W: ArrayInput, b: number): Checked {
  const x = asFeatures(op, X);
  const t = asTargets(op, y, x.shape[0], { range: [0, 1] });
  const w = asWeights(op, W, x.shape[1]);
  checkNumber(op, "b", b);
  return { x, t, w };
}

/** Probabilities ŷ = σ(X·W + b), shape (m,). */
export function logisticPredict(X: ArrayInput, W: ArrayInput, b: number): NDArray {
  const x = asFeatures("logisticPredict", X);
  const w = asWeights("logisticPredict", W, x.shape[1]);
  checkNumber("logisticPredict", "b", b);
  return sigmoid(x.matmul(w).add(b));
}

/**
 * Per-point log-loss −[y ln σ(z) + (1 − y) ln(1 − σ(z))] written with the score z = x·W + b as
 * max(z, 0) − y·z + ln(1 + e^−|z|), which equals it exactly but never takes the log of 0.
 */
function pointLosses(x: NDArray, t: NDArray, w: NDArray, b: number): NDArray {
  const z = x.matmul(w).add(b);
  return z.maximum(0).subtract(z.multiply(t)).add(np.log1p(z.abs().negative().exp()));
}

/** The mean log-loss E(W, b) over the points (the error the course minimizes). */
export function logLoss(X: ArrayInput, y: ArrayInput, W: ArrayInput, b: number): number {
  const { x, t, w } = checked("logLoss", X, y, W, b);
  return pointLosses(x, t, w, b).mean().item();
}

/** ∂E/∂W = −(1/m) Σᵢ (yᵢ − ŷᵢ)xᵢ and ∂E/∂b = −(1/m) Σᵢ (yᵢ − ŷᵢ): the course's −(y − ŷ)(x, 1), averaged. */
export function logisticGradient(X: ArrayInput, y: ArrayInput, W: ArrayInput, b: number): { dW: NDArray; db: number } {
  const { x, t, w } = checked("logisticGradient", X, y, W, b);
  const error = t.subtract(sigmoid(x.matmul(w).add(b))); // y − ŷ, one per point
  const m = x.shape[0];
  return { dW: x.T.matmul(error).multiply(-1 / m), db: -error.sum().item() / m };
}

/** One batch gradient-descent step: W − lr·∂E/∂W, b − lr·∂E/∂b. Inputs are not modified. */
export function logisticRegressionStep(W: ArrayInput, b: number, X: ArrayInput, y: ArrayInput, lr: number): { W: NDArray; b: number } {
  checkLearningRate("logisticRegressionStep", lr);
  const { dW, db } = logisticGradient(X, y, W, b);
  return { W: asWeights("logisticRegressionStep", W, dW.shape[0]).subtract(dW.multiply(lr)), b: b - lr * db };
}

export interface LogisticRegressionOptions {
  /** Learning rate α (default 0.1). */
  lr?: number;
  /** Passes over the data (default 1000). */
  epochs?: number;
  /**
   * "batch" (default): one step per epoch with the gradient averaged over all points;
   * "stochastic": the course's algorithm, one step W ← W + α(y − ŷ)x per point, in order.
   */
  mode?: "batch" | "stochastic";
  /** Starting weights and bias (default zeros, or random when `seed` is given). */
  W?: ArrayInput;
  b?: number;
  /** Seed for random starting weights N(0, 1/n) (scale 1/√n) and b = 0. */
  seed?: number;
}

export interface LogisticRegressionResult {
  W: NDArray;
  b: number;
  /** Mean log-loss before training (losses[0]) and after each epoch (losses[k]). */
  losses: number[];
}

function startingPoint(op: string, n: number, options: { W?: ArrayInput; b?: number; seed?: number }): { W: NDArray; b: number } {
  const W = options.W !== undefined ? asWeights(op, options.W, n).copy()
    : options.seed !== undefined ? new RandomState(options.seed).normal(0, 1 / Math.sqrt(n), [n]) : np.zeros([n]);
  const b = options.b ?? 0;
  checkNumber(op, "b", b);
  return { W, b };
}

/** Trains logistic regression by gradient descent on the mean log-loss. */
export function trainLogisticRegression(X: ArrayInput, y: ArrayInput, options: LogisticRegressionOptions = {}): LogisticRegressionResult {
  const op = "trainLogisticRegression";
  const x = asFeatures(op, X);
  const [m, n] = x.shape;
  const t = asTargets(op, y, m, { range: [0, 1] });
  const { lr = 0.1, epochs = 1000, mode = "batch" } = options;
  checkLearningRate(op, lr);
  checkEpochs(op, epochs);
  if (mode !== "batch" && mode !== "stochastic") throw new ValueError(op, `mode must be "batch" or "stochastic", got ${JSON.stringify(mode)}`);
  let { W, b } = startingPoint(op, n, options);
  const losses = [pointLosses(x, t, W, b).mean().item()];
  const labels = t.toTypedArray();
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (mode === "batch") {
      ({ W, b } = logisticRegressionStep(W, b, x, t, lr));
    } else {
      for (let i = 0; i < m; i++) {
        const xi = x.slice(i);
        const error = labels[i] - sigmoid(xi.dot(W).add(b)).item(); // y − ŷ
        W = W.add(xi.multiply(lr * error));
        b += lr * error;
      }
    }
    losses.push(pointLosses(x, t, W, b).mean().item());
  }
  return { W, b, losses };
}

/** The log-likelihood ℓ(W, b) = Σᵢ [yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)] = −m·E(W, b). */
export function logLikelihood(X: ArrayInput, y: ArrayInput, W: ArrayInput, b: number): number {
  const { x, t, w } = checked("logLikelihood", X, y, W, b);
  return -pointLosses(x, t, w, b).sum().item();
}

/** ∂ℓ/∂W = Σᵢ (yᵢ − ŷᵢ)xᵢ and ∂ℓ/∂b = Σᵢ (yᵢ − ŷᵢ): uphill for the likelihood. */
export function logLikelihoodGradient(X: ArrayInput, y: ArrayInput, W: ArrayInput, b: number): { dW: NDArray; db: number } {
  const { x, t, w } = checked("logLikelihoodGradient", X, y, W, b);
  const error = t.subtract(sigmoid(x.matmul(w).add(b)));
  return { dW: x.T.matmul(error), db: error.sum().item() };
}

export interface LikelihoodAscentResult {
  W: NDArray;
  b: number;
  /** ℓ before training and after each step. */
  logLikelihoods: number[];
}

/**
 * Maximum likelihood by gradient ascent: W ← W + lr·∂ℓ/∂W, b ← b + lr·∂ℓ/∂b, from zeros unless W
 * and b are given (defaults lr 0.1, 1000 epochs). The same path as trainLogisticRegression with
 * learning rate lr·m, because ℓ = −m·E.
 */
export function trainByLikelihoodAscent(X: ArrayInput, y: ArrayInput,
  options: { lr?: number; epochs?: number; W?: ArrayInput; b?: number } = {}): LikelihoodAscentResult {
  const op = "trainByLikelihoodAscent";
  const x = asFeatures(op, X);
  const t = asTargets(op, y, x.shape[0], { range: [0, 1] });
  const { lr = 0.1, epochs = 1000 } = options;
  checkLearningRate(op, lr);
  checkEpochs(op, epochs);
  let { W, b } = startingPoint(op, x.shape[1], options);
  const logLikelihoods = [-pointLosses(x, t, W, b).sum().item()];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const { dW, db } = logLikelihoodGradient(x, t, W, b);
    W = W.add(dW.multiply(lr));
    b += lr * db;
    logLikelihoods.push(-pointLosses(x, t, W, b).sum().item());
  }
  return { W, b, logLikelihoods };
}
