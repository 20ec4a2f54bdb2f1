// Everyday helpers NumPy learners reach for: flip, roll, diff, median, quantile, percentile,
// meshgrid and pad. Built on the views and copies of manipulate/indexing; median and quantile sort
// each reduced slice and follow NumPy 1.24's arithmetic step for step, so they give its bits.
import { allocate, checkIntegerFill, DType } from "./dtype";
import { DTypeError, formatShape, IndexError, ValueError } from "./errors";
import { ArrayInput, AxisOptions, NDArray } from "./ndarray";
import { asarray, full } from "./create";
import { axisRange, broadcastTo, concatenate, transpose, view } from "./manipulate";
import { take } from "./indexing";
import { notEqual, subtract } from "./elementwise";
import { normalizeAxes, normalizeAxis, sizeOf } from "./shape";

/** An int32 index array, for take. */
const indexArray = (values: readonly number[]): NDArray =>
  new NDArray(Int32Array.from(values), [values.length], undefined, 0, "int32");

/** Reverses the order of elements along `axis` (all axes when omitted or null); a view. */
export function flip(a: ArrayInput, options: { axis?: number | readonly number[] | null } = {}): NDArray {
  const x = asarray(a);
  const axes = normalizeAxes("flip", options.axis, x.ndim, x.shape);
  const strides = [...x.strides];
  let offset = x.offset;
  for (const ax of axes) {
    if (x.shape[ax] > 0) offset += (x.shape[ax] - 1) * x.strides[ax];
    strides[ax] = -strides[ax];
  }
  return x.size === 0 ? view(x, x.shape, x.strides) : view(x, x.shape, strides, offset);
}

/**
 * Shifts elements along `axis`, wrapping around at the end (a copy). With no axis (or null) the
 * flattened array is rolled and the shape restored. `shift` and `axis` may be lists, paired up as
 * NumPy broadcasts them; shifts of a repeated axis add up.
 */
export function roll(a: ArrayInput, shift: number | readonly number[],
  options: { axis?: number | readonly number[] | null } = {}): NDArray {
  const x = asarray(a);
  if (options.axis === undefined || options.axis === null) {
    return roll(x.reshape(-1), shift, { axis: 0 }).reshape(x.shape);
  }
  const shifts = typeof shift === "number" ? [shift] : [...shift];
  const axisList = typeof options.axis === "number" ? [options.axis] : [...options.axis];
  if ([shifts, axisList].some((l) => l.some((v) => Array.isArray(v)))) {
    throw new ValueError("roll", "'shift' and 'axis' should be scalars or 1D sequences", [x.shape]);
  }
  const bad = shifts.find((s) => !Number.isInteger(s));
  if (bad !== undefined) throw new ValueError("roll", `shift must be an integer, got ${String(bad)}`, [x.shape]);
  const count = Math.max(shifts.length, axisList.length);
  if (shifts.length !== axisList.length && shifts.length !== 1 && axisList.length !== 1) {
    throw new ValueError("roll", "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is " +
      `between arg 0 with shape ${formatShape([shifts.length])} and arg 1 with shape ${formatShape([axisList.length])}.`,
      [x.shape]);
  }
  const total = new Array<number>(x.ndim).fill(0);
  for (let i = 0; i < count; i++) {
    const ax = normalizeAxis("roll", axisList[axisList.length === 1 ? 0 : i], x.ndim, x.shape);
    // Reduced mod n at once (JS's % is exact): i − s for a shift past 2^53 would round.
    const n = x.shape[ax];
    if (n > 0) total[ax] = (total[ax] + (shifts[shifts.length === 1 ? 0 : i] % n) + n) % n;
  }
  let out = x;
  total.forEach((s, ax) => {
    const n = x.shape[ax];
    if (n === 0 || s % n === 0) return;
    // out[i] = x[(i - s) mod n]
    out = take(out, indexArray(Array.from({ length: n }, (_, i) => (((i - s) % n) + n) % n)), { axis: ax });
  });
  return out === x ? x.copy() : out;
}

