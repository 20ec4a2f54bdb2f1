// Changing shape: reshape, transpose, squeeze, broadcastTo (views), and joining, splitting,
// tiling and repeating (copies).
import { castValue, promoteTypes } from "./dtype";
import { BroadcastError, formatShape, ReshapeError, ShapeError, ValueError } from "./errors";
import { assign } from "./iterate";
import { ArrayInput, NDArray } from "./ndarray";
import { asarray } from "./create";
import { broadcastShapes, broadcastStrides, contiguousStrides, normalizeAxes, normalizeAxis, Shape } from "./shape";

/** A view of the same buffer with other shape/strides/offset. */
export function view(x: NDArray, shape: Shape, strides: readonly number[], offset = x.offset): NDArray {
  return new NDArray(x.data, shape, strides, offset, x.dtype);
}

/** Resolves a single -1 in a requested shape, NumPy's way, and checks the size. */
function resolveShape(x: NDArray, requested: readonly number[]): number[] {
  const shape = [...requested];
  let unknown = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (!Number.isInteger(d)) throw new ValueError("reshape", `shape entries must be integers, got ${String(d)}`, [x.shape]);
    if (d === -1) {
      if (unknown >= 0) throw new ReshapeError("reshape", "can only specify one unknown dimension", [x.shape, shape]);
      unknown = i;
    } else if (d < 0) {
      throw new ValueError("reshape", "negative dimensions not allowed", [x.shape, shape]);
    } else known *= d;
  }
  const text = `(${shape.map((d) => (d === -1 ? "newaxis" : d)).join(",")}${shape.length === 1 ? "," : ""})`;
  const fail = () => new ReshapeError("reshape", `cannot reshape array of size ${x.size} into shape ${text}`, [x.shape, shape]);
  if (unknown >= 0) {
    if (known === 0 || x.size % known !== 0) throw fail();
    shape[unknown] = x.size / known;
  } else if (known !== x.size) throw fail();
  return shape;
}

/**
 * Strides that let the existing buffer be read with `newShape` without copying, or null.
 * This is NumPy's _attempt_nocopy_reshape for C order: groups of old axes that multiply to the
 * same size as groups of new axes must be contiguous among themselves.
 */
function nocopyStrides(shape: Shape, strides: readonly number[], newShape: Shape): number[] | null {
  const oldDims: number[] = [], oldStrides: number[] = [];
  shape.forEach((d, i) => { if (d !== 1) { oldDims.push(d); oldStrides.push(strides[i]); } });
  const newStrides = new Array<number>(newShape.length).fill(0);
  let oi = 0, oj = 1, ni = 0, nj = 1;
  while (ni < newShape.length && oi < oldDims.length) {
    let np = newShape[ni], op = oldDims[oi];
    while (np !== op) {
      if (np < op) np *= newShape[nj++];
      else op *= oldDims[oj++];
    }
    for (let ok = oi; ok < oj - 1; ok++) {
      if (oldStrides[ok] !== oldDims[ok + 1] * oldStrides[ok + 1]) return null;
    }
    newStrides[nj - 1] = oldStrides[oj - 1];
    for (let nk = nj - 1; nk > ni; nk--) newStrides[nk - 1] = newStrides[nk] * newShape[nk];
    ni = nj++;
    oi = oj++;
  }
  const last = ni >= 1 ? newStrides[ni - 1] : 1;
  for (let nk = ni; nk < newShape.length; nk++) newStrides[nk] = last;
  return newStrides;
}

/** A view with the new shape when the strides allow it, otherwise a reshaped copy. */
export function reshape(x: NDArray, shape: readonly number[] | number): NDArray {
  const target = resolveShape(x, typeof shape === "number" ? [shape] : shape);
  if (x.size === 0) return view(x, target, contiguousStrides(target), 0);
  if (x.isContiguous) return view(x, target, contiguousStrides(target));
  const strides = nocopyStrides(x.shape, x.strides, target);
  if (strides) return view(x, target, strides);
  return new NDArray(x.toTypedArray(), target, undefined, 0, x.dtype);
}

/** 1-D view when possible, else a copy (NumPy's ravel). */
export function ravel(x: NDArray): NDArray { return reshape(x, [x.size]); }

/** Always a 1-D copy. */
export function flatten(x: NDArray): NDArray { return new NDArray(x.toTypedArray(), [x.size], undefined, 0, x.dtype); }

