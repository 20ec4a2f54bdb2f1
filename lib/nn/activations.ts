// Activation functions. Each works on a plain NDArray (for the lessons that backpropagate by
// hand, with its derivative `...Prime` beside it) and on a Tensor (recorded for autograd).
// All are written to stay finite for large |z|.
import { NDArray } from "../ndarray/ndarray";
import * as np from "../ndarray/np";
import { reluForward, stableSigmoid } from "../autograd/kernels";
import { asarray } from "../ndarray/create";
import { Tensor } from "../autograd/tensor";
import * as ops from "../autograd/ops";

type Input = NDArray | Tensor;

/** Heaviside step: 1 where z >= 0, else 0. As a Tensor op its gradient is 0 everywhere it exists,
 * which is exactly why a network of step units cannot learn by gradient descent. */
export function step(z: NDArray): NDArray;
export function step(z: Tensor): Tensor;
export function step(z: Input): Input {
  if (z instanceof Tensor) return ops.custom("step", [z], step(z.value), (g) => [np.zerosLike(g)]);
  return z.greaterEqual(0).astype(z.dtype === "float32" ? "float32" : "float64");
}

export function sigmoid(z: NDArray): NDArray;
export function sigmoid(z: Tensor): Tensor;
export function sigmoid(z: Input): Input {
  return z instanceof Tensor ? ops.sigmoid(z) : stableSigmoid(z);
}

/** σ'(z) = σ(z)(1 − σ(z)); at most 0.25, at z = 0. */
export function sigmoidPrime(z: NDArray): NDArray {
  const s = stableSigmoid(z);
  return s.multiply(np.subtract(1, s));
}

export function tanh(z: NDArray): NDArray;
export function tanh(z: Tensor): Tensor;
export function tanh(z: Input): Input {
  return z instanceof Tensor ? ops.tanh(z) : np.tanh(z);
}

export function tanhPrime(z: NDArray): NDArray {
  return np.subtract(1, np.tanh(z).square());
}

export function relu(z: NDArray): NDArray;
export function relu(z: Tensor): Tensor;
export function relu(z: Input): Input {
  return z instanceof Tensor ? ops.relu(z) : reluForward(asarray(z)); // maximum(z, 0), branch-free when large
}

/** 1 where z > 0, else 0 (the derivative at 0 is taken as 0). */
export function reluPrime(z: NDArray): NDArray {
  return z.greater(0).astype(z.dtype === "float32" ? "float32" : "float64");
}

/** z for z > 0, alpha·z otherwise. */
export function leakyRelu(z: NDArray, alpha?: number): NDArray;
export function leakyRelu(z: Tensor, alpha?: number): Tensor;
export function leakyRelu(z: Input, alpha = 0.01): Input {
  if (z instanceof Tensor) return ops.where(z.value.greater(0), z, z.mul(alpha));
  return np.where(z.greater(0), z, z.multiply(alpha));
}

export function leakyReluPrime(z: NDArray, alpha = 0.01): NDArray {
  return np.where(z.greater(0), 1, alpha);
}

/** z for z > 0, alpha·(e^z − 1) otherwise; e^z is only taken of non-positive values. */
export function elu(z: NDArray, alpha?: number): NDArray;
export function elu(z: Tensor, alpha?: number): Tensor;
export function elu(z: Input, alpha = 1): Input {
  if (z instanceof Tensor) {
    // clip, not minimum: at z = 0 minimum splits the gradient of a tie in half, clip passes it
    // whole, so the slope at 0 is alpha, as eluPrime and PyTorch have it.
    const negativePart = ops.clip(z, null, 0).exp().sub(1).mul(alpha);
    return ops.where(z.value.greater(0), z, negativePart);
  }
  return np.where(z.greater(0), z, np.exp(np.minimum(z, 0)).subtract(1).multiply(alpha));
}

export function eluPrime(z: NDArray, alpha = 1): NDArray {
  return np.where(z.greater(0), 1, np.exp(np.minimum(z, 0)).multiply(alpha));
}

// SELU's constants (Klambauer et al. 2017), which make activations self-normalizing.
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;

export function selu(z: NDArray): NDArray;
export function selu(z: Tensor): Tensor;
export function selu(z: Input): Input {
  return z instanceof Tensor ? elu(z, SELU_ALPHA).mul(SELU_SCALE) : elu(z, SELU_ALPHA).multiply(SELU_SCALE);
}

export function seluPrime(z: NDArray): NDArray {
  return eluPrime(z, SELU_ALPHA).multiply(SELU_SCALE);
}

/** log(softmax(z)) along `axis`, shifted by the maximum so no exponent overflows. */
export function logSoftmax(z: NDArray, axis?: number): NDArray;
export function logSoftmax(z: Tensor, axis?: number): Tensor;
export function logSoftmax(z: Input, axis = -1): Input {
  if (z instanceof Tensor) {
    const shift = z.value.max({ axis, keepdims: true }); // a constant: the result does not depend on it
    const shifted = z.sub(shift);
    return shifted.sub(shifted.exp().sum({ axis, keepdims: true }).log());
  }
  const shifted = z.subtract(z.max({ axis, keepdims: true }));
  return shifted.subtract(np.log(np.exp(shifted).sum({ axis, keepdims: true })));
}

/** e^z / Σ e^z along `axis` (rows sum to 1). */
export function softmax(z: NDArray, axis?: number): NDArray;
export function softmax(z: Tensor, axis?: number): Tensor;
export function softmax(z: Input, axis = -1): Input {
  if (z instanceof Tensor) return logSoftmax(z, axis).exp();
  const e = np.exp(z.subtract(z.max({ axis, keepdims: true })));
  return e.divide(e.sum({ axis, keepdims: true }));
}
