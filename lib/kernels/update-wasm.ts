// The optimizer updates of gemm.wat, the rules of lib/optim/fused.ts in WebAssembly SIMD with the
// same bits (tests/optim/fused.test.ts). Two ways in:
// - resident arrays (resident.ts: a Linear layer's parameters and their optimizer state) are
//   updated where they are, float32 or float64; only the gradient is copied in.
// - other float32 arrays are copied into the module's memory and back. V8 runs a float32 loop in
//   float64 with a Math.fround after every operation, so even with the copies this is faster.
import { addressOf, kernelExports, kernelScratch } from "./gemm-wasm";

export type UpdateRule = "sgd" | "adagrad" | "rmsprop" | "adam";
type Floats = Float64Array | Float32Array;

/** The kernel call: byte addresses of w, g, s0, s1; n values; constants c in fused.ts's order. */
function call(rule: UpdateRule, f64: boolean, w: number, g: number, s0: number, s1: number, n: number,
  c: readonly number[], flags: number): void {
  const k = kernelExports!;
  const suffix = f64 ? "_f64" : "_f32";
  switch (rule) {
    case "sgd": k[`sgd${suffix}`](w, g, s0, n, c[0], c[1], c[2], flags); break;
    case "adagrad": k[`adagrad${suffix}`](w, g, s0, n, c[0], c[1]); break;
    case "rmsprop": k[`rmsprop${suffix}`](w, g, s0, n, c[0], c[1], c[2], c[3]); break;
    case "adam": k[`adam${suffix}`](w, g, s0, s1, n, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], flags); break;
  }
}

/**
 * Updates resident w and state s0 (s1) in place: the first values in whole vectors, and returns
 * how many it did (the caller's loop does the rest); 0 when they are not all resident.
 */
export function wasmUpdateResident(rule: UpdateRule, w: Floats, g: Floats, s0: Floats | null, s1: Floats | null,
  c: readonly number[], flags: number): number {
  if (kernelExports === null) return 0;
  const wAt = addressOf(w), s0At = s0 ? addressOf(s0) : 0, s1At = s1 ? addressOf(s1) : 0;
  if (wAt < 0 || s0At < 0 || s1At < 0) return 0;
  const f64 = w instanceof Float64Array, lanes = f64 ? 2 : 4;
  const n = w.length - (w.length % lanes);
  const scratch = kernelScratch(f64 ? 2 * n : n); // room for g (sized in float32 values)
  if (scratch === null || n === 0) return 0;
  (f64 ? new Float64Array(scratch.view.buffer, scratch.base, n) : scratch.view).set(g.subarray(0, n));
  call(rule, f64, wAt, scratch.base, s0At, s1At, n, c, flags);
  return n;
}

const roundUp4 = (n: number) => (n + 3) & ~3;

/**
 * Updates float32 w and the state s0 (and s1 for Adam) by `rule` through copies in the module's
 * memory. False (nothing changed) when the wasm kernels cannot run here.
 */
export function wasmUpdateF32(rule: UpdateRule, w: Float32Array, g: Float32Array, s0: Float32Array | null,
  s1: Float32Array | null, c: readonly number[], flags: number): boolean {
  const n = w.length, stride = roundUp4(n);
  const scratch = kernelScratch(4 * stride);
  if (scratch === null) return false;
  const { view, base } = scratch;
  view.set(w, 0);
  view.set(g, stride);
  if (s0) view.set(s0, 2 * stride);
  if (s1) view.set(s1, 3 * stride);
  const at = (slot: number) => base + slot * stride * 4; // byte addresses
  call(rule, false, at(0), at(1), at(2), at(3), stride, c, flags);
  w.set(view.subarray(0, n));
  if (s0) s0.set(view.subarray(2 * stride, 2 * stride + n));
  if (s1) s1.set(view.subarray(3 * stride, 3 * stride + n));
  return true;
}
