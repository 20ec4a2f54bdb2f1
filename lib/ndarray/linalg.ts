// Linear algebra: matmul (NumPy's broadcasting rules), dot, outer, norm.
import { DType, promoteTypes } from "./dtype";
import { BroadcastError, formatShape, MatmulError, ShapeError, ValueError } from "./errors";
import { ArrayInput, NDArray } from "./ndarray";
import { asarray } from "./create";
import { broadcastShapes, normalizeAxis, sizeOf } from "./shape";
import { broadcastTo, moveaxis, reshape, transpose as transposeAxes } from "./manipulate";
import { abs, multiply, power } from "./elementwise";
import { max, min, sum } from "./reduce";
import { getBackend } from "./backend";
import { StridedMatrix, wasmGemm } from "../kernels/gemm-wasm";

const SIGNATURE = "(n?,k),(k,m?)->(n?,m?)";

/** Product dtype: promoted, with bool @ bool counted as int32 like other bool arithmetic. */
function productDType(a: DType, b: DType): DType {
  const d = promoteTypes(a, b);
  return d === "bool" ? "int32" : d;
}

/**
 * C (n×m) += A (n×k) · B (k×m) for one packed row-major matrix pair, in float64 (the TypeScript
 * kernel; lib/kernels/ has the faster WebAssembly one). A 2×4 tile of C is summed in eight local
 * variables over the whole k loop, so the engine keeps it in registers: each step loads two values
 * of A and four of B for eight multiply-adds, and C is read and written once per tile. Every entry
 * is still the plain sum over p in order, so results equal the straightforward loop's.
 */
function gemmFloat(a: Float64Array, aOff: number, b: Float64Array, bOff: number, c: Float64Array, cOff: number,
  n: number, k: number, m: number): void {
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const a0 = aOff + i * k, a1 = a0 + k, c0 = cOff + i * m, c1 = c0 + m;
    let j = 0;
    for (; j + 4 <= m; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let p = 0, bp = bOff + j; p < k; p++, bp += m) {
        const x0 = a[a0 + p], x1 = a[a1 + p];
        const b0 = b[bp], b1 = b[bp + 1], b2 = b[bp + 2], b3 = b[bp + 3];
        s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2; s03 += x0 * b3;
        s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2; s13 += x1 * b3;
      }
      c[c0 + j] += s00; c[c0 + j + 1] += s01; c[c0 + j + 2] += s02; c[c0 + j + 3] += s03;
      c[c1 + j] += s10; c[c1 + j + 1] += s11; c[c1 + j + 2] += s12; c[c1 + j + 3] += s13;
    }
    for (; j < m; j++) { // the last columns, one at a time
      let s0 = 0, s1 = 0;
      for (let p = 0, bp = bOff + j; p < k; p++, bp += m) { s0 += a[a0 + p] * b[bp]; s1 += a[a1 + p] * b[bp]; }
      c[c0 + j] += s0;
      c[c1 + j] += s1;
    }
  }
  if (i < n) { // an odd last row
    const aRow = aOff + i * k, cRow = cOff + i * m;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0, bp = bOff + j; p < k; p++, bp += m) s += a[aRow + p] * b[bp];
      c[cRow + j] += s;
    }
  }
}

/** The int32 product, wrapping like NumPy's int32 loop. */
function gemmInt(a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, c: Int32Array, cOff: number,
  n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const x = a[aOff + i * k + p], bRow = bOff + p * m, cRow = cOff + i * m;
      for (let j = 0; j < m; j++) c[cRow + j] = (c[cRow + j] + Math.imul(x, b[bRow + j])) | 0;
    }
  }
}

