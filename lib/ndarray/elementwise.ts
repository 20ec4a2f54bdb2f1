// Elementwise ops (NumPy's ufuncs): broadcasting binary ops, unary math, comparisons, logic.
//
// Result dtypes follow NumPy: arrays promote bool < int32 < float32 < float64 (int32 with float32
// gives float64); a plain JS number is a "weak" scalar that does not widen a float array (see
// promoteWithScalar); arithmetic on bools gives int32; divide and the transcendental functions
// give floats; comparisons and logic give bool.
import { allocate, DType, isFloat, promoteTypes, promoteWithScalar } from "./dtype";
import { ValueError } from "./errors";
import { mapUnary } from "./iterate";
import { BinaryLoop, compileBinary, compileUnary, UnaryLoop } from "./loops";
import { ArrayInput, NDArray } from "./ndarray";
import { array, asarray } from "./create";
import { broadcastShapes, broadcastStrides, Shape } from "./shape";

type Operand = NDArray | number | boolean;
type ResultKind = "arith" | "keep" | "divide" | "bool";

/** NDArrays and JS numbers pass as they are; nested arrays become arrays. */
function operand(x: ArrayInput): Operand {
  return x instanceof NDArray || typeof x === "number" || typeof x === "boolean" ? x : array(x);
}

function dtypeOf(x: Operand): DType | null {
  return x instanceof NDArray ? x.dtype : null;
}

/** Result dtype of a binary op on two operands, before the op kind adjusts it. */
function promoteOperands(a: Operand, b: Operand): DType {
  const da = dtypeOf(a), db = dtypeOf(b);
  if (da && db) return promoteTypes(da, db);
  if (da) return typeof b === "boolean" ? promoteTypes(da, "bool") : promoteWithScalar(da, b as number);
  if (db) return typeof a === "boolean" ? promoteTypes(db, "bool") : promoteWithScalar(db, a as number);
  // Two JS scalars: booleans stay bool, numbers are float64 as in np.array(number).
  return typeof a === "boolean" && typeof b === "boolean" ? "bool" : "float64";
}

function resultDType(kind: ResultKind, promoted: DType): DType {
  switch (kind) {
    case "arith": return promoted === "bool" ? "int32" : promoted;
    case "keep": return promoted;
    case "divide": return promoted === "float32" ? "float32" : "float64";
    case "bool": return "bool";
  }
}

/** A JS scalar becomes a 0-d array of the promoted dtype (so 0.1 meets a float32 array as float32). */
function toArray(x: Operand, dtype: DType): NDArray {
  return x instanceof NDArray ? x : array(x, { dtype: typeof x === "boolean" ? "bool" : dtype });
}

/**
 * Builds a broadcasting binary op from its loop (see loops.ts). `intLoop`, when given, replaces it
 * for int32 results (wrapping multiplication and integer powers must not go through floating point).
 */
function binary(op: string, kind: ResultKind, loop: BinaryLoop, intLoop?: BinaryLoop) {
  return (a: ArrayInput, b: ArrayInput): NDArray => {
    const x = operand(a), y = operand(b);
    const promoted = promoteOperands(x, y);
    const dtype = resultDType(kind, promoted);
    const ax = toArray(x, promoted), by = toArray(y, promoted);
    const shape = ax.shape.length === by.shape.length && ax.shape.every((d, i) => d === by.shape[i])
      ? ax.shape : broadcastShapes(op, ax.shape, by.shape);
    const out = NDArray.empty(shape, dtype); // the loops write every element
    const f = dtype === "int32" && intLoop ? intLoop : loop;
    f(shape,
      { data: ax.data, strides: broadcastStrides(ax.shape, ax.strides, shape), offset: ax.offset },
      { data: by.data, strides: broadcastStrides(by.shape, by.strides, shape), offset: by.offset },
      out.data);
    return out;
  };
}

/** x ** y for integers, wrapping like NumPy's int32 loop; negative exponents are an error. */
function intPower(x: number, y: number): number {
  if (y < 0) throw new ValueError("power", "Integers to negative integer powers are not allowed.");
  let result = 1, base = x | 0, e = y;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
    e = Math.floor(e / 2);
  }
  return result;
}

/** C's pow: unlike Math.pow, pow(1, NaN) and pow(-1, ±Infinity) are 1. */
function cPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

export const add = binary("add", "arith", compileBinary("x + y"));
export const subtract = binary("subtract", "arith", compileBinary("x - y"));
export const multiply = binary("multiply", "arith", compileBinary("x * y"), compileBinary("Math.imul(x, y)"));
export const divide = binary("divide", "divide", compileBinary("x / y"));
export const power = binary("power", "arith", compileBinary("f(x, y)", cPow), compileBinary("f(x, y)", intPower));
/** Elementwise larger value; NaN wins, and a tie (−0 and +0) gives the second, as in NumPy. */
export const maximum = binary("maximum", "keep", compileBinary("x > y || x !== x ? x : y"));
export const minimum = binary("minimum", "keep", compileBinary("x < y || x !== x ? x : y"));
export const equal = binary("equal", "bool", compileBinary("+(x === y)"));
export const notEqual = binary("notEqual", "bool", compileBinary("+(x !== y)"));
export const less = binary("less", "bool", compileBinary("+(x < y)"));
export const lessEqual = binary("lessEqual", "bool", compileBinary("+(x <= y)"));
export const greater = binary("greater", "bool", compileBinary("+(x > y)"));
export const greaterEqual = binary("greaterEqual", "bool", compileBinary("+(x >= y)"));
export const logicalAnd = binary("logicalAnd", "bool", compileBinary("+(x !== 0 && y !== 0)"));
export const logicalOr = binary("logicalOr", "bool", compileBinary("+(x !== 0 || y !== 0)"));
export const logicalXor = binary("logicalXor", "bool", compileBinary("+((x !== 0) !== (y !== 0))"));