/** Permutes axes (reversed by default); a view. */
export function transpose(x: NDArray, axes?: readonly number[]): NDArray {
  const nd = x.ndim;
  if (axes === undefined) {
    return view(x, [...x.shape].reverse(), [...x.strides].reverse());
  }
  if (axes.length !== nd) throw new ValueError("transpose", "axes don't match array", [x.shape]);
  const perm = axes.map((a) => normalizeAxis("transpose", a, nd, x.shape));
  if (new Set(perm).size !== nd) throw new ValueError("transpose", "repeated axis in transpose", [x.shape]);
  return view(x, perm.map((a) => x.shape[a]), perm.map((a) => x.strides[a]));
}

export function swapaxes(x: NDArray, axis1: number, axis2: number): NDArray {
  const a = normalizeAxis("swapaxes", axis1, x.ndim, x.shape);
  const b = normalizeAxis("swapaxes", axis2, x.ndim, x.shape);
  const perm = x.shape.map((_, i) => i);
  perm[a] = b;
  perm[b] = a;
  return transpose(x, perm);
}

/** Moves one axis to a new position, keeping the order of the others. */
export function moveaxis(x: NDArray, source: number, destination: number): NDArray {
  const src = normalizeAxis("moveaxis", source, x.ndim, x.shape);
  const dst = normalizeAxis("moveaxis", destination, x.ndim, x.shape);
  const order = x.shape.map((_, i) => i).filter((i) => i !== src);
  order.splice(dst, 0, src);
  return transpose(x, order);
}

/** Inserts size-1 axes at the given positions of the result; a view. */
export function expandDims(x: NDArray, axis: number | readonly number[]): NDArray {
  const list = typeof axis === "number" ? [axis] : axis;
  const outNd = x.ndim + list.length;
  const positions = normalizeAxes("expandDims", list, outNd, x.shape);
  const shape: number[] = [], strides: number[] = [];
  let src = 0;
  for (let i = 0; i < outNd; i++) {
    if (positions.includes(i)) { shape.push(1); strides.push(0); } else { shape.push(x.shape[src]); strides.push(x.strides[src]); src++; }
  }
  return view(x, shape, strides);
}

/** Removes size-1 axes (all of them, or the ones named); a view. */
export function squeeze(x: NDArray, axis?: number | readonly number[] | null): NDArray {
  let drop: number[];
  if (axis === undefined || axis === null) drop = x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  else {
    drop = normalizeAxes("squeeze", axis, x.ndim, x.shape);
    for (const a of drop) {
      if (x.shape[a] !== 1) {
        throw new ValueError("squeeze", "cannot select an axis to squeeze out which has size not equal to one", [x.shape]);
      }
    }
  }
  const keep = x.shape.map((_, i) => i).filter((i) => !drop.includes(i));
  return view(x, keep.map((i) => x.shape[i]), keep.map((i) => x.strides[i]));
}

/** A read-through view of x stretched to `shape` (stride 0 along stretched axes). */
export function broadcastTo(x: NDArray, shape: Shape): NDArray {
  const target = [...shape];
  let ok = target.length >= x.ndim;
  for (let i = 0; ok && i < x.ndim; i++) {
    const d = x.shape[x.ndim - 1 - i], t = target[target.length - 1 - i];
    if (d !== t && d !== 1) ok = false;
  }
  if (!ok || target.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new BroadcastError("broadcastTo", [x.shape, target], undefined,
      `input operand has shape ${formatShape(x.shape)} which cannot be broadcast to the requested shape ${formatShape(target)}`);
  }
  return view(x, target, broadcastStrides(x.shape, x.strides, target));
}

/** Broadcasts several arrays against each other; views. */
export function broadcastArrays(...arrays: ArrayInput[]): NDArray[] {
  const xs = arrays.map((a) => asarray(a));
  const shape = broadcastShapes("broadcastArrays", ...xs.map((x) => x.shape));
  return xs.map((x) => view(x, shape, broadcastStrides(x.shape, x.strides, shape)));
}

/** A view of x restricted to [start, start+length) along `axis` (an empty one keeps x's offset). */
export function axisRange(x: NDArray, axis: number, start: number, length: number): NDArray {
  const shape = [...x.shape];
  shape[axis] = length;
  return view(x, shape, x.strides, length > 0 ? x.offset + start * x.strides[axis] : x.offset);
}

