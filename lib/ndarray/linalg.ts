// Linear algebra: matmul (NumPy's broadcasting rules), dot, outer, norm.
import { DType, promoteTypes } from "./dtype";
import { BroadcastError, formatShape, MatmulError, ShapeError, ValueError } from "./errors";
import { ArrayInput, NDArray } from "./ndarray";
import { asarray } from "./create";
import { broadcastShapes, normalizeAxes, sizeOf } from "./shape";
import { broadcastTo, moveaxis, reshape } from "./manipulate";
import { abs, multiply, power } from "./elementwise";
import { max, min, sum } from "./reduce";

const SIGNATURE = "(n?,k),(k,m?)->(n?,m?)";

/** Product dtype: promoted, with bool @ bool counted as int32 like other bool arithmetic. */
function productDType(a: DType, b: DType): DType {
  const d = promoteTypes(a, b);
  return d === "bool" ? "int32" : d;
}

/**
 * C (n×m) = A (n×k) · B (k×m) for `batch` stacked matrices, all packed row-major. The i-k-j order
 * walks B and C rows contiguously. int32 products wrap like NumPy's int32 loop.
 */
function gemm(a: ArrayLike<number>, b: ArrayLike<number>, out: Float64Array | Int32Array | Float32Array | Uint8Array,
  n: number, k: number, m: number, aBatchStride: number, bBatchStride: number, batch: number, int: boolean): void {
  const row = new Float64Array(m);
  for (let t = 0; t < batch; t++) {
    const aBase = t * aBatchStride, bBase = t * bBatchStride, cBase = t * n * m;
    for (let i = 0; i < n; i++) {
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const aip = a[aBase + i * k + p];
        const bRow = bBase + p * m;
        if (int) for (let j = 0; j < m; j++) row[j] = (row[j] + Math.imul(aip, b[bRow + j])) | 0;
        else for (let j = 0; j < m; j++) row[j] += aip * b[bRow + j];
      }
      for (let j = 0; j < m; j++) out[cBase + i * m + j] = row[j];
    }
  }
}

/** Matrix product with NumPy's matmul rules: 1-D operands are promoted and the added axis dropped. */
export function matmul(a: ArrayInput, b: ArrayInput): NDArray {
  const x = asarray(a), y = asarray(b);
  [x, y].forEach((arr, i) => {
    if (arr.ndim === 0) {
      throw new MatmulError("matmul", `Input operand ${i} does not have enough dimensions (has 0, gufunc core with ` +
        `signature ${SIGNATURE} requires 1)`, [x.shape, y.shape], "use multiply() to scale by a number");
    }
  });
  const x2 = x.ndim === 1 ? reshape(x, [1, x.shape[0]]) : x;
  const y2 = y.ndim === 1 ? reshape(y, [y.shape[0], 1]) : y;
  const [n, k] = x2.shape.slice(-2);
  const [k2, m] = y2.shape.slice(-2);
  if (k !== k2) {
    throw new MatmulError("matmul", `Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ` +
      `${SIGNATURE} (size ${k2} is different from ${k})`, [x.shape, y.shape],
      `the last axis of the first operand (${k}) must equal the ${y.ndim === 1 ? "length" : "second-to-last axis"} of the second (${k2})`);
  }
  const xBatch = x2.shape.slice(0, -2), yBatch = y2.shape.slice(0, -2);
  let batchShape: number[];
  try {
    batchShape = broadcastShapes("matmul", xBatch, yBatch);
  } catch {
    throw new BroadcastError("matmul", [x.shape, y.shape],
      `batch dimensions ${formatShape(xBatch)} and ${formatShape(yBatch)} do not broadcast`);
  }
  const batch = sizeOf(batchShape);
  // Pack both operands (broadcasting batch dims only when they differ).
  const xs = shapesMatch(xBatch, batchShape) ? x2 : broadcastTo(x2, [...batchShape, n, k]);
  const ys = shapesMatch(yBatch, batchShape) ? y2 : broadcastTo(y2, [...batchShape, k, m]);
  const dtype = productDType(x.dtype, y.dtype);
  const out = NDArray.zeros([...batchShape, n, m], dtype);
  gemm(xs.toTypedArray(), ys.toTypedArray(), out.data, n, k, m, n * k, k * m, batch, dtype === "int32");
  let shape = [...batchShape, n, m];
  if (x.ndim === 1) shape = [...batchShape, m];
  if (y.ndim === 1) shape = x.ndim === 1 ? batchShape : [...batchShape, n];
  return out.reshape(shape);
}

