// The optimizer updates of gemm.wat, the rules of lib/optim/fused.ts in WebAssembly SIMD with the
// same bits (tests/optim/fused.test.ts). Two ways in:
// - resident arrays (resident.ts: a Linear layer's parameters and their optimizer state) are
//   updated where they are, float32 or float64; only the gradient is copied in.
// - other float32 arrays are copied into the module's memory and back. V8 runs a float32 loop in
//   float64 with a Math.fround after every operation, so even with the copies this is faster.
import { addressOf, Floats, kernelExports, scratchSlots } from "./gemm-wasm";

export type UpdateRule = "sgd" | "adagrad" | "rmsprop" | "adam";

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
  const f64 = w instanceof Float64Array;
  const n = w.length - (w.length % (f64 ? 2 : 4));
  const scratch = n > 0 ? scratchSlots(f64, n, 1) : null; // for a copy of g
  if (scratch === null) return 0;
  scratch.view.set(g.subarray(0, n));
  call(rule, f64, wAt, scratch.at(0), s0At, s1At, n, c, flags);
  return n;
}

/**
 * Updates float32 w and the state s0 (and s1 for Adam) by `rule` through copies in the module's
 * memory. False (nothing changed) when the wasm kernels cannot run here.
 */
export function wasmUpdateF32(rule: UpdateRule, w: Float32Array, g: Float32Array, s0: Float32Array | null,
  s1: Float32Array | null, c: readonly number[], flags: number): boolean {
  const n = w.length;
  const s = kernelExports && scratchSlots(false, n, 4); // w, g, s0, s1
  if (!s) return false;
  const { view, padded } = s;
  view.set(w, 0);
  view.set(g, padded);
  if (s0) view.set(s0, 2 * padded);
  if (s1) view.set(s1, 3 * padded);
  call(rule, false, s.at(0), s.at(1), s.at(2), s.at(3), padded, c, flags);
  w.set(view.subarray(0, n));
  if (s0) s0.set(view.subarray(2 * padded, 2 * padded + n));
  if (s1) s1.set(view.subarray(3 * padded, 3 * padded + n));
  return true;
}