/**
 * The n-th discrete difference along `axis` (default last): out[i] = a[i + 1] - a[i], n times.
 * Keeps the dtype (int32 wraps as NumPy's int32 does). For bool arrays it is a[i + 1] != a[i],
 * as NumPy does (subtracting booleans is an error there). n = 0 gives a copy of the input; n at
 * least the axis length gives an empty axis.
 */
export function diff(a: ArrayInput, options: { n?: number; axis?: number } = {}): NDArray {
  const x = asarray(a);
  const n = options.n ?? 1;
  if (!Number.isInteger(n)) throw new ValueError("diff", `order must be an integer, got ${String(n)}`, [x.shape]);
  if (n < 0) throw new ValueError("diff", `order must be non-negative but got ${n}`, [x.shape]);
  if (n === 0) return x.copy();
  if (x.ndim === 0) throw new ValueError("diff", "diff requires input that is at least one dimensional", [x.shape]);
  const axis = normalizeAxis("diff", options.axis ?? -1, x.ndim, x.shape);
  const op = x.dtype === "bool" ? notEqual : subtract;
  let cur = x;
  for (let k = 0; k < n; k++) {
    const len = Math.max(cur.shape[axis] - 1, 0);
    cur = op(axisRange(cur, axis, 1, len), axisRange(cur, axis, 0, len));
  }
  return cur;
}

/**
 * Moves the reduced axes last and packs them: returns the rows (one per output element), their
 * length, and the output shape (keepdims applied).
 */
function reducedRows(op: string, x: NDArray, options: AxisOptions): { rows: Float64Array; m: number; outShape: number[] } {
  const axes = normalizeAxes(op, options.axis, x.ndim, x.shape);
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const m = axes.reduce((k, ax) => k * x.shape[ax], 1);
  const outShape = options.keepdims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept.map((i) => x.shape[i]);
  const rows = Float64Array.from(transpose(x, [...kept, ...axes]).toTypedArray());
  return { rows, m, outShape };
}

/** Sorts each row of length m in place and reports which rows hold a NaN. */
function sortRows(rows: Float64Array, m: number): boolean[] {
  const nan: boolean[] = [];
  for (let start = 0; start < rows.length; start += m) {
    const row = rows.subarray(start, start + m);
    row.sort(); // numeric, NaN last
    nan.push(m > 0 && row[m - 1] !== row[m - 1]);
  }
  return nan;
}

/**
 * The median along `axis` (all axes when omitted; a list is allowed), with `keepdims`. As NumPy:
 * the mean of the middle one or two sorted values, so int and bool give float64 and float32 stays
 * float32; a slice with a NaN gives NaN. An empty slice is an error here (NumPy warns and gives
 * NaN), as np.mean of an empty slice is in this library.
 */
export function median(a: ArrayInput, options: AxisOptions = {}): NDArray {
  const x = asarray(a);
  const { rows, m, outShape } = reducedRows("median", x, options);
  const outSize = sizeOf(outShape);
  if (m === 0 && outSize > 0) throw new ValueError("median", "median of an empty slice", [x.shape]);
  const dtype: DType = x.dtype === "float32" ? "float32" : "float64";
  const r = dtype === "float32" ? Math.fround : (v: number) => v;
  const nan = sortRows(rows, m);
  const out = allocate(dtype, outSize);
  const h = m >> 1;
  for (let i = 0; i < outSize; i++) {
    const s = i * m;
    // np.mean of the middle values: 0 + a (+ b), then divided by the count, in the dtype
    out[i] = nan[i] ? NaN : m % 2 === 1 ? r(0 + rows[s + h]) : r(r(r(0 + rows[s + h - 1]) + rows[s + h]) / 2);
  }
  return new NDArray(out, outShape, undefined, 0, dtype);
}

/**
 * The q-th quantile along `axis` with NumPy's default "linear" method (Hyndman & Fan's 7th):
 * the value at (m - 1)·q in the sorted slice, interpolated between its neighbours. `q` is a number
 * or an array (at most 2-D) of numbers in [0, 1]; the output shape is q's shape followed by the
 * reduced shape. The result is float64 (NumPy 1.24 gives float64 for float32 input too, after
 * taking the difference of neighbours in float32); a slice with a NaN gives NaN.
 */
