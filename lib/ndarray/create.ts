// Creating arrays: from nested JS arrays or typed arrays, and the filled constructors.
import { castValue, checkDType, DType, dtypeOfTypedArray, TypedArray } from "./dtype";
import { formatShape, RaggedError, ValueError } from "./errors";
import { ArrayInput, NDArray, NestedArray } from "./ndarray";
import { checkShape, Shape, sizeOf } from "./shape";

export interface DTypeOption { dtype?: DType }

/**
 * np.array: a new array (always a copy) from nested arrays, a typed array or another NDArray.
 * JS numbers carry no int/float distinction (1 and 1.0 are the same value), so numbers give
 * float64 unless `dtype` says otherwise; booleans give bool; a typed array keeps its dtype.
 */
export function array(data: ArrayInput | TypedArray, options: DTypeOption = {}): NDArray {
  if (options.dtype !== undefined) checkDType("array", options.dtype);
  if (data instanceof NDArray) return options.dtype ? data.astype(options.dtype) : data.copy();
  if (ArrayBuffer.isView(data)) {
    const own = dtypeOfTypedArray("array", data);
    const values = (data as TypedArray).slice();
    // A Uint8Array is read as bool: any non-zero byte is true, stored as 1 (sums count trues).
    if (own === "bool") for (let i = 0; i < values.length; i++) values[i] = values[i] !== 0 ? 1 : 0;
    const copy = new NDArray(values, [values.length], undefined, 0, own);
    return options.dtype && options.dtype !== own ? copy.astype(options.dtype) : copy;
  }
  const shape = inferShape(data);
  const flat: (number | boolean)[] = [];
  flattenInto(data, flat, shape, 0);
  const dtype = options.dtype ?? inferDType(flat);
  const out = NDArray.zeros(shape, dtype);
  const buf = out.data;
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (typeof v !== "number" && typeof v !== "boolean") throw notANumber(v);
    buf[i] = castValue(+v, dtype);
  }
  return out;
}

/** Pass NDArrays through untouched, convert anything else with np.array. */
export function asarray(data: ArrayInput | TypedArray, options: DTypeOption = {}): NDArray {
  if (data instanceof NDArray && (options.dtype === undefined || options.dtype === data.dtype)) return data;
  return array(data, options);
}

function inferDType(flat: readonly (number | boolean)[]): DType {
  if (flat.length === 0) return "float64";
  return flat.every((v) => typeof v === "boolean") ? "bool" : "float64";
}

function notANumber(v: unknown): ValueError {
  return new ValueError("array", `could not convert ${describe(v)} to a number`, [],
    v instanceof NDArray ? "nested lists hold numbers or booleans; join arrays with np.stack" : undefined);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (v instanceof NDArray) return "an NDArray";
  return typeof v === "string" ? JSON.stringify(v) : `a value of type ${typeof v}`;
}

/** The shape of a nested array, following first elements; flattenInto then checks every branch. */
function inferShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let level: unknown = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function flattenInto(data: unknown, out: (number | boolean)[], shape: readonly number[], depth: number): void {
  if (depth === shape.length) {
    if (Array.isArray(data)) throw ragged(shape, depth);
    out.push(data as number | boolean);
    return;
  }
  if (!Array.isArray(data) || data.length !== shape[depth]) throw ragged(shape, depth);
  for (const item of data) flattenInto(item, out, shape, depth + 1);
}

/** A shape as Python prints a tuple, as in this NumPy sentence: (2,), (2, 2). */
function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

function ragged(shape: readonly number[], depth: number): RaggedError {
  const detected = shape.slice(0, depth);
  return new RaggedError("array",
    `setting an array element with a sequence. The requested array has an inhomogeneous shape after ` +
    `${depth} dimensions. The detected shape was ${pythonTuple(detected)} + inhomogeneous part.`,
    "every nested list at the same depth must have the same length", [detected]);
}

/** An array of `shape` filled with `value`. */
export function full(shape: Shape | number, value: number | boolean, options: DTypeOption = {}): NDArray {
  const dims = checkShape("full", typeof shape === "number" ? [shape] : shape);
  const dtype = options.dtype ? checkDType("full", options.dtype) : typeof value === "boolean" ? "bool" : "float64";
  const out = NDArray.zeros(dims, dtype);
  const v = castValue(+value, dtype);
  if (v !== 0) out.data.fill(v);
  return out;
}

export function zeros(shape: Shape | number, options: DTypeOption = {}): NDArray {
  return full(shape, 0, options);
}

export function ones(shape: Shape | number, options: DTypeOption = {}): NDArray {
  return full(shape, 1, options);
}