/** Copies src into dst where both have the same shape (dst is a view into a fresh array). */
function copyInto(dst: NDArray, src: NDArray): void {
  const dtype = dst.dtype;
  const convert = dtype === "int32" || dtype === "bool" || dtype === "float32" ? (v: number) => castValue(v, dtype) : (v: number) => v;
  assign(dst.shape, dst, src, convert);
}

/** Joins arrays along an existing axis. */
export function concatenate(arrays: readonly ArrayInput[], options: { axis?: number | null } = {}): NDArray {
  if (!arrays || (arrays as { length?: number }).length === 0) throw new ValueError("concatenate", "need at least one array to concatenate");
  // An NDArray is a sequence of its sub-arrays along axis 0, as NumPy iterates it.
  const list = arrays instanceof NDArray ? Array.from({ length: (arrays as NDArray).shape[0] ?? 0 }, (_, i) => (arrays as NDArray).slice(i)) : arrays;
  if (arrays instanceof NDArray && (arrays as NDArray).ndim === 0) throw new ValueError("concatenate", "zero-dimensional arrays cannot be concatenated", [(arrays as NDArray).shape]);
  if (list.length === 0) throw new ValueError("concatenate", "need at least one array to concatenate");
  let xs = list.map((a) => asarray(a));
  if (options.axis === null) xs = xs.map((x) => ravel(x));
  const first = xs[0];
  if (first.ndim === 0) throw new ValueError("concatenate", "zero-dimensional arrays cannot be concatenated", xs.map((x) => x.shape));
  const axis = normalizeAxis("concatenate", options.axis ?? 0, first.ndim, first.shape);
  xs.forEach((x, i) => {
    if (x.ndim !== first.ndim) {
      throw new ShapeError("concatenate", `all the input arrays must have same number of dimensions, but the array at index 0 ` +
        `has ${first.ndim} dimension(s) and the array at index ${i} has ${x.ndim} dimension(s)`, xs.map((y) => y.shape));
    }
    for (let d = 0; d < x.ndim; d++) {
      if (d !== axis && x.shape[d] !== first.shape[d]) {
        throw new ShapeError("concatenate", `all the input array dimensions except for the concatenation axis must match ` +
          `exactly, but along dimension ${d}, the array at index 0 has size ${first.shape[d]} and the array at index ${i} ` +
          `has size ${x.shape[d]}`, xs.map((y) => y.shape));
      }
    }
  });
  const dtype = xs.map((x) => x.dtype).reduce(promoteTypes);
  const shape = [...first.shape];
  shape[axis] = xs.reduce((n, x) => n + x.shape[axis], 0);
  const out = NDArray.zeros(shape, dtype);
  let start = 0;
  for (const x of xs) {
    copyInto(axisRange(out, axis, start, x.shape[axis]), x);
    start += x.shape[axis];
  }
  return out;
}

/** Joins same-shape arrays along a new axis. */
export function stack(arrays: readonly ArrayInput[], options: { axis?: number } = {}): NDArray {
  if (!arrays || arrays.length === 0) throw new ValueError("stack", "need at least one array to stack");
  const xs = arrays.map((a) => asarray(a));
  const shape = xs[0].shape;
  if (xs.some((x) => x.ndim !== shape.length || x.shape.some((d, i) => d !== shape[i]))) {
    throw new ShapeError("stack", "all input arrays must have the same shape", xs.map((x) => x.shape));
  }
  const axis = normalizeAxis("stack", options.axis ?? 0, shape.length + 1, shape);
  return concatenate(xs.map((x) => expandDims(x, axis)), { axis });
}

/** Stacks along the first axis (1-D arrays become rows). */
export function vstack(arrays: readonly ArrayInput[]): NDArray {
  return concatenate(arrays.map((a) => { const x = asarray(a); return x.ndim < 2 ? reshape(x, [1, x.size]) : x; }), { axis: 0 });
}

/** Stacks along the second axis (1-D arrays are joined end to end). */
export function hstack(arrays: readonly ArrayInput[]): NDArray {
  const xs = arrays.map((a) => { const x = asarray(a); return x.ndim === 0 ? reshape(x, [1]) : x; });
  return concatenate(xs, { axis: xs.length > 0 && xs[0].ndim === 1 ? 0 : 1 });
}

