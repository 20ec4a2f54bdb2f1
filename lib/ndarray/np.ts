// The `np` namespace: NumPy-named functions over NDArrays. Each lives in its op module; this file
// only gathers them under the names a NumPy user types.
export { NDArray } from "./ndarray";
export type { ArrayInput, NestedArray, AxisOptions } from "./ndarray";
export type { DType, TypedArray } from "./dtype";
export { promoteTypes } from "./dtype";
export type { Shape } from "./shape";
export { broadcastShapes } from "./shape";
export {
  array, asarray, zeros, ones, full, empty, zerosLike, onesLike, fullLike, eye, identity, arange, linspace,
} from "./create";
export {
  reshape, ravel, flatten, transpose, swapaxes, moveaxis, expandDims, squeeze, broadcastTo, broadcastArrays,
  concatenate, stack, vstack, hstack, split, arraySplit, tile, repeat,
} from "./manipulate";
export { slice, take, extract, nonzero } from "./indexing";
export type { IndexItem, IndexSpec, Slice } from "./indexing";
export {
  add, subtract, multiply, divide, power, maximum, minimum, negative, abs, sign, exp, log, log1p, sqrt, square,
  sin, cos, tanh, clip, round, floor, ceil, equal, notEqual, less, lessEqual, greater, greaterEqual,
  logicalAnd, logicalOr, logicalXor, logicalNot, where, isnan, isfinite, isinf,
} from "./elementwise";
export {
  sum, mean, prod, max, min, argmax, argmin, variance as var, std, any, all, cumsum,
} from "./reduce";
export { dot, matmul, outer } from "./linalg";
export { sort, argsort, unique } from "./sorting";
export { flip, roll, diff, median, quantile, percentile, meshgrid, pad } from "./extras";
export { allclose, isclose, arrayEqual, assertAllClose, assertArrayEqual, ArrayAssertionError } from "./testing";
export {
  NDArrayError, BroadcastError, ReshapeError, AxisError, MatmulError, IndexError, DTypeError, RaggedError,
  ShapeError, ValueError, MemoryError,
} from "./errors";
export * as random from "./random";
export { setBackend, getBackend, kernelInfo, setThreads } from "./backend";
export * as linalg from "./linalg-namespace";