type UnaryKind = "float" | "keep" | "arith" | "bool";

/** Builds a unary op from its loop; "float" ops turn int and bool input into float64 (float32 stays float32). */
function unary(kind: UnaryKind, loop: UnaryLoop, intLoop?: UnaryLoop) {
  return (a: ArrayInput): NDArray => {
    const x = asarray(a);
    let dtype: DType;
    if (kind === "float") dtype = isFloat(x.dtype) ? x.dtype : "float64";
    else if (kind === "arith") dtype = x.dtype === "bool" ? "int32" : x.dtype;
    else if (kind === "bool") dtype = "bool";
    else dtype = x.dtype;
    const out = NDArray.empty(x.shape, dtype); // the loop writes every element
    (dtype === "int32" && intLoop ? intLoop : loop)(x.shape, x, out.data);
    return out;
  };
}

export const negative = unary("arith", compileUnary("-x"));
export const abs = unary("arith", compileUnary("Math.abs(x)"));
export const sign = unary("arith", compileUnary("x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN"));
export const square = unary("arith", compileUnary("x * x"), compileUnary("Math.imul(x, x)")); // int32 wraps, as in NumPy
export const exp = unary("float", compileUnary("Math.exp(x)"));
export const log = unary("float", compileUnary("Math.log(x)"));
export const log1p = unary("float", compileUnary("Math.log1p(x)"));
export const sqrt = unary("float", compileUnary("Math.sqrt(x)"));
export const sin = unary("float", compileUnary("Math.sin(x)"));
export const cos = unary("float", compileUnary("Math.cos(x)"));
export const tanh = unary("float", compileUnary("Math.tanh(x)"));
export const floor = unary("float", compileUnary("Math.floor(x)"));
export const ceil = unary("float", compileUnary("Math.ceil(x)"));
export const isnan = unary("bool", compileUnary("+(x !== x)"));
export const isfinite = unary("bool", compileUnary("+Number.isFinite(x)"));
export const isinf = unary("bool", compileUnary("+(x === Infinity || x === -Infinity)"));
export const logicalNot = unary("bool", compileUnary("+(x === 0)"));

/** Rounds half to even, like C's rint (NumPy's round). */
function rint(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : r;
}

/** Rounds to `decimals` places, halves to even, exactly as NumPy (scale, rint, unscale). */
export function round(a: ArrayInput, decimals = 0): NDArray {
  if (!Number.isInteger(decimals)) throw new ValueError("round", `decimals must be an integer, got ${decimals}`);
  const x = asarray(a);
  if (x.dtype === "bool") return x.astype("int32");
  // float32 rounds in float32 (each multiply and divide rounded), as NumPy's float32 loops do:
  // np.round(np.float32(2.675), 2) is 2.68 there, 2.67 in float64.
  const r = x.dtype === "float32" ? Math.fround : (v: number) => v;
  const scale = r(Math.pow(10, Math.abs(decimals)));
  const f = decimals === 0 ? rint
    : decimals > 0 ? (v: number) => r(rint(r(v * scale)) / scale)
      : (v: number) => r(rint(r(v / scale)) * scale);
  if (x.dtype === "int32" && decimals >= 0) return x.copy();
  const out = NDArray.zeros(x.shape, x.dtype);
  mapUnary(x.shape, x, out.data, f);
  return out;
}

/** Limits values to [min, max]; either bound may be null (not both). */
export function clip(a: ArrayInput, min: ArrayInput | null, max: ArrayInput | null): NDArray {
  if (min === null && max === null) throw new ValueError("clip", "One of max or min must be given");
  let out = asarray(a);
  if (min !== null) out = maximum(out, min);
  if (max !== null) out = minimum(out, max);
  return out;
}

/** Picks from a where cond is true, from b elsewhere; all three broadcast. */
export function where(cond: ArrayInput, a: ArrayInput, b: ArrayInput): NDArray {
  const c = asarray(cond);
  const x = operand(a), y = operand(b);
  const dtype = promoteOperands(x, y);
  const ax = toArray(x, dtype), by = toArray(y, dtype);
  const shape = broadcastShapes("where", c.shape, ax.shape, by.shape);
  const pick = (arr: NDArray): ArrayLike<number> => gatherBroadcast(arr, shape);
  const cv = pick(c), av = pick(ax), bv = pick(by);
  const out = allocate(dtype, cv.length);
  for (let i = 0; i < out.length; i++) out[i] = cv[i] !== 0 ? av[i] : bv[i];
  return new NDArray(out, shape, undefined, 0, dtype);
}

/** The values of `x` broadcast to `shape`, packed. */
function gatherBroadcast(x: NDArray, shape: Shape): ArrayLike<number> {
  const view = new NDArray(x.data, shape, broadcastStrides(x.shape, x.strides, shape), x.offset, x.dtype);
  return view.toTypedArray();
}
