// Numerically careful NDArray kernels shared by autograd ops and the nn toolkit.
import { NDArray } from "../ndarray/ndarray";
import { allocate, isFloat } from "../ndarray/dtype";

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