/** Where each matrix of a stack starts: the offsets of view[t0, t1, ..., :, :] in C order of t. */
function matrixOffsets(view: NDArray, batchShape: readonly number[]): number[] {
  const offsets: number[] = [];
  const nd = batchShape.length;
  const counter = new Array<number>(nd).fill(0);
  let at = view.offset;
  for (let t = 0, total = sizeOf(batchShape); t < total; t++) {
    offsets.push(at);
    for (let d = nd - 1; d >= 0; d--) {
      at += view.strides[d];
      if (++counter[d] < batchShape[d]) break;
      at -= view.strides[d] * batchShape[d];
      counter[d] = 0;
    }
  }
  return offsets;
}

/**
 * The float product on the WebAssembly SIMD kernels, straight from the operands' strides (a
 * transposed view costs no copy). float32 results are computed in float32, as NumPy does.
 */
function gemmWasm(xs: NDArray, ys: NDArray, out: NDArray, n: number, k: number, m: number, batchShape: readonly number[]): boolean {
  const type = out.dtype === "float32" ? "f32" : "f64";
  const xo = matrixOffsets(xs, batchShape), yo = matrixOffsets(ys, batchShape);
  const strided = (v: NDArray, offset: number): StridedMatrix =>
    ({ data: v.data, offset, rowStride: v.strides[v.ndim - 2], colStride: v.strides[v.ndim - 1] });
  for (let t = 0; t < xo.length; t++) {
    // false: too large for the module's memory (then every matrix of the stack is too large)
    if (!wasmGemm!(type, strided(xs, xo[t]), strided(ys, yo[t]), n, k, m, out.data as Float64Array | Float32Array, t * n * m)) return false;
  }
  return true;
}

/** Stacks of `batch` products; float work is done in float64 and rounded once at the end. */
function gemm(a: ArrayLike<number>, b: ArrayLike<number>, out: Float64Array | Int32Array | Float32Array | Uint8Array,
  n: number, k: number, m: number, batch: number, int: boolean): void {
  if (int) {
    for (let t = 0; t < batch; t++) gemmInt(a, t * n * k, b, t * k * m, out as Int32Array, t * n * m, n, k, m);
    return;
  }
  const af = a instanceof Float64Array ? a : Float64Array.from(a);
  const bf = b instanceof Float64Array ? b : Float64Array.from(b);
  const cf = out instanceof Float64Array ? out : new Float64Array(out.length);
  for (let t = 0; t < batch; t++) gemmFloat(af, t * n * k, bf, t * k * m, cf, t * n * m, n, k, m);
  if (cf !== out) out.set(cf);
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
  // The wasm kernels write every element of the result; the TypeScript ones add into zeros.
  const out = NDArray.empty([...batchShape, n, m], dtype);
  const onWasm = wasmGemm !== null && getBackend() === "wasm" && (dtype === "float64" || dtype === "float32") &&
    gemmWasm(xs, ys, out, n, k, m, batchShape);
  if (!onWasm) out.data.fill(0);
  if (!onWasm) gemm(xs.toTypedArray(), ys.toTypedArray(), out.data, n, k, m, batch, dtype === "int32");
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

/**
 * Singular values of one m×n matrix (packed row-major), largest first, by one-sided Jacobi
 * (Hestenes): rotate pairs of columns until all are orthogonal; their norms are then the singular
 * values. Accurate for small singular values too, unlike eigenvalues of AᵀA.
 */
export function singularValues(values: ArrayLike<number>, m: number, n: number): Float64Array {
  // Work on the orientation with fewer columns: the singular values of A and Aᵀ agree.
  const transpose = n > m;
  const rows = transpose ? n : m, cols = transpose ? m : n;
  const cols2d: Float64Array[] = [];
  for (let j = 0; j < cols; j++) {
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) col[i] = transpose ? values[j * n + i] : values[i * n + j];
    cols2d.push(col);
  }
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++) {
      for (let q = p + 1; q < cols; q++) {
        const a = cols2d[p], b = cols2d[q];
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < rows; i++) { alpha += a[i] * a[i]; beta += b[i] * b[i]; gamma += a[i] * b[i]; }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t), s = c * t;
        for (let i = 0; i < rows; i++) {
          const ai = a[i], bi = b[i];
          a[i] = c * ai - s * bi;
          b[i] = s * ai + c * bi;
        }
      }
    }
    if (!rotated) break;
  }
  const out = Float64Array.from(cols2d, (col) => Math.sqrt(col.reduce((acc, v) => acc + v * v, 0)));
  return out.sort().reverse();
}

