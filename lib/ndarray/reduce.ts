// Reductions over axes (sum, mean, max, argmax, var, ...) and cumulative sums.
//
// Every reduction shares NumPy's options: `axis` (a number, a list, negatives count from the end;
// omitted = all axes) and `keepdims`. Sums of int32 and bool arrays are int32 (NumPy would give
// int64, which we do not have), so they wrap past 2**31 like NumPy's int32 accumulators.
import { allocate, allocateUninitialized, DType, isFloat, TypedArray } from "./dtype";
import { ValueError } from "./errors";
import { ArrayInput, AxisOptions, NDArray, SingleAxisOptions } from "./ndarray";
import { asarray } from "./create";
import { normalizeAxes, normalizeAxis } from "./shape";
import { transpose } from "./manipulate";
import { mapAlongAxis } from "./along-axis";

/** A reduction of `n` packed values starting at `start`. */
type Kernel = (buf: TypedArray, start: number, n: number) => number;

/**
 * Arranges x so the reduced axes come last and are packed, then applies `kernel` to each block
 * of reduced values. Returns the output with kept axes (size-1 reduced axes if keepdims).
 */
function reduceWith(op: string, x: NDArray, options: AxisOptions | undefined, outDType: DType,
  kernel: Kernel, emptyMessage?: string): NDArray {
  const axes = normalizeAxes(op, options?.axis, x.ndim, x.shape);
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const blockSize = axes.reduce((n, a) => n * x.shape[a], 1);
  const outShape = options?.keepdims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept.map((i) => x.shape[i]);
  const outSize = kept.reduce((n, a) => n * x.shape[a], 1);
  if (blockSize === 0 && outSize > 0 && emptyMessage) throw new ValueError(op, emptyMessage, [x.shape]);
  const arranged = axes.length === x.ndim || axes.every((a, i) => a === x.ndim - axes.length + i)
    ? x : transpose(x, [...kept, ...axes]);
  // A packed input is read in place; anything else is packed once.
  const packed = arranged.isContiguous;
  const buf = packed ? arranged.data : arranged.toTypedArray();
  const base = packed ? arranged.offset : 0;
  const out = allocateUninitialized(outDType, outSize); // every element is written below
  for (let i = 0; i < outSize; i++) out[i] = kernel(buf, base + i * blockSize, blockSize);
  return new NDArray(out, outShape, undefined, 0, outDType);
}

// acc[j] += data[start + i·inner + j] for every row i, sixteen rows per pass (a sixteenth of the
// accumulator loads and stores), still added one after another from the left: the order, and so
// the bits, of NumPy's sum over axis 0 (float32 rows in float32, each addition rounded). Compiled
// once per array type, so that V8 reads each monomorphically (a loop shared by float32 and float64
// runs about a third slower).
const ROWS_PER_PASS = 16;
const addRowsSource = (round: string) => `"use strict"; return function addRows(acc, data, start, outer, inner) {
  let i = 0, row = start;
  for (; i + ${ROWS_PER_PASS} <= outer; i += ${ROWS_PER_PASS}, row += ${ROWS_PER_PASS} * inner) {
    const ${Array.from({ length: ROWS_PER_PASS }, (_, r) => `r${r} = row + ${r} * inner`).join(", ")};
    for (let j = 0; j < inner; j++) {
      acc[j] = ${Array.from({ length: ROWS_PER_PASS }, (_, r) => `data[r${r} + j]`).reduce((sum, term) => `${round}(${sum} + ${term})`, "acc[j]")};
    }
  }
  for (; i < outer; i++, row += inner) {
    for (let j = 0; j < inner; j++) acc[j] = ${round}(acc[j] + data[row + j]);
  }
};`;
type AddRows = (acc: Float64Array, data: TypedArray, start: number, outer: number, inner: number) => void;
const addRowsFloat64 = new Function(addRowsSource(""))() as AddRows;
// float32 rows are added in float32, each addition rounded, as NumPy does
const addRowsFloat32 = new Function(addRowsSource("Math.fround"))() as AddRows;

/**
 * Sum over leading axes of a packed float array without moving them last: row after row of the
 * kept elements is added into a float64 accumulator, as NumPy does for axis 0. Returns null when
 * the layout or the axes don't fit (the general path then packs and sums pairwise).
 */
