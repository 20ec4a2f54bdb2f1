// The NDArray: a typed buffer viewed through shape, strides and offset (all in elements), like
// NumPy's ndarray. Views (reshape when possible, transpose, slicing, broadcastTo) share the buffer.
// Methods are thin wrappers over the free functions of the op modules, so x.add(y) and
// np.add(x, y) are one implementation.
import { allocate, allocateUninitialized, castValue, checkDType, DType, TypedArray } from "./dtype";
import { formatShape, IndexError, ValueError } from "./errors";
import { gather, isCContiguous } from "./iterate";
import { contiguousStrides, Shape, sizeOf } from "./shape";
import { formatArray, formatArrayStr } from "./format";
import { arrayTable } from "./html";
import * as ew from "./elementwise";
import * as red from "./reduce";
import * as man from "./manipulate";
import * as idx from "./indexing";
import * as la from "./linalg";
import * as srt from "./sorting";

/** A nested JS array of numbers or booleans, as np.array accepts. */
export type NestedArray = number | boolean | readonly NestedArray[];
/** Anything an op accepts where it wants an array. */
export type ArrayInput = NDArray | NestedArray;

export interface AxisOptions { axis?: number | readonly number[] | null; keepdims?: boolean }
export interface SingleAxisOptions { axis?: number | null; keepdims?: boolean }

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");
const mimeBundleSymbol = Symbol.for("jupyter.mimeBundle");

export class NDArray {
  readonly data: TypedArray;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;

  /**
   * Low-level constructor: wraps `data` without copying. Prefer np.array / np.zeros; this exists
   * for views and kernels.
   */
  constructor(data: TypedArray, shape: Shape, strides?: readonly number[], offset = 0, dtype?: DType) {
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze(strides ? [...strides] : contiguousStrides(shape));
    this.offset = offset;
    this.dtype = dtype ?? dtypeOfData(data);
    checkLayout(this);
  }

  /** A new packed array of `shape` filled with zeros. */
  static zeros(shape: Shape, dtype: DType = "float64"): NDArray {
    return new NDArray(allocate(dtype, sizeOf(shape), shape), shape, undefined, 0, dtype);
  }

  /** A new packed array of `shape` whose values are arbitrary: for ops that write every element. */
  static empty(shape: Shape, dtype: DType = "float64"): NDArray {
    return new NDArray(allocateUninitialized(dtype, sizeOf(shape), shape), shape, undefined, 0, dtype);
  }

  get ndim(): number { return this.shape.length; }
  get size(): number { return sizeOf(this.shape); }
  /** The transpose (axes reversed), a view. */
  get T(): NDArray { return man.transpose(this); }
  /** True when elements are packed in C order from `offset` (reshape and ravel are then free). */
  get isContiguous(): boolean { return isCContiguous(this.shape, this.strides); }

  /** The elements in C order as a packed typed array of this dtype (a copy, safe to mutate). */
  toTypedArray(): TypedArray {
    const out = allocateUninitialized(this.dtype, this.size);
    gather(this.shape, this, out);
    return out;
  }

  /** Nested JS arrays (booleans for bool arrays); a 0-d array gives its scalar. */
  toArray(): any {
    const flat = this.toTypedArray();
    const asValue = this.dtype === "bool" ? (v: number) => v !== 0 : (v: number) => v;
    if (this.ndim === 0) return asValue(flat[0]);
    let pos = 0;
    const build = (dim: number): any[] => {
      const n = this.shape[dim];
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = dim === this.ndim - 1 ? asValue(flat[pos++]) : build(dim + 1);
      return out;
    };
    return build(0);
  }

  /**
   * An element as a number (bool as 0/1), like NumPy's item(): no argument for a size-1 array,
   * one flat C-order index, or one index per axis.
   */
  item(...index: number[]): number {
    if (index.length === 1 && this.ndim !== 0) {
      const flat = index[0], n = this.size;
      if (!Number.isInteger(flat) || flat < -n || flat >= n) {
        throw new IndexError("item", `index ${flat} is out of bounds for size ${n}`, [this.shape]);
      }
      let rest = flat < 0 ? flat + n : flat;
      const unravelled = new Array<number>(this.ndim);
      for (let d = this.ndim - 1; d >= 0; d--) { unravelled[d] = rest % this.shape[d]; rest = Math.floor(rest / this.shape[d]); }
      return this.get(...unravelled);
    }
    if (index.length === 0) {
      if (this.size !== 1) {
        throw new ValueError("item", "can only convert an array of size 1 to a Python scalar", [this.shape]);
      }
      return this.data[this.offset]; // every index is 0, so the element sits at the offset
    }
    return this.get(...index);
  }

  /** The element at integer indices, one per axis (negative counts from the end). */
  get(...index: number[]): number {
    return this.data[this.elementOffset("get", index)];
  }

  /**
   * Assignment, NumPy style: x.set([i, j], v) sets one element; x.set("1:3, ::2", value) and
   * x.set(mask, value) write `value` (broadcast) into a slice or into the mask's True places.
   */
  set(index: idx.IndexSpec | NDArray, value: ArrayInput): this {
    idx.setItem(this, index, value);
    return this;
  }

