// One-pass optimizer updates. The readable updates in optimizers.ts chain array ops
// (`velocity.multiply(μ).add(g)`, then `value.subtract(v.multiply(η))`): each op walks the whole
// parameter and allocates a temporary, which made the optimizer the slowest part of an MNIST epoch.
// Here each rule is one loop over the elements that writes the new value back into the parameter
// (in place, as PyTorch's optimizers do) and updates the optimizer's own state buffers in place.
//
// The loops give the same bits as the chained ops: every intermediate is rounded to the
// parameter's dtype as the array ops round it (`R(...)` below is Math.fround for float32 and
// nothing for float64), and scalar constants are rounded to float32 first, as a number operand is
// when it meets a float32 array. tests/optim/fused.test.ts compares both paths.
//
// float32 parameters of some size run the same rules in WebAssembly SIMD (kernels/update-wasm.ts),
// with the same bits; np.setBackend("ts") keeps them on these loops.
import type { TypedArray } from "../ndarray/dtype";
import { getBackend } from "../ndarray/backend";
import { UpdateRule, wasmUpdateF32, wasmUpdateResident } from "../kernels/update-wasm";
import type { Floats } from "../kernels/gemm-wasm";

/** Per-element update in place: reads w (value), g (gradient), c (constants); updates w and s0/s1 (state). */
export type UpdateLoop = (w: TypedArray, g: TypedArray, s0: TypedArray | null, s1: TypedArray | null, c: readonly number[]) => void;

/** A rule's loop for each float dtype. */
export type Loops = { float64: UpdateLoop; float32: UpdateLoop };

/**
 * Optimizer state that decays (momentum, running averages) flushes values below these magnitudes,
 * the smallest normal numbers of each dtype, to zero (keeping the sign), as TensorFlow's CPU
 * kernels do. Arithmetic on such subnormal values takes a slow path in x86 CPUs, about a hundred
 * times slower: the velocity of a weight whose input pixel is almost always 0 decays by 0.9 a
 * step and reaches them within an epoch in float32, which made float32 MNIST epochs a third
 * slower. A value this small moves no weight of normal size, so the trained weights do not change.
 */
export const SMALLEST_NORMAL = { float64: 2 ** -1022, float32: 2 ** -126 } as const;

/**
 * Compiles `body` (JS statements over w[i], g[i], s0[i], s1[i], c[k], ending by assigning `o`) into
 * loops for float64 and float32: one function per dtype, so each stays monomorphic in V8. TINY in
 * the body stands for the dtype's SMALLEST_NORMAL.
 */
