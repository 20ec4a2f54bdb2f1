// Indexing: NumPy basic slicing (views), element and slice assignment, take, boolean masks.
import { castValue, checkIntegerFill } from "./dtype";
import { BroadcastError, formatShape, IndexError, ValueError } from "./errors";
import { assign, forEachOffset, isCContiguous } from "./iterate";
import { ArrayInput, NDArray } from "./ndarray";
import { asarray } from "./create";
import { broadcastStrides, normalizeAxis, sizeOf } from "./shape";

/** One slice start:stop:step; undefined parts take NumPy's defaults. */
export interface Slice { start?: number | null; stop?: number | null; step?: number | null }

/**
 * An index item: an integer (drops the axis), a string in NumPy syntax ("1:3", "::-1", "...",
 * "None", or several separated by commas), null (a new axis, like None), or a Slice object.
 */
export type IndexItem = number | string | null | Slice;
export type IndexSpec = IndexItem | readonly IndexItem[];

type Parsed =
  | { kind: "int"; index: number }
  | { kind: "slice"; start: number | null; stop: number | null; step: number | null }
  | { kind: "newaxis" }
  | { kind: "ellipsis" };

/** Who is indexing what, for errors: the op (slice or set) and the indexed array's shape. */
interface Ctx { op: string; shape: readonly number[] }

/** Parses "1:3, ::-1, ..., None" into index items. */
function parseString(ctx: Ctx, text: string): Parsed[] {
  if (text.trim() === "") return [];
  const tokens = text.split(",");
  if (tokens.length > 1 && tokens[tokens.length - 1].trim() === "") tokens.pop(); // "1," is NumPy's x[1,]
  return tokens.map((raw) => {
    const token = raw.trim();
    if (token === "...") return { kind: "ellipsis" };
    if (token === "None" || token === "newaxis" || token === "np.newaxis") return { kind: "newaxis" };
    if (token.includes(":")) {
      const parts = token.split(":");
      if (parts.length > 3) throw new IndexError(ctx.op, `invalid slice ${JSON.stringify(token)}: at most two ':'`, [ctx.shape]);
      const [start, stop, step] = [0, 1, 2].map((i) => parseInteger(ctx, parts[i], token));
      return { kind: "slice", start, stop, step };
    }
    const value = parseInteger(ctx, token, token);
    if (value === null) throw new IndexError(ctx.op, `empty index in ${JSON.stringify(text)}`, [ctx.shape]);
    return { kind: "int", index: value };
  });
}

function parseInteger(ctx: Ctx, part: string | undefined, token: string): number | null {
  if (part === undefined || part.trim() === "") return null;
  const t = part.trim();
  if (!/^[+-]?\d+$/.test(t)) {
    throw new IndexError(ctx.op, `invalid index ${JSON.stringify(token)}`, [ctx.shape],
      "use integers, start:stop:step, '...', or None, e.g. x.slice(\"1:3, ::-1\")");
  }
  return Number(t);
}

function parseItems(ctx: Ctx, items: readonly IndexItem[]): Parsed[] {
  const out: Parsed[] = [];
  for (const item of items) {
    if (item === null) out.push({ kind: "newaxis" });
    else if (typeof item === "number") {
      if (!Number.isInteger(item)) throw new IndexError(ctx.op, `only integers, slices, '...' and None are valid indices, got ${item}`, [ctx.shape]);
      out.push({ kind: "int", index: item });
    } else if (typeof item === "string") out.push(...parseString(ctx, item));
    else if (typeof item === "object" && !(item instanceof NDArray) && !Array.isArray(item)) {
      const [start, stop, step] = [item.start, item.stop, item.step].map((v) => sliceBound(ctx, v));
      out.push({ kind: "slice", start, stop, step });
    } else {
      throw new IndexError(ctx.op, "only integers, slices, '...' and None are valid indices", [ctx.shape],
        "for an array of indices use take(); for a boolean mask use mask()");
    }
  }
  return out;
}

/** One part of a Slice object: an integer, or null/undefined for NumPy's default. */
function sliceBound(ctx: Ctx, v: unknown): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new IndexError(ctx.op, `slice indices must be integers or None, got ${String(v)}`, [ctx.shape]);
  }
  return v;
}

