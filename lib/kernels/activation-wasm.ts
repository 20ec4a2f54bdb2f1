// ReLU's forward and backward on the wasm kernels of gemm.wat: branch-free SIMD. In JS each value
// is a branch on its sign, which the CPU mispredicts half the time on activations of random sign
// (about 6 ns a value); copied into the module's memory and back, a value costs well under 1 ns.
import { Floats, kernelExports, scratchSlots } from "./gemm-wasm";

// Below this many values the copies in and out cost about what the loop saves.
export const WASM_RELU_MIN = 1024;

/** out = NumPy's maximum(x, 0) for packed x and out of one float dtype; false when wasm cannot run. */
export function wasmRelu(x: Floats, out: Floats): boolean {
  const f64 = x instanceof Float64Array, s = kernelExports && scratchSlots(f64, x.length, 2);
  if (!s) return false;
  s.view.set(x, 0);
  kernelExports![f64 ? "relu_f64" : "relu_f32"](s.at(0), s.at(1), s.padded);
  out.set(s.view.subarray(s.padded, s.padded + x.length));
  return true;
}

/** out = 0 where x <= 0, else g (PyTorch's threshold_backward); packed, one float dtype. */
export function wasmReluBackward(x: Floats, g: Floats, out: Floats): boolean {
  const f64 = x instanceof Float64Array, s = kernelExports && scratchSlots(f64, x.length, 3);
  if (!s) return false;
  s.view.set(x, 0);
  s.view.set(g, s.padded);
  kernelExports![f64 ? "relu_backward_f64" : "relu_backward_f32"](s.at(0), s.at(1), s.at(2), s.padded);
  out.set(s.view.subarray(2 * s.padded, 2 * s.padded + x.length));
  return true;
}