export function quantile(a: ArrayInput, q: ArrayInput, options: AxisOptions = {}): NDArray {
  const qs = asarray(q, { dtype: "float64" });
  const values = qs.toTypedArray();
  if (!values.every((v) => v >= 0 && v <= 1)) throw new ValueError("quantile", "Quantiles must be in the range [0, 1]", [qs.shape]);
  return quantileImpl("quantile", asarray(a), qs.shape, values, options);
}

/** np.percentile: quantile with q given in percent, in [0, 100]. */
export function percentile(a: ArrayInput, q: ArrayInput, options: AxisOptions = {}): NDArray {
  const qs = asarray(q, { dtype: "float64" });
  const values = qs.toTypedArray().map((v) => v / 100);
  if (!values.every((v) => v >= 0 && v <= 1)) {
    throw new ValueError("percentile", "Percentiles must be in the range [0, 100]", [qs.shape]);
  }
  return quantileImpl("percentile", asarray(a), qs.shape, values, options);
}

function quantileImpl(op: string, x: NDArray, qShape: readonly number[], qs: ArrayLike<number>, options: AxisOptions): NDArray {
  if (qShape.length > 2) throw new ValueError(op, "q must be a scalar or 1d", [x.shape, qShape]);
  if (x.dtype === "bool") {
    throw new DTypeError(op, "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, " +
      "the `^` operator, or the logical_xor function instead.", "convert first, e.g. x.astype(\"float64\")");
  }
  const { rows, m, outShape } = reducedRows(op, x, options);
  const outSize = sizeOf(outShape);
  if (m === 0 && outSize > 0 && qs.length > 0) {
    throw new IndexError(op, "cannot do a non-empty take from an empty axes.", [x.shape]);
  }
  const r = x.dtype === "float32" ? Math.fround : (v: number) => v;
  const nan = sortRows(rows, m);
  const out = new Float64Array(qs.length * outSize);
  for (let j = 0; j < qs.length; j++) {
    const virtual = (m - 1) * qs[j];
    // NumPy's _get_indexes: past the last index both neighbours are the last value (index -1),
    // and gamma is then virtual - (-1), which only matters when the two are infinite.
    const above = virtual >= m - 1;
    const prev = above ? m - 1 : Math.floor(virtual);
    const next = above ? m - 1 : prev + 1;
    const t = virtual - (above ? -1 : prev);
    for (let i = 0; i < outSize; i++) {
      if (nan[i]) { out[j * outSize + i] = NaN; continue; }
      const lo = rows[i * m + prev], hi = rows[i * m + next];
      const d = r(hi - lo); // subtract(b, a) in the input dtype
      out[j * outSize + i] = t >= 0.5 ? hi - d * (1 - t) : lo + d * t; // NumPy's _lerp
    }
  }
  return new NDArray(out, [...qShape, ...outShape], undefined, 0, "float64");
}

export interface MeshgridOptions { indexing?: "xy" | "ij"; sparse?: boolean }

/**
 * Coordinate matrices from coordinate vectors (each input is flattened). With "xy" indexing (the
 * default) the first two output axes are swapped, as for plotting: meshgrid(x, y) gives arrays of
 * shape (y.size, x.size). With `sparse`, each output keeps size 1 along the other axes. Copies.
 */
