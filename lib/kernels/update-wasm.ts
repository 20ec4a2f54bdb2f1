// The float32 optimizer updates of gemm.wat. V8 runs float32 loops in float64 with a Math.fround
// after every operation, which made the update the slowest part of a float32 MNIST epoch; the
// wasm loops do four float32 operations per instruction and round identically (bit for bit the
// same result, tests/optim/fused.test.ts). The arrays are copied into the module's memory and the
// updated ones copied back: for float32 that costs less than the loop saves.
import { kernelScratch } from "./gemm-wasm";

export type UpdateRule = "sgd" | "adagrad" | "rmsprop" | "adam";

const roundUp4 = (n: number) => (n + 3) & ~3;

/**
 * Updates w and the state s0 (and s1 for Adam) in place by `rule` with float32 constants `c` in
 * fused.ts's order; `flags` as gemm.wat's update functions take them. False (nothing changed)
 * when the wasm kernels cannot run here.
 */
export function wasmUpdateF32(rule: UpdateRule, w: Float32Array, g: Float32Array, s0: Float32Array | null,
  s1: Float32Array | null, c: readonly number[], flags: number): boolean {
  const n = w.length, stride = roundUp4(n);
  const scratch = kernelScratch(4 * stride);
  if (scratch === null) return false;
  const { exports: k, view } = scratch;
  view.set(w, 0);
  view.set(g, stride);
  if (s0) view.set(s0, 2 * stride);
  if (s1) view.set(s1, 3 * stride);
  const at = (slot: number) => slot * stride * 4; // byte offsets
  switch (rule) {
    case "sgd": k.sgd_f32(at(0), at(1), at(2), stride, c[0], c[1], c[2], flags); break;
    case "adagrad": k.adagrad_f32(at(0), at(1), at(2), stride, c[0], c[1]); break;
    case "rmsprop": k.rmsprop_f32(at(0), at(1), at(2), stride, c[0], c[1], c[2], c[3]); break;
    case "adam": k.adam_f32(at(0), at(1), at(2), at(3), stride, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], flags); break;
  }
  w.set(view.subarray(0, n));
  if (s0) s0.set(view.subarray(2 * stride, 2 * stride + n));
  if (s1) s1.set(view.subarray(3 * stride, 3 * stride + n));
  return true;
}
