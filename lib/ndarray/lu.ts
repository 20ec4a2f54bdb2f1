// np.linalg.det, inv and solve, on an LU decomposition with partial pivoting (row swaps), as
// LAPACK's getrf / getrs that NumPy calls. Stacks of matrices (..., M, M) are handled one matrix
// at a time. All arithmetic is in float64; a float32 result (every input float32, as NumPy's
// _commonType decides) is rounded to float32 at the end, where NumPy computes in float32 with
// sgesv, so float32 results can differ from NumPy's in the last bits.
import { BroadcastError, formatShape, Shape, ShapeError, ValueError } from "./errors";
import { ArrayInput, NDArray } from "./ndarray";
import { asarray } from "./create";
import { broadcastTo } from "./manipulate";
import { broadcastShapes, sizeOf } from "./shape";

/**
 * NumPy's numpy.linalg.LinAlgError (a singular matrix, a non-square or 1-D input). It is a
 * ValueError here, as in NumPy (where LinAlgError subclasses ValueError).
 */
export class LinAlgError extends ValueError {
  constructor(op: string, sentence: string, shapes: Shape[] = [], hint?: string) {
    super(op, sentence, shapes, hint);
  }
}

/** The smallest normal float64 (LAPACK's dlamch('S')): below it getrf divides instead of scaling by 1/pivot. */
const SFMIN = 2.2250738585072014e-308;

/** NumPy's _assert_stacked_2d and _assert_stacked_square. */
function checkSquareStack(op: string, x: NDArray): number {
  if (x.ndim < 2) {
    throw new LinAlgError(op, `${x.ndim}-dimensional array given. Array must be at least two-dimensional`, [x.shape],
      x.ndim === 1 ? "a matrix has two axes; reshape a vector with .reshape(1, -1) or .reshape(-1, 1)" : undefined);
  }
  const m = x.shape[x.ndim - 2], n = x.shape[x.ndim - 1];
  if (m !== n) {
    throw new LinAlgError(op, "Last 2 dimensions of the array must be square", [x.shape],
      `the last two axes of ${formatShape(x.shape)} are ${m} and ${n}`);
  }
  return n;
}

/** float32 when every input is float32, else float64 (ints and bools are computed as float64). */
function resultDType(...arrays: NDArray[]): "float32" | "float64" {
  return arrays.every((x) => x.dtype === "float32") ? "float32" : "float64";
}

/** The elements of x (a view or broadcast) packed in C order as float64. */
function packedFloat64(x: NDArray): Float64Array {
  const packed = x.toTypedArray();
  return packed instanceof Float64Array ? packed : Float64Array.from(packed);
}

/** A float64 result as an NDArray of `dtype` (rounded once if float32). */
function wrap(values: Float64Array, shape: Shape, dtype: "float32" | "float64"): NDArray {
  const out = new NDArray(values, shape, undefined, 0, "float64");
  return dtype === "float64" ? out : out.astype("float32");
}

/**
 * In-place LU factorization of the n×n row-major matrix at a[off...], as LAPACK's getrf: at step
 * k the row with the largest |a[i][k]| (the first such) is swapped into row k (piv[k] = that row),
 * the column below the pivot is scaled by 1/pivot, and the trailing block is updated. Afterwards
 * the strict lower triangle holds L (unit diagonal) and the upper triangle U, with P·A = L·U.
 * Returns getrf's info: 0, or k+1 for the first exactly zero pivot U[k][k] (factoring goes on).
 */