function sumLeadingAxes(op: string, x: NDArray, options: AxisOptions | undefined, outDType: DType): NDArray | null {
  if (!isFloat(x.dtype) || !x.isContiguous || x.ndim < 2) return null;
  const axes = normalizeAxes(op, options?.axis, x.ndim, x.shape);
  const r = axes.length;
  if (r === 0 || r === x.ndim || !axes.every((a, i) => a === i)) return null;
  const outer = x.shape.slice(0, r).reduce((n, d) => n * d, 1);
  const inner = x.shape.slice(r).reduce((n, d) => n * d, 1);
  if (outer === 0) return null;
  const acc = allocate("float64", inner) as Float64Array; // zeroed (and seen by backward's log)
  (x.dtype === "float64" ? addRowsFloat64 : addRowsFloat32)(acc, x.data, x.offset, outer, inner);
  if (op === "mean") for (let j = 0; j < inner; j++) acc[j] /= outer;
  const outShape = options?.keepdims ? x.shape.map((d, i) => (i < r ? 1 : d)) : x.shape.slice(r);
  const out = outDType === "float64" ? acc : allocate(outDType, inner);
  if (out !== acc) out.set(acc);
  return new NDArray(out, outShape, undefined, 0, outDType);
}

// NumPy's pairwise summation (pairwise_sum in numpy/core/src/umath/loops_utils.h.src), step for
// step, so that sums have NumPy's bits: under 8 values one by one from 0; up to 128 in eight
// running sums combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the rest one by
// one; longer runs split in two at a multiple of 8. Long sums keep their accuracy (error grows
// with log n). A float32 array is summed in float32, each addition rounded (R = Math.fround), as
// NumPy does; other types in float64. One copy per type keeps V8's reads monomorphic.
const PAIRWISE = `"use strict"; return function pairwise(buf, start, n) {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res = R(res + buf[i]);
    return res;
  }
  if (n <= 128) {
    let r0 = buf[start], r1 = buf[start + 1], r2 = buf[start + 2], r3 = buf[start + 3];
    let r4 = buf[start + 4], r5 = buf[start + 5], r6 = buf[start + 6], r7 = buf[start + 7];
    const end = start + n - (n % 8);
    let i = start + 8;
    for (; i < end; i += 8) {
      r0 = R(r0 + buf[i]); r1 = R(r1 + buf[i + 1]); r2 = R(r2 + buf[i + 2]); r3 = R(r3 + buf[i + 3]);
      r4 = R(r4 + buf[i + 4]); r5 = R(r5 + buf[i + 5]); r6 = R(r6 + buf[i + 6]); r7 = R(r7 + buf[i + 7]);
    }
    let res = R(R(R(r0 + r1) + R(r2 + r3)) + R(R(r4 + r5) + R(r6 + r7)));
    for (; i < start + n; i++) res = R(res + buf[i]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return R(pairwise(buf, start, n2) + pairwise(buf, start + n2, n - n2));
};`;
type Pairwise = (buf: TypedArray, start: number, n: number) => number;
const pairwiseFloat64 = new Function(PAIRWISE.replace(/\bR\(/g, "(")) as () => Pairwise;
const pairwiseFloat32 = new Function(PAIRWISE.replace(/\bR\(/g, "Math.fround(")) as () => Pairwise;
const pairwise64 = pairwiseFloat64(), pairwise32 = pairwiseFloat32(), pairwiseInt = pairwiseFloat64();

/** NumPy's sum of n values from buf[start]: 0 + the pairwise sum (so a sum of −0s is 0). */
function pairwiseSum(buf: TypedArray, start: number, n: number): number {
  const sum = buf instanceof Float64Array ? pairwise64 : buf instanceof Float32Array ? pairwise32 : pairwiseInt;
  return 0 + sum(buf, start, n);
}

/** dtype of a sum or product: bool counts as int32, everything else keeps its type. */
const accumulateDType = (d: DType): DType => (d === "bool" ? "int32" : d);
/** dtype of a mean or variance: floats keep theirs, ints and bools average into float64. */
const averageDType = (d: DType): DType => (isFloat(d) ? d : "float64");

export function sum(a: ArrayInput, options?: AxisOptions): NDArray {
  const x = asarray(a);
  return sumLeadingAxes("sum", x, options, accumulateDType(x.dtype)) ??
    reduceWith("sum", x, options, accumulateDType(x.dtype), pairwiseSum);
}

export function prod(a: ArrayInput, options?: AxisOptions): NDArray {
  const x = asarray(a);
  const int = accumulateDType(x.dtype) === "int32";
  return reduceWith("prod", x, options, accumulateDType(x.dtype), (buf, start, n) => {
    let p = 1;
    if (int) for (let i = start; i < start + n; i++) p = Math.imul(p, buf[i]);
    else if (buf instanceof Float32Array) for (let i = start; i < start + n; i++) p = Math.fround(p * buf[i]); // in float32, as NumPy
    else for (let i = start; i < start + n; i++) p *= buf[i];
    return p;
  });
}

export function mean(a: ArrayInput, options?: AxisOptions): NDArray {
  const x = asarray(a);
  return sumLeadingAxes("mean", x, options, averageDType(x.dtype)) ?? reduceWith("mean", x, options, averageDType(x.dtype), (buf, start, n) => pairwiseSum(buf, start, n) / n,
    "mean of an empty slice");
}

function extreme(op: string, better: (a: number, b: number) => boolean) {
  return (a: ArrayInput, options?: AxisOptions): NDArray => {
    const x = asarray(a);
    const name = op === "max" ? "maximum" : "minimum";
    return reduceWith(op, x, options, x.dtype, (buf, start, n) => {
      let best = buf[start];
      if (best !== best) return NaN;
      for (let i = start + 1; i < start + n; i++) {
        const v = buf[i];
        if (v !== v) return NaN; // NaN propagates, as in NumPy
        // A tie goes to the later value, as np.maximum/np.minimum pass on their second operand:
        // max of [-0, 0] is 0, as in NumPy.
        if (!better(best, v)) best = v;
      }
      return best;
    }, `zero-size array to reduction operation ${name} which has no identity`);
  };
}

export const max = extreme("max", (v, best) => v > best);
export const min = extreme("min", (v, best) => v < best);

function argExtreme(op: string, better: (a: number, b: number) => boolean) {
  return (a: ArrayInput, options: SingleAxisOptions = {}): NDArray => {
    const x = asarray(a);
    if (options.axis !== undefined && options.axis !== null && typeof options.axis !== "number") {
      throw new ValueError(op, "axis must be a single integer", [x.shape]);
    }
    const flat = options.axis === undefined || options.axis === null;
    const src = flat ? x.reshape(-1) : x;
    const axis = flat ? 0 : normalizeAxis(op, options.axis as number, x.ndim, x.shape);
    const result = reduceWith(op, src, { axis }, "int32", (buf, start, n) => {
      let best = 0;
      for (let i = 1; i < n; i++) {
        const v = buf[start + i], b = buf[start + best];
        if (b !== b) break; // the first NaN wins
        if (v !== v || better(v, b)) best = i;
      }
      return best;
    }, `attempt to get ${op} of an empty sequence`);
    if (!options.keepdims) return result;
    return result.reshape(flat ? x.shape.map(() => 1) : x.shape.map((d, i) => (i === axis ? 1 : d)));
  };
}

export const argmax = argExtreme("argmax", (v, best) => v > best);
export const argmin = argExtreme("argmin", (v, best) => v < best);

/** Variance: mean of squared deviations, divided by N - ddof. */
export function variance(a: ArrayInput, options: AxisOptions & { ddof?: number } = {}): NDArray {
  return varianceImpl("var", a, options, false);
}

export function std(a: ArrayInput, options: AxisOptions & { ddof?: number } = {}): NDArray {
  return varianceImpl("std", a, options, true);
}

function varianceImpl(op: string, a: ArrayInput, options: AxisOptions & { ddof?: number }, root: boolean): NDArray {
  const x = asarray(a);
  const ddof = options.ddof ?? 0;
  if (!Number.isFinite(ddof) || ddof < 0) throw new ValueError(op, `ddof must be a non-negative number, got ${ddof}`, [x.shape]);
  const axes = normalizeAxes(op, options.axis, x.ndim, x.shape);
  const n = axes.reduce((k, ax) => k * x.shape[ax], 1);
  if (n - ddof <= 0) {
    throw new ValueError(op, `degrees of freedom <= 0: ${n} element(s) per slice with ddof=${ddof}`, [x.shape],
      "use a smaller ddof or reduce over more elements");
  }
  return reduceWith(op, x, options, averageDType(x.dtype), (buf, start, count) => {
    const m = pairwiseSum(buf, start, count) / count;
    let s = 0;
    for (let i = start; i < start + count; i++) { const d = buf[i] - m; s += d * d; }
    const v = s / (count - ddof);
    return root ? Math.sqrt(v) : v;
  });
}

export function any(a: ArrayInput, options?: AxisOptions): NDArray {
  return reduceWith("any", asarray(a), options, "bool", (buf, start, n) => {
    for (let i = start; i < start + n; i++) if (buf[i] !== 0) return 1;
    return 0;
  });
}

export function all(a: ArrayInput, options?: AxisOptions): NDArray {
  return reduceWith("all", asarray(a), options, "bool", (buf, start, n) => {
    for (let i = start; i < start + n; i++) if (buf[i] === 0) return 0;
    return 1;
  });
}

/** Running sum along an axis (over the flattened array when axis is omitted). */
export function cumsum(a: ArrayInput, options: { axis?: number | null } = {}): NDArray {
  const x = asarray(a);
  return mapAlongAxis("cumsum", x, options.axis ?? null, accumulateDType(x.dtype), (values, out) => {
    let s = 0;
    // float32 running sums in float32, as NumPy keeps them (out rounds what it stores, not s)
    if (out instanceof Float32Array) for (let i = 0; i < values.length; i++) { s = Math.fround(s + values[i]); out[i] = s; }
    else for (let i = 0; i < values.length; i++) { s += values[i]; out[i] = s; }
  });
}