export function meshgrid(...args: [...ArrayInput[], MeshgridOptions] | ArrayInput[]): NDArray[] {
  const last = args[args.length - 1];
  const hasOptions = typeof last === "object" && last !== null && !(last instanceof NDArray) &&
    !Array.isArray(last) && !ArrayBuffer.isView(last);
  const options = (hasOptions ? last : {}) as MeshgridOptions;
  const inputs = (hasOptions ? args.slice(0, -1) : args) as ArrayInput[];
  const indexing = options.indexing ?? "xy";
  if (indexing !== "xy" && indexing !== "ij") {
    throw new ValueError("meshgrid", "Valid values for `indexing` are 'xy' and 'ij'.");
  }
  const xs = inputs.map((v) => asarray(v).reshape(-1));
  const nd = xs.length;
  const shape = xs.map((x) => x.size);
  const swap = indexing === "xy" && nd > 1;
  if (swap) [shape[0], shape[1]] = [shape[1], shape[0]];
  return xs.map((x, i) => {
    const at = swap && i < 2 ? 1 - i : i; // the output axis this input runs along
    const single = shape.map((d, k) => (k === at ? d : 1));
    const v = x.reshape(single);
    return options.sparse ? v.copy() : broadcastTo(v, shape).copy();
  });
}

export type PadWidth = number | readonly number[] | readonly (readonly number[])[];

/**
 * NumPy's _as_pairs: a number, [n], [before, after], [[before, after]] or one pair per axis,
 * broadcast to (ndim, 2).
 */
function asPairs(op: string, value: PadWidth, ndim: number, integral: boolean): [number, number][] {
  const arr = asarray(value as ArrayInput, { dtype: "float64" });
  const flat = arr.toTypedArray();
  if (integral) {
    if (flat.some((v) => !Number.isInteger(v))) throw new ValueError(op, "`pad_width` must be of integral type.");
    if (flat.some((v) => v < 0)) throw new ValueError(op, "index can't contain negative values");
  }
  const target = [ndim, 2];
  const fits = arr.ndim <= 2 && arr.shape.every((d, i) => d === 1 || d === target[target.length - arr.ndim + i]);
  if (!fits) {
    throw new ValueError(op, "operands could not be broadcast together with remapped shapes [original->remapped]: " +
      `${formatShape(arr.shape)}  and requested shape ${formatShape(target)}`, [arr.shape, target]);
  }
  const pairs = broadcastTo(arr, target).toTypedArray();
  return Array.from({ length: ndim }, (_, i) => [pairs[2 * i], pairs[2 * i + 1]]);
}

/**
 * Pads an array (a copy). `padWidth` is a number, [before, after], or one [before, after] pair
 * per axis. Mode "constant" (default) fills with `constantValues` (a number, a pair, or a pair
 * per axis, cast to the array's dtype); "edge" repeats the edge values. Where padded regions of
 * several axes meet, the later axis's constant wins, as in NumPy.
 */
export function pad(a: ArrayInput, padWidth: PadWidth,
  options: { mode?: "constant" | "edge"; constantValues?: PadWidth } = {}): NDArray {
  const x = asarray(a);
  const mode = options.mode ?? "constant";
  if (mode !== "constant" && mode !== "edge") throw new ValueError("pad", `mode '${String(mode)}' is not supported`);
  const widths = asPairs("pad", padWidth, x.ndim, true);
  if (mode === "edge") {
    if (options.constantValues !== undefined) {
      throw new ValueError("pad", "unsupported keyword arguments for mode 'edge': {'constant_values'}");
    }
    let out = x;
    widths.forEach(([before, after], ax) => {
      const n = x.shape[ax];
      if (before === 0 && after === 0) return;
      if (n === 0) {
        throw new ValueError("pad", `can't extend empty axis ${ax} using modes other than 'constant' or 'empty'`, [x.shape]);
      }
      const idx = Array.from({ length: n + before + after }, (_, i) => Math.min(Math.max(i - before, 0), n - 1));
      out = take(out, indexArray(idx), { axis: ax });
    });
    return out === x ? x.copy() : out;
  }
  const values = asPairs("pad", options.constantValues ?? 0, x.ndim, false);
  checkIntegerFill("pad", x.dtype, values.flat(), x.shape);
  let out = x.copy();
  widths.forEach(([before, after], ax) => {
    // Each axis pads the array as padded so far, so its constants fill the corners too.
    const block = (width: number, value: number) => full(out.shape.map((d, k) => (k === ax ? width : d)), value, { dtype: x.dtype });
    out = concatenate([block(before, values[ax][0]), out, block(after, values[ax][1])], { axis: ax });
  });
  return out;
}