/**
 * Splits into views along `axis`: a number of equal sections, or a list of split points.
 * np.split requires equal sections; np.arraySplit allows the last ones to be shorter.
 */
export function split(x: NDArray, indicesOrSections: number | readonly number[], options: { axis?: number } = {}): NDArray[] {
  return splitImpl("split", x, indicesOrSections, options.axis ?? 0, true);
}

export function arraySplit(x: NDArray, indicesOrSections: number | readonly number[], options: { axis?: number } = {}): NDArray[] {
  return splitImpl("arraySplit", x, indicesOrSections, options.axis ?? 0, false);
}

function splitImpl(op: string, x: NDArray, spec: number | readonly number[], axisArg: number, equal: boolean): NDArray[] {
  const axis = normalizeAxis(op, axisArg, x.ndim, x.shape);
  const n = x.shape[axis];
  let bounds: number[];
  if (typeof spec === "number") {
    if (!Number.isInteger(spec) || spec <= 0) throw new ValueError(op, "number sections must be larger than 0.", [x.shape]);
    if (equal && n % spec !== 0) throw new ValueError(op, "array split does not result in an equal division", [x.shape]);
    // NumPy's array_split: the first n % sections parts get one extra element
    const base = Math.floor(n / spec), extra = n % spec;
    bounds = [0];
    for (let i = 0; i < spec; i++) bounds.push(bounds[i] + base + (i < extra ? 1 : 0));
  } else {
    const bad = spec.find((i) => !Number.isInteger(i));
    if (bad !== undefined) {
      throw new ValueError(op, `split indices must be integers, got ${bad}`, [x.shape], "round them, e.g. Math.floor");
    }
    bounds = [0, ...spec.map((i) => (i < 0 ? Math.max(0, n + i) : Math.min(i, n))), n];
  }
  const parts: NDArray[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = Math.min(bounds[i], n);
    parts.push(axisRange(x, axis, start, Math.max(0, bounds[i + 1] - start)));
  }
  return parts;
}

/** Repeats the whole array `reps` times along each axis (NumPy's tile). */
export function tile(x: NDArray, reps: number | readonly number[]): NDArray {
  const r = typeof reps === "number" ? [reps] : [...reps];
  if (r.some((v) => !Number.isInteger(v) || v < 0)) throw new ValueError("tile", "reps must be non-negative integers", [x.shape]);
  const nd = Math.max(r.length, x.ndim);
  const reps2 = [...new Array(nd - r.length).fill(1), ...r];
  const src = reshape(x, [...new Array(nd - x.ndim).fill(1), ...x.shape]);
  // Read src through a 2·nd-dimensional view (rep_i, dim_i) with stride 0 on the rep axes.
  const bigShape: number[] = [], bigStrides: number[] = [];
  for (let i = 0; i < nd; i++) {
    bigShape.push(reps2[i], src.shape[i]);
    bigStrides.push(0, src.strides[i]);
  }
  const flat = view(src, bigShape, bigStrides).toTypedArray();
  return new NDArray(flat, src.shape.map((d, i) => d * reps2[i]), undefined, 0, x.dtype);
}

/** Repeats each element `repeats` times (or repeats[i] times) along `axis`; flattens when no axis. */
export function repeat(x: NDArray, repeats: number | readonly number[], options: { axis?: number } = {}): NDArray {
  const src = options.axis === undefined ? ravel(x) : x;
  const axis = normalizeAxis("repeat", options.axis ?? 0, src.ndim, x.shape);
  const n = src.shape[axis];
  const counts = typeof repeats === "number" ? new Array<number>(n).fill(repeats) : [...repeats];
  if (counts.length !== n && counts.length !== 1) {
    throw new BroadcastError("repeat", [[counts.length], [n]], undefined,
      `operands could not be broadcast together with shape (${n},) (${counts.length},)`);
  }
  const each = counts.length === 1 ? new Array<number>(n).fill(counts[0]) : counts;
  if (each.some((c) => !Number.isInteger(c) || c < 0)) throw new ValueError("repeat", "repeats may not contain negative values", [x.shape]);
  const shape = [...src.shape];
  shape[axis] = each.reduce((a, b) => a + b, 0);
  const out = NDArray.zeros(shape, x.dtype);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const slab = axisRange(src, axis, i, 1);
    for (let c = 0; c < each[i]; c++) copyInto(axisRange(out, axis, pos++, 1), slab);
  }
  return out;
}
