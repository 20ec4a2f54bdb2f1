// Strided loops over typed arrays. Every op that walks an array element by element goes through
// these: they handle any strides (transposed, stepped, negative, broadcast with stride 0) with an
// explicit counter per dimension, so no op recurses or allocates per element.
import type { TypedArray } from "./dtype";
import type { Shape } from "./shape";

/** The raw storage of an array view: where element (i, j, ...) lives is offset + Σ index·stride. */
export interface Strided {
  readonly data: TypedArray;
  readonly strides: readonly number[];
  readonly offset: number;
}

/** True when the elements of `shape` with these strides sit in C order, packed, from offset. */
export function isCContiguous(shape: Shape, strides: readonly number[]): boolean {
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue; // a size-1 dimension's stride never matters
    if (strides[i] !== step) return false;
    step *= shape[i];
  }
  return true;
}

function totalSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Calls body(k, offset) for every element of `shape` in C order: k counts 0, 1, 2, ... and
 * offset is where that element sits in `src`.
 */
export function forEachOffset(shape: Shape, strides: readonly number[], offset: number,
  body: (k: number, offset: number) => void): void {
  const size = totalSize(shape);
  if (size === 0) return;
  const nd = shape.length;
  if (nd === 0) { body(0, offset); return; }
  const last = nd - 1;
  const n = shape[last];
  const step = strides[last];
  const counter = new Array<number>(nd).fill(0);
  let base = offset;
  let k = 0;
  while (k < size) {
    let p = base;
    for (let j = 0; j < n; j++, p += step) body(k++, p);
    // advance the outer counters like an odometer
    let d = last - 1;
    for (; d >= 0; d--) {
      base += strides[d];
      if (++counter[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      counter[d] = 0;
    }
    if (d < 0) break;
  }
}

/** Copies a strided view into `out` (packed, C order). */
export function gather(shape: Shape, src: Strided, out: TypedArray): void {
  const data = src.data;
  if (isCContiguous(shape, src.strides)) {
    const n = totalSize(shape);
    if (n > 0) out.set(data.subarray(src.offset, src.offset + n));
    return;
  }
  forEachOffset(shape, src.strides, src.offset, (k, p) => { out[k] = data[p]; });
}

/** out[k] = f(src[k]) over a strided view; out is packed C order. */
export function mapUnary(shape: Shape, src: Strided, out: TypedArray, f: (x: number) => number): void {
  const data = src.data;
  if (isCContiguous(shape, src.strides)) {
    const n = totalSize(shape);
    const o = src.offset;
    for (let k = 0; k < n; k++) out[k] = f(data[o + k]);
    return;
  }
  forEachOffset(shape, src.strides, src.offset, (k, p) => { out[k] = f(data[p]); });
}

/**
 * out[k] = f(a[k], b[k]) where a and b are strided views already expressed in the output's
 * `shape` (broadcast dimensions have stride 0); out is packed C order.
 */
export function mapBinary(shape: Shape, a: Strided, b: Strided, out: TypedArray,
  f: (x: number, y: number) => number): void {
  const size = totalSize(shape);
  if (size === 0) return;
  const ad = a.data, bd = b.data;
  const nd = shape.length;
  if (nd === 0) { out[0] = f(ad[a.offset], bd[b.offset]); return; }
  const aFlat = isCContiguous(shape, a.strides), bFlat = isCContiguous(shape, b.strides);
  if (aFlat && bFlat) {
    const ao = a.offset, bo = b.offset;
    for (let k = 0; k < size; k++) out[k] = f(ad[ao + k], bd[bo + k]);
    return;
  }
  const last = nd - 1;
  const n = shape[last];
  const sa = a.strides[last], sb = b.strides[last];
  const counter = new Array<number>(nd).fill(0);
  let baseA = a.offset, baseB = b.offset;
  let k = 0;
  while (k < size) {
    let pa = baseA, pb = baseB;
    for (let j = 0; j < n; j++, pa += sa, pb += sb) out[k++] = f(ad[pa], bd[pb]);
    let d = last - 1;
    for (; d >= 0; d--) {
      baseA += a.strides[d];
      baseB += b.strides[d];
      if (++counter[d] < shape[d]) break;
      baseA -= a.strides[d] * shape[d];
      baseB -= b.strides[d] * shape[d];
      counter[d] = 0;
    }
    if (d < 0) break;
  }
}

/**
 * Writes src into the strided destination dst (both expressed in `shape`; src may broadcast with
 * stride 0). `convert` turns a source value into what dst stores.
 */
export function assign(shape: Shape, dst: Strided, src: Strided, convert: (x: number) => number): void {
  const size = totalSize(shape);
  if (size === 0) return;
  const dd = dst.data, sd = src.data;
  const nd = shape.length;
  if (nd === 0) { dd[dst.offset] = convert(sd[src.offset]); return; }
  const last = nd - 1;
  const n = shape[last];
  const sDst = dst.strides[last], sSrc = src.strides[last];
  const counter = new Array<number>(nd).fill(0);
  let baseD = dst.offset, baseS = src.offset;
  let k = 0;
  while (k < size) {
    let pd = baseD, ps = baseS;
    for (let j = 0; j < n; j++, pd += sDst, ps += sSrc) dd[pd] = convert(sd[ps]);
    k += n;
    let d = last - 1;
    for (; d >= 0; d--) {
      baseD += dst.strides[d];
      baseS += src.strides[d];
      if (++counter[d] < shape[d]) break;
      baseD -= dst.strides[d] * shape[d];
      baseS -= src.strides[d] * shape[d];
      counter[d] = 0;
    }
    if (d < 0) break;
  }
}