function luFactor(a: Float64Array, off: number, n: number, piv: Int32Array): number {
  let info = 0;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(a[off + k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[off + i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    piv[k] = p;
    const rowK = off + k * n;
    if (p !== k) {
      const rowP = off + p * n;
      for (let j = 0; j < n; j++) { const t = a[rowK + j]; a[rowK + j] = a[rowP + j]; a[rowP + j] = t; }
    }
    const pivot = a[rowK + k];
    if (pivot === 0) {
      // The whole column below is zero too: nothing to eliminate.
      if (info === 0) info = k + 1;
      continue;
    }
    if (Math.abs(pivot) >= SFMIN) {
      const r = 1 / pivot;
      for (let i = k + 1; i < n; i++) a[off + i * n + k] *= r;
    } else {
      for (let i = k + 1; i < n; i++) a[off + i * n + k] /= pivot;
    }
    for (let i = k + 1; i < n; i++) {
      const rowI = off + i * n, l = a[rowI + k];
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[rowI + j] -= l * a[rowK + j];
    }
  }
  return info;
}

/**
 * Solves A·X = B in place in b (n×m row-major at b[bOff...]) from luFactor's output, as LAPACK's
 * getrs: the row swaps, then forward substitution with L (unit diagonal) and back substitution
 * with U, one column of B at a time in reference dtrsm's order.
 */
function luSolve(lu: Float64Array, luOff: number, n: number, piv: Int32Array, b: Float64Array, bOff: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const p = piv[i];
    if (p === i) continue;
    const rowI = bOff + i * m, rowP = bOff + p * m;
    for (let j = 0; j < m; j++) { const t = b[rowI + j]; b[rowI + j] = b[rowP + j]; b[rowP + j] = t; }
  }
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < n; k++) {
      const x = b[bOff + k * m + j];
      if (x === 0) continue;
      for (let i = k + 1; i < n; i++) b[bOff + i * m + j] -= x * lu[luOff + i * n + k];
    }
    for (let k = n - 1; k >= 0; k--) {
      let x = b[bOff + k * m + j];
      if (x === 0) continue;
      x /= lu[luOff + k * n + k];
      b[bOff + k * m + j] = x;
      for (let i = 0; i < k; i++) b[bOff + i * m + j] -= x * lu[luOff + i * n + k];
    }
  }
}

/**
 * The product of n values v[off], v[off + step], ... with the running product kept between 2^-512
 * and 2^512 by exact power-of-two rescaling, so partial products neither overflow nor underflow.
 */
function scaledProduct(v: Float64Array, off: number, step: number, n: number): number {
  const BIG = 2 ** 512, SMALL = 2 ** -512;
  let p = 1, exponent = 0;
  for (let k = 0; k < n; k++) {
    p *= v[off + k * step];
    if (p === 0 || !Number.isFinite(p)) return p;
    while (Math.abs(p) > BIG) { p *= SMALL; exponent += 512; }
    while (Math.abs(p) < SMALL) { p *= BIG; exponent -= 512; }
  }
  // p · 2^exponent in steps of at most 2^±512, so no step overflows or underflows early.
  while (exponent > 0 && Number.isFinite(p)) { const e = Math.min(exponent, 512); p *= 2 ** e; exponent -= e; }
  while (exponent < 0 && p !== 0) { const e = Math.max(exponent, -512); p *= 2 ** e; exponent -= e; }
  return p;
}

function singular(op: string, shape: Shape): LinAlgError {
  return new LinAlgError(op, "Singular matrix", [shape],
    "an exactly zero pivot came up in the LU decomposition: the rows (or columns) are linearly dependent");
}

/**
 * The determinant of a square matrix, or of each matrix of a stack (..., M, M) → (...): the
 * product of U's diagonal times the sign of the row permutation. NumPy forms it as
 * sign · exp(Σ log|U[i][i]|), so its last bits can differ (NumPy's det([[1, 2], [3, 4]]) is
 * -2.0000000000000004, this one -2); the product is kept scaled by powers of two, so like NumPy's
 * it overflows or underflows only when the determinant itself does. An exactly zero pivot gives 0,
 * and a 0×0 matrix 1.
 */