/** Uninitialized in NumPy; here zero-filled, since typed arrays always start at zero. */
export function empty(shape: Shape | number, options: DTypeOption = {}): NDArray {
  return full(shape, 0, options);
}

export function fullLike(x: NDArray, value: number | boolean, options: DTypeOption = {}): NDArray {
  return full(x.shape, value, { dtype: options.dtype ?? x.dtype });
}

export function zerosLike(x: NDArray, options: DTypeOption = {}): NDArray {
  return fullLike(x, 0, options);
}

export function onesLike(x: NDArray, options: DTypeOption = {}): NDArray {
  return fullLike(x, 1, options);
}

/** n×m matrix with ones on diagonal k (k > 0 above the main diagonal). */
export function eye(n: number, m?: number | null, options: DTypeOption & { k?: number } = {}): NDArray {
  const cols = m ?? n;
  checkShape("eye", [n, cols]);
  const k = options.k ?? 0;
  if (!Number.isInteger(k)) throw new ValueError("eye", `k must be an integer, got ${k}`);
  const out = zeros([n, cols], options);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) out.data[i * cols + j] = 1;
  }
  return out;
}

export function identity(n: number, options: DTypeOption = {}): NDArray {
  return eye(n, n, options);
}

/**
 * Evenly spaced values in [start, stop): arange(stop), arange(start, stop), arange(start, stop,
 * step). All-integer arguments give int32, as NumPy gives ints for Python ints (float64 when the
 * values would not fit in int32); any fractional argument gives float64.
 */
export function arange(start: number, stop?: number | null, step = 1, options: DTypeOption = {}): NDArray {
  if (stop === undefined || stop === null) { stop = start; start = 0; }
  for (const [name, v] of [["start", start], ["stop", stop], ["step", step]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ValueError("arange", `${name} must be a finite number, got ${String(v)}`);
  }
  if (step === 0) throw new ValueError("arange", "Maximum allowed size exceeded", [], "step must not be zero");
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const last = start + (length - 1) * step;
  const integral = Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step) &&
    fitsInt32(start) && fitsInt32(last);
  const dtype = options.dtype ? checkDType("arange", options.dtype) : integral ? "int32" : "float64";
  const out = NDArray.zeros([length], dtype);
  const d = out.data;
  if (length === 0) return out;
  // NumPy's fill: store start and start + step in the dtype, take delta as their difference in
  // the dtype, then value i = first + i * delta, computed in the dtype's own arithmetic. So
  // arange(1, 2, 0.1) has delta 0.10000000000000009, and arange(0, 5, 1.5, int32) is 0 1 2 3.
  const first = d[0] = castValue(start, dtype);
  if (length === 1) return out;
  d[1] = castValue(start + step, dtype);
  const delta = castValue(d[1] - first, dtype);
  for (let i = 2; i < length; i++) d[i] = castValue(first + castValue(castValue(i, dtype) * delta, dtype), dtype);
  return out;
}

function fitsInt32(v: number): boolean {
  return v >= -2147483648 && v <= 2147483647;
}

/** `num` evenly spaced values from start to stop (stop included unless endpoint is false). */
export function linspace(start: number, stop: number, num = 50,
  options: DTypeOption & { endpoint?: boolean } = {}): NDArray {
  if (!Number.isInteger(num) || num < 0) {
    throw new ValueError("linspace", `Number of samples, ${num}, must be non-negative.`);
  }
  const endpoint = options.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const dtype = options.dtype ? checkDType("linspace", options.dtype) : "float64";
  const values = new Float64Array(num);
  const step = div > 0 ? delta / div : NaN;
  // NumPy computes start + i*step in float64 and then pins the last value to stop exactly.
  for (let i = 0; i < num; i++) values[i] = div > 0 ? start + i * step : start + i * delta;
  if (endpoint && num > 1) values[num - 1] = stop;
  // For an integer dtype NumPy (since 1.20) rounds down before casting: -1/3 becomes -1, not 0.
  const out = NDArray.zeros([num], dtype);
  for (let i = 0; i < num; i++) out.data[i] = castValue(dtype === "int32" ? Math.floor(values[i]) : values[i], dtype);
  return out;
}

/** A packed array wrapping `data` (no copy), for kernels that computed a fresh buffer. */
export function fromBuffer(data: TypedArray, shape: Shape, dtype?: DType): NDArray {
  if (data.length !== sizeOf(shape)) {
    throw new ValueError("fromBuffer", `buffer of ${data.length} elements does not fit shape ${formatShape(shape)}`, [shape]);
  }
  return new NDArray(data, shape, undefined, 0, dtype);
}
