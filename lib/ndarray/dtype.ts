// Data types, their storage, and NumPy's type-promotion rules (restricted to our four dtypes).
import { DTypeError, MemoryError, ValueError } from "./errors";

export type DType = "float64" | "float32" | "int32" | "bool";
export type TypedArray = Float64Array | Float32Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ["bool", "int32", "float32", "float64"];

export function isDType(value: unknown): value is DType {
  return typeof value === "string" && (DTYPES as readonly string[]).includes(value);
}

/** Checks a user-supplied dtype name and returns it typed. */
export function checkDType(op: string, dtype: unknown): DType {
  if (!isDType(dtype)) {
    throw new DTypeError(op, `data type ${JSON.stringify(dtype)} not understood`,
      "supported dtypes are float64, float32, int32 and bool");
  }
  return dtype;
}

const ITEM_BYTES: Record<DType, number> = { float64: 8, float32: 4, int32: 4, bool: 1 };

// Buffers allocated while a log is open (see logAllocations). Autograd's backward uses it to know
// which gradients it made itself, and so may hand to a leaf without a defensive copy.
let allocationLog: WeakSet<TypedArray> | null = null;

/** Runs fn, adding every buffer allocate() and allocateUninitialized() return meanwhile to `log`. */
export function logAllocations<T>(log: WeakSet<TypedArray>, fn: () => T): T {
  const previous = allocationLog;
  allocationLog = log;
  try {
    return fn();
  } finally {
    allocationLog = previous;
  }
}

function logged<T extends TypedArray>(buffer: T): T {
  if (allocationLog !== null) allocationLog.add(buffer);
  return buffer;
}

/**
 * A zero-filled buffer of `size` elements for `dtype` (bool is stored as 0/1 bytes). Too large a
 * buffer is NumPy's memory error, naming the shape (`shape`, else `(size,)`), not JS's RangeError.
 */
export function allocate(dtype: DType, size: number, shape?: readonly number[]): TypedArray {
  try {
    switch (dtype) {
      case "float64": return logged(new Float64Array(size));
      case "float32": return logged(new Float32Array(size));
      case "int32": return logged(new Int32Array(size));
      case "bool": return logged(new Uint8Array(size));
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const dims = shape ?? [size];
    throw new MemoryError("allocate", `Unable to allocate ${sizeText(size * ITEM_BYTES[dtype])} for an array with ` +
      `shape ${tupleText(dims)} and data type ${dtype}`, [dims], "use a smaller shape, or float32 for half the memory");
  }
}

/** A shape as Python prints a tuple, which is how NumPy's MemoryError shows it: (2, 3), (5,). */
const tupleText = (dims: readonly number[]) => `(${dims.join(", ")}${dims.length === 1 ? "," : ""})`;

/** A byte count as NumPy words it in a MemoryError (its _size_to_string): "74.5 GiB", "7.28 TiB". */
function sizeText(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let k = Math.min(Math.floor(Math.max(Math.floor(Math.log2(bytes)), 1) / 10), units.length - 1);
  let n = bytes / 1024 ** k;
  if (Math.round(n) === 1024 && k < units.length - 1) { k++; n /= 1024; }
  if (k === 0) return `${n.toFixed(0)} bytes`;
  return Math.round(n) < 1000 ? `${n.toPrecision(3)} ${units[k]}` : `${n.toFixed(0)}. ${units[k]}`;
}

// Below this size V8's zeroed allocation is as cheap (measured here: about 0.6 µs either way at
// 512 bytes; from 2 KiB a zeroed one costs 1.1-3.5 µs, an uninitialized one 0.7-1.3 µs).
const UNINITIALIZED_MIN_BYTES = 1 << 12;
type NodeBuffer = { allocUnsafeSlow(size: number): { buffer: ArrayBuffer } };
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
let poison: number | null = null;

/**
 * For tests: fills every later uninitialized buffer with `value` (null: stop), so an op that
 * leaves an element of its output unwritten shows it instead of passing on a lucky zero.
 */
export function poisonUninitialized(value: number | null): void {
  poison = value;
}

/**
 * Like allocate, for a caller that writes every element before anyone reads one (an op's output).
 * A large buffer then comes from Node without being zeroed: a calloc of fresh outputs (an MNIST
 * batch's gradients, a 1000 x 1000 sum) otherwise clears megabytes that are overwritten at once.
 * Elsewhere (a browser), or for small sizes, it is allocate.
 */
export function allocateUninitialized(dtype: DType, size: number, shape?: readonly number[]): TypedArray {
  const bytes = size * ITEM_BYTES[dtype];
  if (poison !== null) return allocate(dtype, size, shape).fill(poison);
  if (nodeBuffer === undefined || bytes < UNINITIALIZED_MIN_BYTES || bytes > 2 ** 31) return allocate(dtype, size, shape);
  let buffer: ArrayBuffer;
  try {
    buffer = nodeBuffer.allocUnsafeSlow(bytes).buffer; // its own ArrayBuffer, byteOffset 0
  } catch (e) {
    if (e instanceof RangeError) return allocate(dtype, size, shape); // which reports it as NumPy does
    throw e;
  }
  switch (dtype) {
    case "float64": return logged(new Float64Array(buffer, 0, size));
    case "float32": return logged(new Float32Array(buffer, 0, size));
    case "int32": return logged(new Int32Array(buffer, 0, size));
    case "bool": return logged(new Uint8Array(buffer, 0, size));
  }
}

/** The dtype a typed array stores. Uint8Array is read as bool. */
export function dtypeOfTypedArray(op: string, data: ArrayBufferView): DType {
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Uint8Array) return "bool";
  throw new DTypeError(op, `unsupported typed array ${data.constructor.name}`,
    "use Float64Array, Float32Array, Int32Array or Uint8Array (bool)");
}