  /** Fills every element with `value`, in place. */
  fill(value: number | boolean): this {
    idx.setItem(this, [], value);
    return this;
  }

  /** Buffer position of an element; checks the number of indices and each bound. */
  elementOffset(op: string, index: readonly number[]): number {
    if (index.length !== this.ndim) {
      throw new IndexError(op, `expected ${this.ndim} indices for an array of shape ${formatShape(this.shape)}, got ${index.length}`,
        [this.shape], "use .slice(...) for partial indexing");
    }
    let p = this.offset;
    for (let a = 0; a < index.length; a++) {
      let i = index[a];
      const n = this.shape[a];
      if (!Number.isInteger(i)) throw new IndexError(op, `index ${String(i)} is not an integer`, [this.shape]);
      if (i < -n || i >= n) {
        throw new IndexError(op, `index ${i} is out of bounds for axis ${a} with size ${n}`, [this.shape]);
      }
      if (i < 0) i += n;
      p += i * this.strides[a];
    }
    return p;
  }

  copy(): NDArray { return new NDArray(this.toTypedArray(), this.shape, undefined, 0, this.dtype); }

  /** A copy converted to `dtype` (floats to int32 truncate toward zero, as NumPy's astype). */
  astype(dtype: DType): NDArray {
    checkDType("astype", dtype);
    const out = NDArray.empty(this.shape, dtype); // every element is written below
    const src = this.toTypedArray();
    const dst = out.data;
    if (dtype === "int32" || dtype === "bool") for (let i = 0; i < src.length; i++) dst[i] = castValue(src[i], dtype);
    else dst.set(src);
    return out;
  }

  // ---- shape (views where NumPy gives views) ----
  reshape(...shape: (number | readonly number[])[]): NDArray { return man.reshape(this, flattenShapeArgs(shape)); }
  ravel(): NDArray { return man.ravel(this); }
  flatten(): NDArray { return man.flatten(this); }
  transpose(...axes: (number | readonly number[])[]): NDArray {
    return man.transpose(this, axes.length === 0 ? undefined : flattenShapeArgs(axes));
  }
  swapaxes(axis1: number, axis2: number): NDArray { return man.swapaxes(this, axis1, axis2); }
  expandDims(axis: number | readonly number[]): NDArray { return man.expandDims(this, axis); }
  squeeze(axis?: number | readonly number[]): NDArray { return man.squeeze(this, axis); }
  broadcastTo(shape: Shape): NDArray { return man.broadcastTo(this, shape); }
  repeat(repeats: number | readonly number[], options: { axis?: number } = {}): NDArray { return man.repeat(this, repeats, options); }
  tile(reps: number | readonly number[]): NDArray { return man.tile(this, reps); }

  // ---- indexing ----
  /** NumPy basic slicing, a view: x.slice("1:3, ::-1, ..., None") or x.slice(0, ":", null). */
  slice(...index: idx.IndexItem[]): NDArray { return idx.slice(this, ...index); }
  take(indices: ArrayInput, options: { axis?: number } = {}): NDArray { return idx.take(this, indices, options); }
  /** Boolean-mask selection x[mask] (a 1-D copy). */
  mask(mask: ArrayInput): NDArray { return idx.maskSelect(this, mask); }

  // ---- elementwise ----
  add(other: ArrayInput): NDArray { return ew.add(this, other); }
  subtract(other: ArrayInput): NDArray { return ew.subtract(this, other); }
  multiply(other: ArrayInput): NDArray { return ew.multiply(this, other); }
  divide(other: ArrayInput): NDArray { return ew.divide(this, other); }
  /** Short names, the same ops (autograd's Tensor uses them too). */
  sub(other: ArrayInput): NDArray { return ew.subtract(this, other); }
  mul(other: ArrayInput): NDArray { return ew.multiply(this, other); }
  div(other: ArrayInput): NDArray { return ew.divide(this, other); }
  power(other: ArrayInput): NDArray { return ew.power(this, other); }
  pow(other: ArrayInput): NDArray { return ew.power(this, other); }
  maximum(other: ArrayInput): NDArray { return ew.maximum(this, other); }
  minimum(other: ArrayInput): NDArray { return ew.minimum(this, other); }
  negative(): NDArray { return ew.negative(this); }
  neg(): NDArray { return ew.negative(this); }
  abs(): NDArray { return ew.abs(this); }
  sign(): NDArray { return ew.sign(this); }
  exp(): NDArray { return ew.exp(this); }
  log(): NDArray { return ew.log(this); }
  log1p(): NDArray { return ew.log1p(this); }
  sqrt(): NDArray { return ew.sqrt(this); }
  square(): NDArray { return ew.square(this); }
  sin(): NDArray { return ew.sin(this); }
  cos(): NDArray { return ew.cos(this); }
  tanh(): NDArray { return ew.tanh(this); }
  clip(min: ArrayInput | null, max: ArrayInput | null): NDArray { return ew.clip(this, min, max); }
  round(decimals = 0): NDArray { return ew.round(this, decimals); }
  floor(): NDArray { return ew.floor(this); }
  ceil(): NDArray { return ew.ceil(this); }
  equal(other: ArrayInput): NDArray { return ew.equal(this, other); }
  notEqual(other: ArrayInput): NDArray { return ew.notEqual(this, other); }
  less(other: ArrayInput): NDArray { return ew.less(this, other); }
  lessEqual(other: ArrayInput): NDArray { return ew.lessEqual(this, other); }
  greater(other: ArrayInput): NDArray { return ew.greater(this, other); }
  greaterEqual(other: ArrayInput): NDArray { return ew.greaterEqual(this, other); }
  logicalAnd(other: ArrayInput): NDArray { return ew.logicalAnd(this, other); }
  logicalOr(other: ArrayInput): NDArray { return ew.logicalOr(this, other); }
  logicalNot(): NDArray { return ew.logicalNot(this); }
  isnan(): NDArray { return ew.isnan(this); }
  isfinite(): NDArray { return ew.isfinite(this); }

