// Shape arithmetic: sizes, strides, broadcasting and axis normalization.
import { AxisError, BroadcastError, Shape, ValueError } from "./errors";

export type { Shape } from "./errors";

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C order) strides, in elements. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = step;
    step *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks that every entry of a user-given shape is a non-negative integer. */
export function checkShape(op: string, shape: Shape): number[] {
  if (!Array.isArray(shape)) throw new ValueError(op, `shape must be an array of integers, got ${String(shape)}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ValueError(op, d < 0 ? "negative dimensions are not allowed"
        : `shape entries must be integers, got ${String(d)}`, [shape]);
    }
  }
  return [...shape];
}

/**
 * NumPy's broadcasting rule: align trailing dimensions; in each pair the sizes are equal or one
 * of them is 1 (which stretches).
 */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const shape of shapes) {
    const shift = ndim - shape.length;
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i];
      const o = out[i + shift];
      if (d === o || d === 1) continue;
      if (o === 1) out[i + shift] = d;
      else throw new BroadcastError(op, shapes);
    }
  }
  return out;
}

/**
 * Strides that read an array of `shape`/`strides` as if it had `target` shape: stretched
 * dimensions get stride 0. The caller has checked that the shapes broadcast.
 */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const shift = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[i + shift] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

/** Turns a possibly negative axis into 0..ndim-1, or throws NumPy's AxisError. */
export function normalizeAxis(op: string, axis: number, ndim: number, shape: Shape = []): number {
  if (!Number.isInteger(axis)) throw new ValueError(op, `axis must be an integer, got ${String(axis)}`, [shape]);
  if (axis < -ndim || axis >= ndim) throw new AxisError(op, axis, ndim, shape);
  return axis < 0 ? axis + ndim : axis;
}

/** Normalizes `axis` (undefined = all axes) to a sorted list of distinct axes. */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined | null,
  ndim: number, shape: Shape = []): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(op, a, ndim, shape));
  if (new Set(out).size !== out.length) throw new ValueError(op, "duplicate value in 'axis'", [shape]);
  return out.sort((a, b) => a - b);
}