function compileUpdate(body: string): Loops {
  // The constants go into locals c0..c8 (read once, not per element).
  const consts = Array.from({ length: 9 }, (_, k) => `c${k} = c.length > ${k} ? c[${k}] : 0`).join(", ");
  const make = (round: string, tiny: number) => new Function(`"use strict"; return function updateLoop(w, g, s0, s1, c) {
    const n = w.length, ${consts};
    for (let i = 0; i < n; i++) {
      let o;
      ${body.replace(/\bR\(/g, `${round}(`).replace(/\bc\[(\d)\]/g, "c$1").replace(/\bTINY\b/g, String(tiny))}
      w[i] = o;
    }
  };`)() as UpdateLoop;
  return { float64: make("", SMALLEST_NORMAL.float64), float32: make("Math.fround", SMALLEST_NORMAL.float32) };
}

// Below this many values, a call into wasm (and copies in and out) costs more than it saves.
const WASM_MIN_SIZE = 256;


/**
 * The loops, sent to the wasm kernel of `rule` (taking `flags`) where it runs: in place for a
 * resident parameter and state (kernels/resident.ts; the last few values stay with the JS loop),
 * through copies for other float32 arrays. float64 arrays that are not resident keep the JS loop.
 */
function withWasm(loops: Loops, rule: UpdateRule, flags = 0): Loops {
  const wrap = (js: UpdateLoop, float32: boolean): UpdateLoop => (w, g, s0, s1, c) => {
    if (w.length >= WASM_MIN_SIZE && getBackend() === "wasm") {
      const done = wasmUpdateResident(rule, w as Floats, g as Floats, s0 as Floats | null, s1 as Floats | null, c, flags);
      if (done > 0) {
        if (done < w.length) js(w.subarray(done), g.subarray(done), s0 && s0.subarray(done), s1 && s1.subarray(done), c);
        return;
      }
      if (float32 && wasmUpdateF32(rule, w as Float32Array, g as Float32Array, s0 as Float32Array | null, s1 as Float32Array | null, c, flags)) return;
    }
    js(w, g, s0, s1, c);
  };
  return { float64: wrap(loops.float64, false), float32: wrap(loops.float32, true) };
}

/**
 * Loops for a rule whose body depends on on/off options (momentum or not, ...): each combination
 * is compiled once, when first used, so no loop tests an option per element.
 */
function variants<K extends string>(body: (on: Record<K, boolean>) => string, rule: UpdateRule,
  flags: (on: Record<K, boolean>) => number): (on: Record<K, boolean>) => Loops {
  const cache = new Map<string, Loops>();
  return (on) => {
    const key = JSON.stringify(on);
    let loops = cache.get(key);
    if (!loops) cache.set(key, loops = withWasm(compileUpdate(body(on)), rule, flags(on)));
    return loops;
  };
}

// SGD: c = [lr, momentum, weightDecay]; s0 = velocity (`first`: its first step, v = g).
export const sgdLoops = variants<"momentum" | "nesterov" | "weightDecay" | "first">((on) => `
  let gi = g[i];
  ${on.weightDecay ? "gi = R(gi + R(w[i] * c[2]));" : ""}
  ${on.momentum ? `
  let v = ${on.first ? "gi" : "R(R(s0[i] * c[1]) + gi)"};
  if (Math.abs(v) < TINY) v *= 0;
  s0[i] = v;
  gi = ${on.nesterov ? "R(gi + R(v * c[1]))" : "v"};` : ""}
  o = R(w[i] - R(gi * c[0]));`,
"sgd", (on) => (on.momentum ? 1 : 0) | (on.nesterov ? 2 : 0) | (on.weightDecay ? 4 : 0) | (on.first ? 8 : 0));

// AdaGrad: c = [lr, eps]; s0 = sum of squares (zero before the first step).
export const adagradLoops = withWasm(compileUpdate(`
  const gi = g[i];
  const G = R(s0[i] + R(gi * gi));
  s0[i] = G;
  o = R(w[i] - R(R(gi * c[0]) / R(R(Math.sqrt(G)) + c[1])));`), "adagrad");

// RMSprop: c = [lr, alpha, 1 - alpha, eps]; s0 = mean of squares (zero before the first step).
export const rmspropLoops = withWasm(compileUpdate(`
  const gi = g[i];
  let s = R(R(s0[i] * c[1]) + R(R(gi * gi) * c[2]));
  if (Math.abs(s) < TINY) s *= 0;
  s0[i] = s;
  o = R(w[i] - R(R(gi * c[0]) / R(R(Math.sqrt(s)) + c[3])));`), "rmsprop");

// Adam: c = [lr, beta1, 1 - beta1, beta2, 1 - beta2, 1 - beta1^t, 1 - beta2^t, eps, weightDecay];
// s0 = m, s1 = v (zero before the first step).
export const adamLoops = variants<"weightDecay">((on) => `
  let gi = g[i];
  ${on.weightDecay ? "gi = R(gi + R(w[i] * c[8]));" : ""}
  let m = R(R(s0[i] * c[1]) + R(gi * c[2]));
  if (Math.abs(m) < TINY) m *= 0;
  let v = R(R(s1[i] * c[3]) + R(R(gi * gi) * c[4]));
  if (Math.abs(v) < TINY) v *= 0;
  s0[i] = m;
  s1[i] = v;
  o = R(w[i] - R(R(R(m / c[5]) * c[0]) / R(R(Math.sqrt(R(v / c[6]))) + c[7])));`,
"adam", (on) => (on.weightDecay ? 4 : 0));