  // ---- reductions ----
  sum(options?: AxisOptions): NDArray { return red.sum(this, options); }
  mean(options?: AxisOptions): NDArray { return red.mean(this, options); }
  prod(options?: AxisOptions): NDArray { return red.prod(this, options); }
  max(options?: AxisOptions): NDArray { return red.max(this, options); }
  min(options?: AxisOptions): NDArray { return red.min(this, options); }
  argmax(options?: SingleAxisOptions): NDArray { return red.argmax(this, options); }
  argmin(options?: SingleAxisOptions): NDArray { return red.argmin(this, options); }
  var(options?: AxisOptions & { ddof?: number }): NDArray { return red.variance(this, options); }
  std(options?: AxisOptions & { ddof?: number }): NDArray { return red.std(this, options); }
  any(options?: AxisOptions): NDArray { return red.any(this, options); }
  all(options?: AxisOptions): NDArray { return red.all(this, options); }
  cumsum(options?: { axis?: number | null }): NDArray { return red.cumsum(this, options); }

  // ---- linear algebra and sorting ----
  dot(other: ArrayInput): NDArray { return la.dot(this, other); }
  matmul(other: ArrayInput): NDArray { return la.matmul(this, other); }
  sort(options?: { axis?: number | null }): NDArray { return srt.sort(this, options); }
  argsort(options?: { axis?: number | null }): NDArray { return srt.argsort(this, options); }

  // ---- display ----
  /** NumPy's str(x): what print(x) shows. */
  toString(): string { return formatArrayStr(this.toTypedArray(), this.shape, this.dtype); }
  /** NumPy's repr(x): array([[1., 2.], ...]), with the dtype when it is not float64. */
  repr(): string { return formatArray(this.toTypedArray(), this.shape, this.dtype); }
  [inspectSymbol](): string { return this.repr(); }
  /** In a notebook: the repr, plus an HTML table when the array is 2-D and small. */
  [mimeBundleSymbol](): Record<string, string> {
    const values = this.toTypedArray();
    const table = arrayTable(values, this.shape, this.dtype);
    const text = formatArray(values, this.shape, this.dtype);
    return table ? { "text/plain": text, "text/html": table } : { "text/plain": text };
  }
  toJSON(): unknown { return this.toArray(); }
}

/**
 * Every element a view can reach must lie inside its buffer, so no op can read out of bounds.
 * O(ndim): the extreme positions come from the signs of the strides.
 */
function checkLayout(x: NDArray): void {
  const { shape, strides, offset, data } = x;
  if (!ArrayBuffer.isView(data)) throw new ValueError("NDArray", "data must be a typed array");
  if (dtypeOfData(data) !== x.dtype) {
    throw new ValueError("NDArray", `a ${data.constructor.name} cannot hold dtype ${x.dtype}`);
  }
  if (strides.length !== shape.length) {
    throw new ValueError("NDArray", `strides ${formatShape(strides)} do not match shape ${formatShape(shape)}`, [shape]);
  }
  let lo = offset, hi = offset, empty = false;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i], s = strides[i];
    if (!Number.isInteger(d) || d < 0) throw new ValueError("NDArray", `invalid shape ${formatShape(shape)}`, [shape]);
    if (!Number.isInteger(s)) throw new ValueError("NDArray", `invalid strides ${formatShape(strides)}`, [shape]);
    if (d === 0) empty = true;
    else if (s > 0) hi += s * (d - 1);
    else lo += s * (d - 1);
  }
  if (!empty && (!Number.isInteger(offset) || lo < 0 || hi >= data.length)) {
    throw new ValueError("NDArray", `shape ${formatShape(shape)} with strides ${formatShape(strides)} and offset ` +
      `${offset} reaches outside a buffer of ${data.length} elements`, [shape]);
  }
}

function dtypeOfData(data: TypedArray): DType {
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Int32Array) return "int32";
  return "bool";
}

/** reshape(2, 3), reshape([2, 3]) and reshape(-1) all mean a shape list. */
function flattenShapeArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as readonly number[])];
  return args.map((a) => a as number);
}
