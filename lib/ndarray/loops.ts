// Specialized elementwise loops. A generic loop that calls `f(x, y)` per element is slow in V8: the
// call site sees every op's function (megamorphic), so nothing is inlined. Here each ufunc gets its
// own loop, compiled once from a template with the op's expression written in (`x + y`,
// `Math.exp(x)`), so the engine optimizes each loop for its single op. The loops take the fast
// paths NumPy takes: both operands packed, one of them a single broadcast value, and otherwise an
// odometer over the outer axes with a strided inner loop along the last axis (a row broadcast
// such as (1000, 1000) + (1000,) runs as 1000 packed inner loops). None allocates per element.
import type { TypedArray } from "./dtype";
import type { Strided } from "./iterate";
import type { Shape } from "./shape";

/** out (packed, C order, `shape`) = op(a, b), where a and b are views already broadcast to `shape`. */
export type BinaryLoop = (shape: Shape, a: Strided, b: Strided, out: TypedArray) => void;
/** out (packed, C order) = op(a) over a strided view of `shape`. */
export type UnaryLoop = (shape: Shape, a: Strided, out: TypedArray) => void;

/** 1 when the view is packed in C order, 2 when every stride is 0 (one value), else 0. */
function layout(shape: Shape, strides: readonly number[]): number {
  let step = 1, packed = true, zero = true;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue; // a size-1 axis's stride never matters
    if (strides[i] !== 0) zero = false;
    if (strides[i] !== step) packed = false;
    step *= shape[i];
  }
  return packed ? 1 : zero ? 2 : 0;
}

/**
 * Loop text running `body` for each value of the (already declared) index variable from its
 * current value up to `end`, four bodies per pass: a fifth of V8's loop overhead per element,
 * which is about a quarter of a row broadcast's time. `@` in the body stands for the index.
 */
function fourAtATime(index: string, end: string, body: string): string {
  const at = (i: string) => `{ ${body.split("@").join(i)} }`;
  return `for (; ${index} + 4 <= ${end}; ${index} += 4) { ${[0, 1, 2, 3].map((u) => at(`${index} + ${u}`)).join(" ")} }
    for (; ${index} < ${end}; ${index}++) ${at(index)}`;
}

// The template of a binary loop; EXPR reads x and y. `f` is the op's helper, when it needs one.
const BINARY_TEMPLATE = `
  let size = 1;
  const nd = shape.length;
  for (let i = 0; i < nd; i++) size *= shape[i];
  if (size === 0) return;
  const ad = a.data, bd = b.data, as = a.strides, bs = b.strides;
  let ao = a.offset, bo = b.offset;
  if (nd === 0) { const x = ad[ao], y = bd[bo]; out[0] = EXPR; return; }
  const ka = layout(shape, as), kb = layout(shape, bs);
  let k = 0;
  if (ka === 1 && kb === 1) {
    ${fourAtATime("k", "size", "const x = ad[ao + @], y = bd[bo + @]; out[@] = EXPR;")}
    return;
  }
  if (ka === 1 && kb === 2) {
    const y = bd[bo];
    ${fourAtATime("k", "size", "const x = ad[ao + @]; out[@] = EXPR;")}
    return;
  }
  if (ka === 2 && kb === 1) {
    const x = ad[ao];
    ${fourAtATime("k", "size", "const y = bd[bo + @]; out[@] = EXPR;")}
    return;
  }
  const last = nd - 1, n = shape[last], sa = as[last], sb = bs[last];
  const counter = new Int32Array(nd);
  for (;;) {
    // Rows: both operands packed along the row (as in a row broadcast), one of them a single value
    // per row (a column broadcast), or any strides.
    const end = k + n;
    if (sa === 1 && sb === 1) {
      const da = ao - k, db = bo - k;
      ${fourAtATime("k", "end", "const x = ad[da + @], y = bd[db + @]; out[@] = EXPR;")}
    } else if (sa === 1 && sb === 0) {
      const da = ao - k, y = bd[bo];
      ${fourAtATime("k", "end", "const x = ad[da + @]; out[@] = EXPR;")}
    } else if (sa === 0 && sb === 1) {
      const x = ad[ao], db = bo - k;
      ${fourAtATime("k", "end", "const y = bd[db + @]; out[@] = EXPR;")}
    } else {
      for (let pa = ao, pb = bo; k < end; k++, pa += sa, pb += sb) { const x = ad[pa], y = bd[pb]; out[k] = EXPR; }
    }
    let d = last - 1;
    for (; d >= 0; d--) {
      ao += as[d]; bo += bs[d];
      if (++counter[d] < shape[d]) break;
      ao -= as[d] * shape[d]; bo -= bs[d] * shape[d];
      counter[d] = 0;
    }
    if (d < 0) return;
  }`;

const UNARY_TEMPLATE = `
  let size = 1;
  const nd = shape.length;
  for (let i = 0; i < nd; i++) size *= shape[i];
  if (size === 0) return;
  const ad = a.data, as = a.strides;
  let ao = a.offset;
  if (nd === 0) { const x = ad[ao]; out[0] = EXPR; return; }
  let k = 0;
  if (layout(shape, as) === 1) {
    ${fourAtATime("k", "size", "const x = ad[ao + @]; out[@] = EXPR;")}
    return;
  }
  const last = nd - 1, n = shape[last], sa = as[last];
  const counter = new Int32Array(nd);
  for (;;) {
    const end = k + n;
    for (let pa = ao; k < end; k++, pa += sa) { const x = ad[pa]; out[k] = EXPR; }
    let d = last - 1;
    for (; d >= 0; d--) {
      ao += as[d];
      if (++counter[d] < shape[d]) break;
      ao -= as[d] * shape[d];
      counter[d] = 0;
    }
    if (d < 0) return;
  }`;

// V8 specializes each array read and write for the kinds of typed array it has seen there. One
// loop run on float64, float32 and int32 arrays reads through a polymorphic check each time (about
// a third slower on a float64 row broadcast), so each op compiles a copy of its loop per
// combination of array kinds, the first time that combination comes.
const kindOf = (data: TypedArray): number =>
  data instanceof Float64Array ? 0 : data instanceof Float32Array ? 1 : data instanceof Int32Array ? 2 : 3;

/**
 * The loop for a binary op given as an expression in x and y (`"x + y"`, `"+(x < y)"`), which may
 * call `f`, a helper passed here (`"f(x, y)"` with f = C's pow).
 */
export function compileBinary(expr: string, f?: (x: number, y: number) => number): BinaryLoop {
  const source = `"use strict"; return function binaryLoop(shape, a, b, out) {${BINARY_TEMPLATE.split("EXPR").join(`(${expr})`)}\n};`;
  const copies: BinaryLoop[] = [];
  return (shape, a, b, out) => {
    const key = kindOf(a.data) * 16 + kindOf(b.data) * 4 + kindOf(out);
    const loop = copies[key] ??= new Function("layout", "f", source)(layout, f) as BinaryLoop;
    loop(shape, a, b, out);
  };
}

/** The loop for a unary op given as an expression in x (`"Math.exp(x)"`), which may call `f`. */
export function compileUnary(expr: string, f?: (x: number) => number): UnaryLoop {
  const source = `"use strict"; return function unaryLoop(shape, a, out) {${UNARY_TEMPLATE.split("EXPR").join(`(${expr})`)}\n};`;
  const copies: UnaryLoop[] = [];
  return (shape, a, out) => {
    const key = kindOf(a.data) * 4 + kindOf(out);
    const loop = copies[key] ??= new Function("layout", "f", source)(layout, f) as UnaryLoop;
    loop(shape, a, out);
  };
}
