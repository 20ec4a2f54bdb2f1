// Numerically careful NDArray kernels shared by autograd ops and the nn toolkit.
import { NDArray } from "../ndarray/ndarray";
import { allocate, isFloat } from "../ndarray/dtype";
import { compileBinary } from "../ndarray/loops";
import { broadcastStrides } from "../ndarray/shape";

const zeroWhereNotPositive = compileBinary("x <= 0 ? 0 : y");

/**
 * ReLU's backward in one pass: 0 where x ≤ 0, else the gradient g (a NaN x passes g on), as
 * PyTorch's threshold_backward. x and g have one shape; the result has g's dtype.
 */
export function reluBackward(x: NDArray, g: NDArray): NDArray {
  const out = NDArray.empty(g.shape, g.dtype);
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
