// ReLU's forward and backward on the wasm kernels of gemm.wat: branch-free SIMD. In JS each value
// is a branch on its sign, which the CPU mispredicts half the time on activations of random sign
// (about 6 ns a value); copied into the module's memory and back, a value costs well under 1 ns.
import { kernelExports, kernelScratch } from "./gemm-wasm";

type Floats = Float64Array | Float32Array;

// Below this many values the copies in and out cost about what the loop saves.
export const WASM_RELU_MIN = 1024;

/** Byte offsets of `count` slots of n values (padded to a whole vector) in the scratch area. */
function slots(n: number, f64: boolean, count: number) {
  const padded = (n + 3) & ~3, size = f64 ? 8 : 4;
  const scratch = kernelScratch((count * padded * size) / 4);
  if (scratch === null) return null;
  const View = f64 ? Float64Array : Float32Array;
  const view = new View(scratch.view.buffer as ArrayBuffer, scratch.base, count * padded);
  return { view, padded, at: (slot: number) => scratch.base + slot * padded * size };
}

/** out = NumPy's maximum(x, 0) for packed x and out of one float dtype; false when wasm cannot run. */
export function wasmRelu(x: Floats, out: Floats): boolean {
  const f64 = x instanceof Float64Array, s = kernelExports && slots(x.length, f64, 2);
  if (!s) return false;
  s.view.set(x, 0);
  kernelExports![f64 ? "relu_f64" : "relu_f32"](s.at(0), s.at(1), s.padded);
  out.set(s.view.subarray(s.padded, s.padded + x.length));
  return true;
}

/** out = 0 where x <= 0, else g (PyTorch's threshold_backward); packed, one float dtype. */
export function wasmReluBackward(x: Floats, g: Floats, out: Floats): boolean {
  const f64 = x instanceof Float64Array, s = kernelExports && slots(x.length, f64, 3);
  if (!s) return false;
  s.view.set(x, 0);
  s.view.set(g, s.padded);
  kernelExports![f64 ? "relu_backward_f64" : "relu_backward_f32"](s.at(0), s.at(1), s.at(2), s.padded);
  out.set(s.view.subarray(2 * s.padded, 2 * s.padded + x.length));
  return true;
}