export type NormOrder = number | "fro" | "nuc";

/**
 * Vector and matrix norms as np.linalg.norm. With no axis, a 1-D or 2-D input is treated as a
 * vector or matrix; other inputs need `axis`, or get the 2-norm of the flattened values (ord
 * omitted).
 */
export function norm(a: ArrayInput, options: { ord?: NormOrder | null; axis?: number | readonly number[] | null;
  keepdims?: boolean } = {}): NDArray {
  const x = asarray(a);
  // As NumPy: a float32 input gives a float32 norm, every other dtype a float64 one.
  const result = normOf(x, options);
  const dtype = x.dtype === "float32" ? "float32" : "float64";
  return result.dtype === dtype ? result : result.astype(dtype);
}

function normOf(x: NDArray, options: { ord?: NormOrder | null; axis?: number | readonly number[] | null;
  keepdims?: boolean }): NDArray {
  const ord = options.ord ?? null;
  const keepdims = options.keepdims ?? false;
  let axes: number[];
  if (options.axis === undefined || options.axis === null) {
    if (ord === null) {
      // Frobenius / 2-norm of everything.
      // Integers and bools as float64 first, as NumPy does (an int32 square would wrap around).
      const dtype = x.dtype === "float32" ? "float32" : "float64";
      const flat = reshape(x, [-1]).astype(dtype);
      const s = Math.sqrt(sum(multiply(flat, flat)).item());
      return NDArray.zeros(keepdims ? x.shape.map(() => 1) : [], dtype).fill(s);
    }
    if (x.ndim !== 1 && x.ndim !== 2) throw new ValueError("norm", "Improper number of dimensions to norm.", [x.shape]);
    axes = x.ndim === 1 ? [0] : [0, 1];
  } else {
    const list = typeof options.axis === "number" ? [options.axis] : [...options.axis];
    axes = list.map((ax) => normalizeAxis("norm", ax, x.ndim, x.shape));
    if (new Set(axes).size !== axes.length) throw new ValueError("norm", "Duplicate axes given.", [x.shape]);
  }
  if (axes.length === 1) {
    const opt = { axis: axes[0], keepdims };
    const ax = abs(x).astype(x.dtype === "float32" ? "float32" : "float64");
    if (ord === null || ord === 2) return sum(multiply(ax, ax), opt).sqrt();
    if (ord === Infinity) return max(ax, opt);
    if (ord === -Infinity) return min(ax, opt);
    if (ord === 1) return sum(ax, opt);
    if (ord === 0) return sum(ax.notEqual(0), opt).astype("float64");
    if (typeof ord === "string") throw new ValueError("norm", `Invalid norm order '${ord}' for vectors`, [x.shape]);
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
  if (ord === 2 || ord === -2 || ord === "nuc") {
    // Singular values of each matrix (the two axes moved last), then largest, smallest or sum.
    const rest = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const moved = transposeAxes(x.astype("float64"), [...rest, rowAxis, colAxis]);
    const m = x.shape[rowAxis], n = x.shape[colAxis];
    const packed = moved.toTypedArray();
    const out = new Float64Array(rest.reduce((k, i) => k * x.shape[i], 1));
    for (let t = 0; t < out.length && m * n > 0; t++) {
      const sv = singularValues(packed.subarray(t * m * n, (t + 1) * m * n), m, n);
      out[t] = ord === 2 ? sv[0] : ord === -2 ? sv[sv.length - 1] : sv.reduce((acc, v) => acc + v, 0);
    }
    return restore(new NDArray(out, rest.map((i) => x.shape[i]), undefined, 0, "float64"));
  }
  throw new ValueError("norm", "Invalid norm order for matrices.", [x.shape]);
}
