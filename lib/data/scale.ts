// Feature scaling, scikit-learn style: fit on the training data only, then transform train,
// validation and test with the same numbers (and inverseTransform back). Per-channel
// normalization of images with a given mean and std, like torchvision's Normalize.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { formatShape } from "../ndarray/errors";
import { normalizeAxis } from "../ndarray/shape";
import { DataError } from "./errors";

/** An (n, d) array as float64 or float32 (floats keep their dtype; ints and bools become float64). */
function features(op: string, X: ArrayInput, d?: number): NDArray {
  const a = asarray(X);
  if (a.ndim !== 2) {
    throw new DataError("shape", op, `expected a 2-D array of shape (samples, features), got shape ${formatShape(a.shape)}`,
      { argument: "X" }, a.ndim === 1 ? "a single feature: X.reshape(-1, 1); a single sample: X.reshape(1, -1)" : undefined);
  }
  if (d !== undefined && a.shape[1] !== d) {
    throw new DataError("shape", op, `X has ${a.shape[1]} features, but the scaler was fitted with ${d} features`, { argument: "X" });
  }
  return a.dtype === "float32" || a.dtype === "float64" ? a : a.astype("float64");
}

/** Applies x * scale[j] + shift[j] to every column j, keeping the dtype; NaN stays NaN. */
function affine(a: NDArray, scale: Float64Array, shift: Float64Array): NDArray {
  const src = a.toTypedArray();
  const out = NDArray.zeros(a.shape, a.dtype);
  const d = a.shape[1];
  for (let i = 0; i < src.length; i++) {
    const j = i % d;
    out.data[i] = src[i] * scale[j] + shift[j];
  }
  return out;
}

/** Per-column statistics that skip NaN (scikit-learn treats NaN as missing when fitting). */
function columnStats(a: NDArray): { min: Float64Array; max: Float64Array; mean: Float64Array; variance: Float64Array; count: Int32Array } {
  const [n, d] = a.shape;
  const src = a.toTypedArray();
  const min = new Float64Array(d).fill(Infinity);
  const max = new Float64Array(d).fill(-Infinity);
  const sum = new Float64Array(d);
  const count = new Int32Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = src[i * d + j];
      if (Number.isNaN(v)) continue;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
      sum[j] += v;
      count[j]++;
    }
  }
  const mean = new Float64Array(d);
  // A constant column's mean is its value exactly (a running sum of 0.1s is not 0.1·n), so that
  // it standardizes to exact zeros.
  for (let j = 0; j < d; j++) mean[j] = count[j] === 0 ? NaN : min[j] === max[j] ? min[j] : sum[j] / count[j];
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = src[i * d + j];
      if (!Number.isNaN(v)) sq[j] += (v - mean[j]) ** 2;
    }
  }
  const variance = new Float64Array(d);
  for (let j = 0; j < d; j++) variance[j] = count[j] > 0 ? sq[j] / count[j] : NaN;
  return { min, max, mean, variance, count };
}

const vec = (v: Float64Array) => new NDArray(v.slice(), [v.length], undefined, 0, "float64");

function notFitted(op: string): DataError {
  return new DataError("value", op, "this scaler is not fitted yet", {}, "call fit(XTrain) first, on the training data only");
}

/** Scales each feature to `featureRange` ([0, 1] by default) using the training min and max. */
export class MinMaxScaler {
  readonly featureRange: readonly [number, number];
  private fitted: { dataMin: Float64Array; dataMax: Float64Array; scale: Float64Array; min: Float64Array } | null = null;

  constructor(options: { featureRange?: readonly [number, number] } = {}) {
    this.featureRange = options.featureRange ?? [0, 1];
    if (!(this.featureRange[0] < this.featureRange[1])) {
      throw new DataError("value", "MinMaxScaler", `Minimum of desired feature range must be smaller than maximum. Got (${this.featureRange.join(", ")}).`,
        { argument: "featureRange" });
    }
  }