export const isFloat = (d: DType): boolean => d === "float64" || d === "float32";

// Order used by promotion: a "larger" kind can hold every value of a smaller one.
const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * NumPy's promote_types for two arrays: bool < int32 < float32 < float64, except that
 * int32 with float32 needs float64 to hold every int32 exactly (as in NumPy).
 */
export function promoteTypes(a: DType, b: DType): DType {
  if ((a === "int32" && b === "float32") || (a === "float32" && b === "int32")) return "float64";
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The dtype of an array combined with a plain JS number. Numbers are "weak" as Python scalars are
 * in NumPy: 2 keeps an int32 array int32 and 1.5 keeps a float32 array float32; a fractional or
 * out-of-int32-range number lifts integer and bool arrays to float64.
 */
export function promoteWithScalar(a: DType, value: number): DType {
  if (isFloat(a)) return a;
  const integral = Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
  if (!integral) return "float64";
  return a === "bool" ? "int32" : a;
}

/** dtype of a JS number standing alone (np.array(3) is int, np.array(3.5) float64). */
export function dtypeOfScalar(value: number | boolean): DType {
  if (typeof value === "boolean") return "bool";
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? "int32" : "float64";
}

/** Convert a number to what storing it in `dtype` keeps, as NumPy's astype does. */
/**
 * Refuses a NaN or infinite number written into an int32 array as a single value (an item, a
 * fill, a pad constant), as NumPy's item assignment does; array casts still wrap to INT_MIN.
 */
export function checkIntegerFill(op: string, dtype: DType, values: readonly number[], shape: readonly number[]): void {
  if (dtype !== "int32") return;
  const v = values.find((c) => !Number.isFinite(c));
  if (v === undefined) return;
  throw new ValueError(op, `cannot convert float ${v !== v ? "NaN" : v > 0 ? "infinity" : "-infinity"} to integer`, [shape]);
}

export function castValue(value: number, dtype: DType): number {
  switch (dtype) {
    case "float64": return value;
    case "float32": return Math.fround(value);
    // Truncate toward zero; NaN and values outside int32 become INT_MIN, as NumPy gives on x86.
    case "int32": return value > -2147483649 && value < 2147483648 ? Math.trunc(value) | 0 : -2147483648;
    case "bool": return value !== 0 ? 1 : 0; // NaN is truthy, as in NumPy
  }
}
