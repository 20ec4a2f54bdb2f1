// Numerically careful NDArray kernels shared by autograd ops and the nn toolkit.
import { NDArray } from "../ndarray/ndarray";
import { allocate, isFloat } from "../ndarray/dtype";
import { compileBinary } from "../ndarray/loops";
import { getBackend } from "../ndarray/backend";
import * as np from "../ndarray/np";
import { WASM_RELU_MIN, wasmRelu, wasmReluBackward } from "../kernels/activation-wasm";
import { broadcastStrides } from "../ndarray/shape";

const zeroWhereNotPositive = compileBinary("x <= 0 ? 0 : y");

/** The values of a packed float array, as a typed array of exactly its elements. */
const packed = (a: NDArray) => a.data.subarray(a.offset, a.offset + a.size) as Float64Array | Float32Array;

/**
 * ReLU's forward, NumPy's maximum(x, 0) (NaN stays NaN, −0 gives +0): on the branch-free wasm
 * kernel for large packed float arrays (kernels/activation-wasm.ts), else the elementwise op.
 */
export function reluForward(x: NDArray): NDArray {
  if (x.size >= WASM_RELU_MIN && isFloat(x.dtype) && x.isContiguous && getBackend() === "wasm") {
    const out = NDArray.empty(x.shape, x.dtype);
    if (wasmRelu(packed(x), out.data as Float64Array | Float32Array)) return out;
  }
  return np.maximum(x, 0);
}

/**
 * ReLU's backward in one pass: 0 where x ≤ 0, else the gradient g (a NaN x passes g on), as
 * PyTorch's threshold_backward. x and g have one shape; the result has g's dtype. Large packed
 * float arrays run on the branch-free wasm kernel.
 */
export function reluBackward(x: NDArray, g: NDArray): NDArray {
  const out = NDArray.empty(g.shape, g.dtype);
  if (x.size >= WASM_RELU_MIN && x.dtype === g.dtype && isFloat(g.dtype) && getBackend() === "wasm" &&
    x.isContiguous && g.isContiguous && x.shape.every((d, i) => d === g.shape[i]) &&
    wasmReluBackward(packed(x), packed(g), out.data as Float64Array | Float32Array)) return out;
  zeroWhereNotPositive(g.shape, { data: x.data, strides: broadcastStrides(x.shape, x.strides, g.shape), offset: x.offset },
    { data: g.data, strides: g.strides, offset: g.offset }, out.data);
  return out;
}

/**
 * σ(x) = 1 / (1 + e^-x) without overflow: for x < 0 it uses e^x / (1 + e^x), so e^-x is never
 * evaluated for large negative x.
 */
export function stableSigmoid(x: NDArray): NDArray {
  const dtype = isFloat(x.dtype) ? x.dtype : "float64";
  const src = x.toTypedArray();
  const out = allocate(dtype, src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
    else { const e = Math.exp(v); out[i] = e / (1 + e); }
  }
  return new NDArray(out, x.shape, undefined, 0, dtype);
}
