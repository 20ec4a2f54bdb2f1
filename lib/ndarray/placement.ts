// Arrays for values that live as long as a model (parameters, optimizer state), placed in the
// kernels' memory where that can be (kernels/resident.ts explains why); elsewhere, ordinary arrays.
import { NDArray } from "./ndarray";
import { sizeOf, Shape } from "./shape";
import { residentArray } from "../kernels/resident";
import { addressOf } from "../kernels/gemm-wasm";

/** Zeros of `shape`, resident when the dtype is a float and there is room. */
export function longLivedZeros(shape: Shape, dtype: NDArray["dtype"]): NDArray {
  const data = dtype === "float64" || dtype === "float32" ? residentArray(dtype, sizeOf(shape)) : null;
  return data === null ? NDArray.zeros(shape, dtype) : new NDArray(data, shape, undefined, 0, dtype);
}

/** A packed copy of x for a long-lived value (a new parameter), resident where it can be. */
export function longLivedCopy(x: NDArray): NDArray {
  const out = longLivedZeros(x.shape, x.dtype);
  out.data.set(x.toTypedArray());
  return out;
}

/** True when x's values are in the kernels' memory. */
export function isResident(x: NDArray): boolean {
  return addressOf(x.data) >= 0;
}

/** Zeros shaped like `param` for state kept beside it (an optimizer's): resident when it is. */
export function zerosBeside(param: NDArray, dtype: NDArray["dtype"]): NDArray {
  return isResident(param) ? longLivedZeros(param.shape, dtype) : NDArray.zeros(param.shape, dtype);
}