export function det(a: ArrayInput): NDArray {
  const x = asarray(a);
  const n = checkSquareStack("det", x);
  const batchShape = x.shape.slice(0, -2);
  const values = packedFloat64(x);
  const out = new Float64Array(sizeOf(batchShape));
  const piv = new Int32Array(n);
  for (let t = 0; t < out.length; t++) {
    const off = t * n * n;
    if (luFactor(values, off, n, piv) !== 0) { out[t] = 0; continue; }
    let sign = 1;
    for (let k = 0; k < n; k++) if (piv[k] !== k) sign = -sign;
    out[t] = scaledProduct(values, off, n + 1, n) * sign;
  }
  return wrap(out, batchShape, resultDType(x));
}

/**
 * The inverse of a square matrix, or of each matrix of a stack (..., M, M). Solves A·X = I on the
 * LU factors as NumPy does (LAPACK gesv); an exactly zero pivot throws LinAlgError "Singular
 * matrix". A nearly singular matrix gives huge entries and no error, as in NumPy.
 */
export function inv(a: ArrayInput): NDArray {
  const x = asarray(a);
  const n = checkSquareStack("inv", x);
  const values = packedFloat64(x);
  const out = new Float64Array(values.length);
  const piv = new Int32Array(n);
  for (let t = 0, batch = sizeOf(x.shape.slice(0, -2)); t < batch; t++) {
    const off = t * n * n;
    if (luFactor(values, off, n, piv) !== 0) throw singular("inv", x.shape);
    for (let i = 0; i < n; i++) out[off + i * n + i] = 1;
    luSolve(values, off, n, piv, out, off, n);
  }
  return wrap(out, x.shape, resultDType(x));
}

/**
 * Solves a·x = b for x, as np.linalg.solve in NumPy 1.24: a is (..., M, M); b is a stack of
 * vectors (..., M) when b.ndim === a.ndim - 1, otherwise a stack of matrices (..., M, K). The
 * stack dimensions broadcast. An exactly zero pivot throws LinAlgError "Singular matrix".
 */
export function solve(a: ArrayInput, b: ArrayInput): NDArray {
  const x = asarray(a), y = asarray(b);
  const n = checkSquareStack("solve", x);
  const vector = y.ndim === x.ndim - 1;
  const signature = vector ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)";
  const coreDims = vector ? 1 : 2;
  const shapes = [x.shape, y.shape];
  const both = `a has shape ${formatShape(x.shape)} and b has shape ${formatShape(y.shape)}`;
  if (y.ndim < coreDims) {
    throw new ShapeError("solve", `Input operand 1 does not have enough dimensions (has ${y.ndim}, gufunc core with ` +
      `signature ${signature} requires ${coreDims})`, shapes,
      `${both}; b must be a stack of vectors (ndim ${x.ndim - 1}) or of matrices (ndim ≥ 2)`);
  }
  const rows = y.shape[y.ndim - coreDims];
  if (rows !== n) {
    throw new ShapeError("solve", `Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ` +
      `${signature} (size ${rows} is different from ${n})`, shapes,
      `${both}; b's ${vector ? "last" : "second-to-last"} axis must have a's size ${n}`);
  }
  const m = vector ? 1 : y.shape[y.ndim - 1];
  const aBatch = x.shape.slice(0, -2), bBatch = y.shape.slice(0, y.ndim - coreDims);
  let batchShape: number[];
  try {
    batchShape = broadcastShapes("solve", aBatch, bBatch);
  } catch {
    throw new BroadcastError("solve", shapes,
      `${both}: their stack dimensions ${formatShape(aBatch)} and ${formatShape(bBatch)} do not broadcast`);
  }
  const lu = packedFloat64(broadcastTo(x, [...batchShape, n, n]));
  const coreB = vector ? [n] : [n, m];
  const out = packedFloat64(broadcastTo(y, [...batchShape, ...coreB])); // solved in place
  const piv = new Int32Array(n);
  for (let t = 0, batch = sizeOf(batchShape); t < batch; t++) {
    if (luFactor(lu, t * n * n, n, piv) !== 0) throw singular("solve", x.shape);
    luSolve(lu, t * n * n, n, piv, out, t * n * m, m);
  }
  return wrap(out, [...batchShape, ...coreB], resultDType(x, y));
}