function shapesMatch(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * NumPy's dot: a number scales; 1-D · 1-D is the inner product; otherwise it sums over the last
 * axis of a and the second-to-last of b (the only axis when b is 1-D).
 */
export function dot(a: ArrayInput, b: ArrayInput): NDArray {
  const x = asarray(a), y = asarray(b);
  if (x.ndim === 0 || y.ndim === 0) return multiply(x, y);
  if (x.ndim <= 2 && y.ndim <= 2) {
    const kx = x.shape[x.ndim - 1], ky = y.shape[y.ndim === 1 ? 0 : y.ndim - 2];
    if (kx !== ky) throw notAligned(x, y);
    return matmul(x, y);
  }
  const kAxisY = y.ndim === 1 ? 0 : y.ndim - 2;
  const k = x.shape[x.ndim - 1];
  if (k !== y.shape[kAxisY]) throw notAligned(x, y);
  const lhs = reshape(x, [-1, k]);
  const rhs = reshape(moveaxis(y, kAxisY, 0), [k, -1]);
  const outShape = [...x.shape.slice(0, -1), ...y.shape.filter((_, i) => i !== kAxisY)];
  return reshape(matmul(lhs, rhs), outShape);
}

function notAligned(x: NDArray, y: NDArray): ShapeError {
  const yAxis = y.ndim === 1 ? 0 : y.ndim - 2;
  return new ShapeError("dot", `shapes ${formatShape(x.shape)} and ${formatShape(y.shape)} not aligned: ` +
    `${x.shape[x.ndim - 1]} (dim ${x.ndim - 1}) != ${y.shape[yAxis]} (dim ${yAxis})`, [x.shape, y.shape]);
}

/** Outer product of the flattened inputs: out[i, j] = a[i] * b[j]. */
export function outer(a: ArrayInput, b: ArrayInput): NDArray {
  const x = asarray(a), y = asarray(b);
  return multiply(reshape(x, [-1, 1]), reshape(y, [1, -1]));
}

export type NormOrder = number | "fro";

/**
 * Vector and matrix norms as np.linalg.norm. With no axis, a 1-D or 2-D input is treated as a
 * vector or matrix; other inputs need `axis`, or get the 2-norm of the flattened values (ord
 * omitted). Matrix ord 2, -2 and "nuc" need singular values and are not offered.
 */
export function norm(a: ArrayInput, options: { ord?: NormOrder | null; axis?: number | readonly number[] | null;
  keepdims?: boolean } = {}): NDArray {
  const x = asarray(a);
  const ord = options.ord ?? null;
  const keepdims = options.keepdims ?? false;
  let axes: number[];
  if (options.axis === undefined || options.axis === null) {
    if (ord === null) {
      // Frobenius / 2-norm of everything.
      const flat = reshape(x, [-1]);
      const s = Math.sqrt(sum(multiply(flat, flat)).item());
      return keepdims ? NDArray.zeros(x.shape.map(() => 1)).fill(s) : NDArray.zeros([]).fill(s);
    }
    if (x.ndim !== 1 && x.ndim !== 2) throw new ValueError("norm", "Improper number of dimensions to norm.", [x.shape]);
    axes = x.ndim === 1 ? [0] : [0, 1];
  } else {
    axes = normalizeAxes("norm", options.axis, x.ndim, x.shape);
  }
  if (axes.length === 1) {
    const opt = { axis: axes[0], keepdims };
    const ax = abs(x).astype(x.dtype === "float32" ? "float32" : "float64");
    if (ord === null || ord === 2) return sum(multiply(ax, ax), opt).sqrt();
    if (ord === Infinity) return max(ax, opt);
    if (ord === -Infinity) return min(ax, opt);
    if (ord === 1) return sum(ax, opt);
    if (ord === 0) return sum(ax.notEqual(0), opt).astype("float64");
    if (ord === "fro") throw new ValueError("norm", "Invalid norm order 'fro' for vectors", [x.shape]);
    return power(sum(power(ax, ord), opt), 1 / ord);
  }
  if (axes.length !== 2) throw new ValueError("norm", "Improper number of dimensions to norm.", [x.shape]);
  const [rowAxis, colAxis] = axes;
  const ax = abs(x).astype("float64");
  const restore = (r: NDArray): NDArray => (keepdims ? r.reshape(x.shape.map((d, i) => (axes.includes(i) ? 1 : d))) : r);
  if (ord === null || ord === "fro") return restore(sum(multiply(ax, ax), { axis: axes }).sqrt());
  // ord 1: largest column sum; inf: largest row sum (after summing over the other axis).
  if (ord === 1 || ord === -1) {
    const colSums = sum(ax, { axis: rowAxis });
    const axis = colAxis > rowAxis ? colAxis - 1 : colAxis;
    return restore(ord === 1 ? max(colSums, { axis }) : min(colSums, { axis }));
  }
  if (ord === Infinity || ord === -Infinity) {
    const rowSums = sum(ax, { axis: colAxis });
    const axis = rowAxis > colAxis ? rowAxis - 1 : rowAxis;
    return restore(ord === Infinity ? max(rowSums, { axis }) : min(rowSums, { axis }));
  }
  throw new ValueError("norm", `matrix norm ord=${String(ord)} is not supported`, [x.shape],
    "supported matrix orders are 'fro', 1, -1, Infinity and -Infinity");
}
