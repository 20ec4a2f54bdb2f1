// Input checks shared by the course's algorithms (lesson 03 onwards). Each throws the ndarray
// layer's errors (ShapeError, ValueError) naming the function and the shapes it was given.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { formatShape, ShapeError, ValueError } from "../ndarray/errors";

/** X as a float64 (m, n) matrix: m points (rows) with n features (columns). */
export function asFeatures(op: string, X: ArrayInput): NDArray {
  const a = asarray(X);
  if (a.ndim !== 2) {
    throw new ShapeError(op, `X must be 2-D (points, features), got shape ${formatShape(a.shape)}`, [a.shape],
      a.ndim === 1 ? "a single point x of n features is X = x.reshape(1, -1)" : undefined);
  }
  if (a.shape[0] === 0) throw new ValueError(op, "X has no points (0 rows)", [a.shape]);
  return a.dtype === "float64" ? a : a.astype("float64");
}

/**
 * y as float64 of shape (m,), one target per row of X. With `binary`, every target must be 0 or 1
 * (the labels the perceptron and logistic regression are trained on).
 */
export function asTargets(op: string, y: ArrayInput, m: number, options: { binary?: boolean; range?: [number, number] } = {}): NDArray {
  const a = asarray(y);
  if (a.ndim !== 1 || a.shape[0] !== m) {
    throw new ShapeError(op, `y must have shape (${m},), one target per row of X, got ${formatShape(a.shape)}`, [a.shape],
      a.ndim === 2 && a.shape[1] === 1 ? "flatten a column of targets with y.reshape(-1)" : undefined);
  }
  const values = a.astype("float64");
  const data = values.toTypedArray();
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (options.binary && v !== 0 && v !== 1) {
      throw new ValueError(op, `labels must be 0 or 1, got ${v} at position ${i}`, [a.shape]);
    }
    if (options.range && !(v >= options.range[0] && v <= options.range[1])) {
      throw new ValueError(op, `targets must lie in [${options.range[0]}, ${options.range[1]}], got ${v} at position ${i}`, [a.shape]);
    }
  }
  return values;
}

/** Weights as float64 of shape (n,), one per feature. */
export function asWeights(op: string, W: ArrayInput, n: number): NDArray {
  const a = asarray(W);
  if (a.ndim !== 1 || a.shape[0] !== n) {
    throw new ShapeError(op, `W must have shape (${n},), one weight per feature of X, got ${formatShape(a.shape)}`, [a.shape],
      a.ndim === 2 && (a.shape[1] === 1 || a.shape[0] === 1) ? "flatten it with W.reshape(-1)" : undefined);
  }
  return a.dtype === "float64" ? a : a.astype("float64");
}

/** One point x as float64 of shape (n,). */
export function asPoint(op: string, x: ArrayInput, n?: number): NDArray {
  const a = asarray(x);
  if (a.ndim !== 1 || (n !== undefined && a.shape[0] !== n)) {
    throw new ShapeError(op, `x must be one point of shape (${n ?? "n"},), got ${formatShape(a.shape)}`, [a.shape]);
  }
  return a.dtype === "float64" ? a : a.astype("float64");
}

export function checkNumber(op: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ValueError(op, `${name} must be a finite number, got ${String(value)}`);
  }
}

export function checkLearningRate(op: string, lr: number): void {
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr <= 0) {
    throw new ValueError(op, `lr must be a positive number, got ${String(lr)}`);
  }
}

export function checkEpochs(op: string, epochs: number): void {
  if (!Number.isInteger(epochs) || epochs < 0) {
    throw new ValueError(op, `epochs must be a whole number >= 0, got ${String(epochs)}`);
  }
}
