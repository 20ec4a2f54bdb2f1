// The perceptron (lesson 03): ŷ = step(x·W + b), trained by the perceptron trick. For a point x
// with label y that the line gets wrong, move the line towards the point:
//   predicted 1 but y = 0:  W ← W − αx,  b ← b − α
//   predicted 0 but y = 1:  W ← W + αx,  b ← b + α
// Both cases are W ← W + α(y − ŷ)x, b ← b + α(y − ŷ), and a correct point (y − ŷ = 0) changes nothing.
// On linearly separable data this stops after finitely many updates (Novikoff's theorem).
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { RandomState, globalState } from "../ndarray/random";
import { ValueError } from "../ndarray/errors";
import { step } from "../nn/activations";
import { asFeatures, asPoint, asTargets, asWeights, checkEpochs, checkLearningRate, checkNumber } from "./validate";

/** Predictions 0/1 of shape (m,): step(X·W + b), with step(0) = 1. */
export function perceptronPredict(X: ArrayInput, W: ArrayInput, b: number): NDArray {
  const x = asFeatures("perceptronPredict", X);
  const w = asWeights("perceptronPredict", W, x.shape[1]);
  checkNumber("perceptronPredict", "b", b);
  return step(x.matmul(w).add(b));
}

/**
 * The perceptron trick for one point x (shape (n,)) with label y (0 or 1): if the perceptron
 * misclassifies it, returns the moved weights and bias; otherwise the same values. Inputs are not
 * modified.
 */
export function perceptronTrick(W: ArrayInput, b: number, x: ArrayInput, y: number, lr: number): { W: NDArray; b: number; updated: boolean } {
  const point = asPoint("perceptronTrick", x);
  const w = asWeights("perceptronTrick", W, point.shape[0]);
  checkNumber("perceptronTrick", "b", b);
  if (y !== 0 && y !== 1) throw new ValueError("perceptronTrick", `the label y must be 0 or 1, got ${String(y)}`);
  checkLearningRate("perceptronTrick", lr);
  const yHat = point.dot(w).item() + b >= 0 ? 1 : 0;
  const error = y - yHat; // +1: predicted 0 but positive; −1: predicted 1 but negative; 0: correct
  if (error === 0) return { W: w.copy(), b, updated: false };
  return { W: w.add(point.multiply(lr * error)), b: b + lr * error, updated: true };
}

/**
 * One pass of the perceptron algorithm over the points in order, applying the perceptron trick to
 * each point misclassified at the moment it is visited. Returns the new W and b and how many
 * updates were made (0 means every point was already right).
 */
export function perceptronStep(W: ArrayInput, b: number, X: ArrayInput, y: ArrayInput, lr: number): { W: NDArray; b: number; updates: number } {
  const x = asFeatures("perceptronStep", X);
  const [m, n] = x.shape;
  let w = asWeights("perceptronStep", W, n);
  const labels = asTargets("perceptronStep", y, m, { binary: true }).toTypedArray();
  checkNumber("perceptronStep", "b", b);
  checkLearningRate("perceptronStep", lr);
  let bias = b, updates = 0;
  for (let i = 0; i < m; i++) {
    const moved = perceptronTrick(w, bias, x.slice(i), labels[i], lr);
    w = moved.W;
    bias = moved.b;
    if (moved.updated) updates++;
  }
  return { W: w, b: bias, updates };
}

/** Where the perceptron stood after an epoch (epoch 0: the starting line). */
export interface PerceptronSnapshot {
  epoch: number;
  W: NDArray;
  b: number;
  /** Perceptron-trick updates made during this epoch (0 for epoch 0). */
  updates: number;
  /** Points misclassified by W and b at the end of the epoch. */
  errors: number;
}

export interface PerceptronOptions {
  /** Learning rate α (default 0.01). */
  lr?: number;
  /** Maximum number of passes over the data (default 25). */
  epochs?: number;
  /** Seed for the random starting weights and bias, drawn from U(−1, 1); np.random's global state if absent. */
  seed?: number;
  /** Starting weights and bias instead of random ones. */
  W?: ArrayInput;
  b?: number;
  /** Stop after the first epoch that leaves no point misclassified (default true). */
  stopWhenConverged?: boolean;
}

export interface PerceptronResult {
  W: NDArray;
  b: number;
  /** The line after every epoch, starting with epoch 0, for plotting the boundary as it moves. */
  history: PerceptronSnapshot[];
  /** True when the final line classifies every training point correctly. */
  converged: boolean;
  /** Epochs actually run. */
  epochs: number;
}

function countErrors(X: NDArray, labels: NDArray, W: NDArray, b: number): number {
  return step(X.matmul(W).add(b)).notEqual(labels).sum().item();
}

/** Trains a perceptron on 0/1 labels with the perceptron algorithm (lesson 03). */
export function trainPerceptron(X: ArrayInput, y: ArrayInput, options: PerceptronOptions = {}): PerceptronResult {
  const op = "trainPerceptron";
  const x = asFeatures(op, X);
  const [m, n] = x.shape;
  const labels = asTargets(op, y, m, { binary: true });
  const { lr = 0.01, epochs = 25, stopWhenConverged = true } = options;
  checkLearningRate(op, lr);
  checkEpochs(op, epochs);
  const rng = options.seed === undefined ? globalState : new RandomState(options.seed);
  let W = options.W === undefined ? (rng.uniform(-1, 1, [n]) as NDArray) : asWeights(op, options.W, n).copy();
  let b = options.b ?? (options.W === undefined ? (rng.uniform(-1, 1) as number) : 0);
  checkNumber(op, "b", b);

  const history: PerceptronSnapshot[] = [{ epoch: 0, W: W.copy(), b, updates: 0, errors: countErrors(x, labels, W, b) }];
  let run = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (stopWhenConverged && history[history.length - 1].errors === 0) break;
    const next = perceptronStep(W, b, x, labels, lr);
    W = next.W;
    b = next.b;
    run = epoch;
    history.push({ epoch, W: W.copy(), b, updates: next.updates, errors: countErrors(x, labels, W, b) });
  }
  return { W, b, history, converged: history[history.length - 1].errors === 0, epochs: run };
}

/**
 * The two ends of the line w₁x₁ + w₂x₂ + b = 0 inside the box xRange × yRange, for plotting a 2-D
 * decision boundary; null when the line misses the box (or W is zero).
 */
export function decisionBoundary(W: ArrayInput, b: number, box: { xRange: [number, number]; yRange: [number, number] }): { x: number[]; y: number[] } | null {
  const w = asWeights("decisionBoundary", W, 2).toTypedArray();
  const [w1, w2] = [w[0], w[1]];
  const [x0, x1] = box.xRange, [y0, y1] = box.yRange;
  const points: [number, number][] = [];
  if (w2 !== 0) for (const px of [x0, x1]) points.push([px, -(w1 * px + b) / w2]);
  if (w1 !== 0) for (const py of [y0, y1]) points.push([-(w2 * py + b) / w1, py]);
  const tol = 1e-9 * Math.max(1, Math.abs(x1 - x0), Math.abs(y1 - y0));
  const inside = points.filter(([px, py]) => px >= x0 - tol && px <= x1 + tol && py >= y0 - tol && py <= y1 + tol);
  if (inside.length < 2) return null;
  inside.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const first = inside[0], last = inside[inside.length - 1];
  return { x: [first[0], last[0]], y: [first[1], last[1]] };
}