/** NumPy's slice adjustment (PySlice_AdjustIndices): returns start, step and length. */
function adjustSlice(ctx: Ctx, n: number, s: { start: number | null; stop: number | null; step: number | null }): [number, number, number] {
  const step = s.step ?? 1;
  if (step === 0) throw new ValueError(ctx.op, "slice step cannot be zero", [ctx.shape]);
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) { v += n; if (v < 0) v = step < 0 ? -1 : 0; } else if (v >= n) v = step < 0 ? n - 1 : n;
    return v;
  };
  const start = clamp(s.start, step < 0 ? n - 1 : 0);
  const stop = clamp(s.stop, step < 0 ? -1 : n);
  let length = 0;
  if (step < 0) { if (stop < start) length = Math.floor((start - stop - 1) / -step) + 1; }
  else if (start < stop) length = Math.floor((stop - start - 1) / step) + 1;
  return [start, step, length];
}

/** Basic slicing: a view of x. */
export function slice(x: NDArray, ...items: IndexItem[]): NDArray {
  return basicView("slice", x, items);
}

/** The view x[items]; `op` names the caller in errors. */
function basicView(op: string, x: NDArray, items: readonly IndexItem[]): NDArray {
  const ctx: Ctx = { op, shape: x.shape };
  const parsed = parseItems(ctx, items);
  const ellipses = parsed.filter((p) => p.kind === "ellipsis").length;
  if (ellipses > 1) throw new IndexError(op, "an index can only have a single ellipsis ('...')", [x.shape]);
  const consuming = parsed.filter((p) => p.kind === "int" || p.kind === "slice").length;
  if (consuming > x.ndim) {
    throw new IndexError(op, `too many indices for array: array is ${x.ndim}-dimensional, but ${consuming} were indexed`, [x.shape]);
  }
  // Expand the ellipsis (or pad at the end) with full slices.
  const full: Parsed = { kind: "slice", start: null, stop: null, step: null };
  const fill = new Array<Parsed>(x.ndim - consuming).fill(full);
  const at = parsed.findIndex((p) => p.kind === "ellipsis");
  const expanded = at >= 0 ? [...parsed.slice(0, at), ...fill, ...parsed.slice(at + 1)] : [...parsed, ...fill];

  const shape: number[] = [], strides: number[] = [];
  let offset = x.offset;
  let axis = 0;
  for (const p of expanded) {
    if (p.kind === "newaxis") { shape.push(1); strides.push(0); continue; }
    if (p.kind === "ellipsis") continue;
    const n = x.shape[axis], stride = x.strides[axis];
    if (p.kind === "int") {
      let i = p.index;
      if (i < -n || i >= n) throw new IndexError(op, `index ${i} is out of bounds for axis ${axis} with size ${n}`, [x.shape]);
      if (i < 0) i += n;
      offset += i * stride;
    } else {
      const [start, step, length] = adjustSlice(ctx, n, p);
      if (length > 0) offset += start * stride;
      shape.push(length);
      strides.push(stride * step);
    }
    axis++;
  }
  return new NDArray(x.data, shape, strides, offset, x.dtype);
}

/** What a value of another dtype becomes when written into `dst`. */
function converter(dst: NDArray): (v: number) => number {
  const dtype = dst.dtype;
  return dtype === "float64" ? (v) => v : (v) => castValue(v, dtype);
}

/**
 * True when an array of shape `from` can be written into shape `to`: the trailing dimensions
 * match or are 1, and any extra leading dimensions of `from` are 1.
 */
function assignable(from: readonly number[], to: readonly number[]): boolean {
  const extra = from.length - to.length;
  for (let i = 0; i < from.length; i++) {
    const d = from[i];
    if (i < extra ? d !== 1 : (d !== 1 && d !== to[i - extra])) return false;
  }
  return true;
}

/** Writes `src` (broadcast to the target's shape; assignable() has been checked) into `target`. */
function writeBroadcast(target: NDArray, src: NDArray): void {
  // Reading and writing the same buffer through overlapping views needs a snapshot first.
  if (src.data.buffer === target.data.buffer) src = src.copy();
  const shape = target.shape;
  const extra = Math.max(0, src.ndim - shape.length);
  const strides = broadcastStrides(src.shape.slice(extra), src.strides.slice(extra), shape);
  assign(shape, target, { data: src.data, strides, offset: src.offset }, converter(target));
}