  fit(X: ArrayInput): this {
    const a = features("MinMaxScaler.fit", X);
    if (a.shape[0] === 0) throw new DataError("value", "MinMaxScaler.fit", "cannot fit on 0 samples", { argument: "X" });
    const { min, max } = columnStats(a);
    const [lo, hi] = this.featureRange;
    const d = a.shape[1];
    const scale = new Float64Array(d);
    const shift = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const range = max[j] - min[j];
      scale[j] = (hi - lo) / (range === 0 ? 1 : range); // a constant feature maps to `lo`
      shift[j] = lo - min[j] * scale[j];
    }
    this.fitted = { dataMin: min, dataMax: max, scale, min: shift };
    return this;
  }

  transform(X: ArrayInput): NDArray {
    if (!this.fitted) throw notFitted("MinMaxScaler.transform");
    return affine(features("MinMaxScaler.transform", X, this.fitted.scale.length), this.fitted.scale, this.fitted.min);
  }

  fitTransform(X: ArrayInput): NDArray { return this.fit(X).transform(X); }

  inverseTransform(X: ArrayInput): NDArray {
    if (!this.fitted) throw notFitted("MinMaxScaler.inverseTransform");
    const { scale, min } = this.fitted;
    return affine(features("MinMaxScaler.inverseTransform", X, scale.length), scale.map((s) => 1 / s), min.map((m, j) => -m / scale[j]));
  }

  /** Per-feature minimum and maximum seen in fit, and the transform's x * scale + min. */
  get dataMin(): NDArray { if (!this.fitted) throw notFitted("MinMaxScaler.dataMin"); return vec(this.fitted.dataMin); }
  get dataMax(): NDArray { if (!this.fitted) throw notFitted("MinMaxScaler.dataMax"); return vec(this.fitted.dataMax); }
  get scale(): NDArray { if (!this.fitted) throw notFitted("MinMaxScaler.scale"); return vec(this.fitted.scale); }
  get min(): NDArray { if (!this.fitted) throw notFitted("MinMaxScaler.min"); return vec(this.fitted.min); }
}

/** Standardizes each feature: (x - mean) / std with the training mean and population std. */
export class StandardScaler {
  private fitted: { mean: Float64Array; variance: Float64Array; scale: Float64Array } | null = null;

  fit(X: ArrayInput): this {
    const a = features("StandardScaler.fit", X);
    if (a.shape[0] === 0) throw new DataError("value", "StandardScaler.fit", "cannot fit on 0 samples", { argument: "X" });
    const { mean, variance } = columnStats(a);
    // A constant feature has std 0; like scikit-learn, divide by 1 instead (it becomes all zeros).
    // scikit-learn's test for a constant feature (its variance is rounding noise): scale 1.
    const n = a.shape[0], eps = Number.EPSILON;
    const scale = variance.map((v, j) => (v <= n * eps * v + (n * mean[j] * eps) ** 2 ? 1 : Math.sqrt(v)));
    this.fitted = { mean, variance, scale };
    return this;
  }

  transform(X: ArrayInput): NDArray {
    if (!this.fitted) throw notFitted("StandardScaler.transform");
    const { mean, scale } = this.fitted;
    return affine(features("StandardScaler.transform", X, mean.length), scale.map((s) => 1 / s), mean.map((m, j) => -m / scale[j]));
  }

  fitTransform(X: ArrayInput): NDArray { return this.fit(X).transform(X); }

  inverseTransform(X: ArrayInput): NDArray {
    if (!this.fitted) throw notFitted("StandardScaler.inverseTransform");
    const { mean, scale } = this.fitted;
    return affine(features("StandardScaler.inverseTransform", X, mean.length), scale, mean);
  }

  get mean(): NDArray { if (!this.fitted) throw notFitted("StandardScaler.mean"); return vec(this.fitted.mean); }
  get var(): NDArray { if (!this.fitted) throw notFitted("StandardScaler.var"); return vec(this.fitted.variance); }
  get scale(): NDArray { if (!this.fitted) throw notFitted("StandardScaler.scale"); return vec(this.fitted.scale); }
}

/**
 * Per-channel normalization, (x - mean[c]) / std[c] along the channel axis: axis -3 by default,
 * which is C for a (C, H, W) image and for an (N, C, H, W) batch; use axis -1 for (H, W, C).
 * Floats keep their dtype; other input gives float64.
 */
export function normalize(x: ArrayInput, mean: readonly number[], std: readonly number[], options: { axis?: number } = {}): NDArray {
  const a0 = asarray(x);
  const a = a0.dtype === "float32" || a0.dtype === "float64" ? a0 : a0.astype("float64");
  if (options.axis === undefined && a.ndim < 3) {
    throw new DataError("shape", "normalize", `expected images (C, H, W) or (N, C, H, W) with channels on axis -3, got shape ${formatShape(a.shape)}`,
      { argument: "x" }, "a one-channel (H, W) image: normalize(img.reshape(1, H, W), [m], [s]); or name the channel axis with { axis }");
  }
  const axis = normalizeAxis("normalize", options.axis ?? -3, a.ndim, a.shape);
  const c = a.shape[axis];
  if (mean.length !== c || std.length !== c) {
    throw new DataError("shape", "normalize",
      `got ${mean.length} means and ${std.length} stds for ${c} channels (axis ${axis} of shape ${formatShape(a.shape)})`, { argument: "mean" });
  }
  std.forEach((s, i) => {
    if (!(s > 0)) throw new DataError("value", "normalize", `std[${i}] is ${s}; every std must be positive`, { argument: "std" });
  });
  const inner = a.shape.slice(axis + 1).reduce((p, q) => p * q, 1);
  const src = a.toTypedArray();
  const out = NDArray.zeros(a.shape, a.dtype);
  for (let i = 0; i < src.length; i++) {
    const ch = Math.floor(i / inner) % c;
    out.data[i] = (src[i] - mean[ch]) / std[ch];
  }
  return out;
}