/** Writes `value` (broadcast to the target's shape) into the view `target`. */
function assignBroadcast(op: string, target: NDArray, value: ArrayInput): void {
  const src = asarray(value);
  if (!assignable(src.shape, target.shape)) {
    throw new BroadcastError(op, [src.shape, target.shape], undefined,
      `could not broadcast input array from shape ${formatShape(src.shape)} into shape ${formatShape(target.shape)}`);
  }
  writeBroadcast(target, src);
}

/** x[index] = value: an element, a basic slice, or a boolean mask (see NDArray.set). */
export function setItem(x: NDArray, index: IndexSpec | NDArray, value: ArrayInput): void {
  // A broadcast view (stride 0 on an axis longer than 1) repeats one element; NumPy makes it
  // read-only, since a write would land in the source and show in every repeat.
  if (x.shape.some((d, a) => d > 1 && x.strides[a] === 0)) {
    throw new ValueError("set", "assignment destination is read-only", [x.shape],
      "this is a broadcast view (np.broadcastTo): write into a copy, x.copy()");
  }
  if (typeof value === "number") checkIntegerFill("set", x.dtype, [value], x.shape);
  if (index instanceof NDArray) {
    if (index.dtype !== "bool") {
      throw new IndexError("set", `a mask must be a bool array, got dtype ${index.dtype}`, [x.shape, index.shape],
        "build one with a comparison, e.g. x.greater(0)");
    }
    setMasked(x, index, value);
    return;
  }
  const items: readonly IndexItem[] = Array.isArray(index) ? index : [index as IndexItem];
  assignBroadcast("set", basicView("set", x, items), value);
}

/** Checks a boolean mask against x's leading dimensions and returns the selected flat positions. */
function maskOffsets(op: string, x: NDArray, mask: NDArray): { offsets: number[]; rest: number[] } {
  if (mask.ndim > x.ndim) {
    throw new IndexError(op, `too many indices for array: array is ${x.ndim}-dimensional, but ${mask.ndim} were indexed`, [x.shape, mask.shape]);
  }
  for (let d = 0; d < mask.ndim; d++) {
    if (mask.shape[d] !== x.shape[d]) {
      throw new IndexError(op, `boolean index did not match indexed array along dimension ${d}; dimension is ` +
        `${x.shape[d]} but corresponding boolean dimension is ${mask.shape[d]}`, [x.shape, mask.shape]);
    }
  }
  // Positions (in x's buffer) of the selected sub-arrays, in C order of the mask.
  const lead = x.shape.slice(0, mask.ndim), leadStrides = x.strides.slice(0, mask.ndim);
  const selected: number[] = [];
  const m = mask.toTypedArray();
  forEachOffset(lead, leadStrides, x.offset, (k, p) => { if (m[k]) selected.push(p); });
  return { offsets: selected, rest: x.shape.slice(mask.ndim) };
}

function setMasked(x: NDArray, mask: NDArray, value: ArrayInput): void {
  const { offsets, rest } = maskOffsets("set", x, mask);
  const restStrides = x.strides.slice(mask.ndim);
  const src = asarray(value);
  const resultShape = [offsets.length, ...rest];
  if (!assignable(src.shape, resultShape)) {
    // NumPy's two sentences: a count mismatch for a full mask with a flat value, else a shape one.
    const sentence = rest.length === 0 && src.ndim <= 1
      ? `NumPy boolean array indexing assignment cannot assign ${src.size} input values to the ` +
        `${offsets.length} output values where the mask is true`
      : `shape mismatch: value array of shape ${formatShape(src.shape)} could not be broadcast to ` +
        `indexing result of shape ${formatShape(resultShape)}`;
    throw new BroadcastError("set", [src.shape, resultShape], undefined, sentence);
  }
  // Stack the selected sub-arrays as a (count, ...rest) target and assign like a slice.
  const target = NDArray.zeros(resultShape, x.dtype);
  writeBroadcast(target, src);
  let k = 0;
  const values = target.data;
  const convert = converter(x);
  for (const base of offsets) {
    forEachOffset(rest, restStrides, base, (_j, p) => { x.data[p] = convert(values[k++]); });
  }
}

/** x[mask]: the elements (or sub-arrays) where mask is true, as a new array. */
export function maskSelect(x: NDArray, mask: ArrayInput): NDArray {
  const m = asarray(mask);
  if (m.dtype !== "bool") {
    throw new IndexError("mask", `a mask must be a bool array, got dtype ${m.dtype}`, [x.shape, m.shape],
      "for integer indices use take()");
  }
  const { offsets, rest } = maskOffsets("mask", x, m);
  const restStrides = x.strides.slice(m.ndim);
  const out = NDArray.zeros([offsets.length, ...rest], x.dtype);
  let k = 0;
  for (const base of offsets) forEachOffset(rest, restStrides, base, (_j, p) => { out.data[k++] = x.data[p]; });
  return out;
}

/**
 * np.extract: take(ravel(arr), nonzero(ravel(condition))), so the condition may be shorter than
 * arr; a true position past arr's end is an IndexError.
 */
export function extract(condition: ArrayInput, arr: ArrayInput): NDArray {
  const c = asarray(condition), x = asarray(arr);
  const [positions] = nonzero(c.reshape(-1));
  return take(x.reshape(-1), positions);
}

/** Reads integer indices from an array, checking that they are whole numbers. */
function integerIndices(op: string, indices: ArrayInput): NDArray {
  const idx = asarray(indices);
  if (idx.dtype === "bool") throw new IndexError(op, "indices must be integers, got a bool array", [idx.shape], "for a mask use mask()");
  if (idx.dtype !== "int32") {
    const values = idx.toTypedArray();
    for (const v of values) if (!Number.isInteger(v)) throw new IndexError(op, `indices must be integers, got ${v}`, [idx.shape]);
  }
  return idx;
}

/** np.take: picks entries along `axis` (the flattened array when axis is undefined). */
export function take(x: NDArray, indices: ArrayInput, options: { axis?: number | null } = {}): NDArray {
  const idx = integerIndices("take", indices);
  const src = options.axis === undefined || options.axis === null ? x.reshape(-1) : x;
  const axis = normalizeAxis("take", options.axis ?? 0, src.ndim, x.shape);
  const n = src.shape[axis];
  const list = idx.toTypedArray();
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v < -n || v >= n) throw new IndexError("take", `index ${v} is out of bounds for axis ${axis} with size ${n}`, [x.shape, idx.shape]);
  }
  const before = src.shape.slice(0, axis), after = src.shape.slice(axis + 1);
  const out = NDArray.empty([...before, ...idx.shape, ...after], x.dtype); // both loops below fill it
  const beforeStrides = src.strides.slice(0, axis), afterStrides = src.strides.slice(axis + 1);
  const stride = src.strides[axis];
  let k = 0;
  const from = src.data, to = out.data;
  if (isCContiguous(after, afterStrides)) {
    // Each picked entry is one packed block (a row of a batch): copied whole, no call per element.
    const block = sizeOf(after);
    forEachOffset(before, beforeStrides, src.offset, (_i, base) => {
      for (let j = 0; j < list.length; j++, k += block) {
        const start = base + (list[j] < 0 ? list[j] + n : list[j]) * stride;
        if (block >= 64) to.set(from.subarray(start, start + block), k);
        else for (let e = 0; e < block; e++) to[k + e] = from[start + e];
      }
    });
    return out;
  }
  forEachOffset(before, beforeStrides, src.offset, (_i, base) => {
    for (let j = 0; j < list.length; j++) {
      const i = list[j] < 0 ? list[j] + n : list[j];
      forEachOffset(after, afterStrides, base + i * stride, (_m, p) => { to[k++] = from[p]; });
    }
  });
  return out;
}

/** Indices of the non-zero (true) elements, one int32 array per axis, like np.nonzero. */
export function nonzero(x: NDArray): NDArray[] {
  const hits: number[][] = x.shape.map(() => []);
  const values = x.toTypedArray();
  const counter = new Array<number>(x.ndim).fill(0);
  for (let k = 0; k < values.length; k++) {
    if (values[k] !== 0) counter.forEach((c, d) => hits[d].push(c));
    for (let d = x.ndim - 1; d >= 0; d--) { if (++counter[d] < x.shape[d]) break; counter[d] = 0; }
  }
  return hits.map((h) => new NDArray(Int32Array.from(h), [h.length], undefined, 0, "int32"));
}
