// Optimizers: each step() moves every parameter against its gradient, following PyTorch's update
// rules so numbers can be compared with it. State (momentum buffers, running averages) is kept
// per parameter. Parameters without a gradient yet are skipped.
//
// As in PyTorch, step() updates a packed parameter in place, in one pass (fused.ts): an array you
// took from `p.value` before the step changes with it (use `stateDict()` or `.copy()` to keep a
// snapshot). The array-op version of each rule below runs for other layouts and documents the math.
import { NDArray } from "../ndarray/ndarray";
import { zerosBeside } from "../ndarray/placement";
import { ValueError } from "../ndarray/errors";
import * as np from "../ndarray/np";
import { Tensor } from "../autograd/tensor";
import { adagradLoops, adamLoops, Loops, rmspropLoops, sgdLoops, SMALLEST_NORMAL } from "./fused";
import type { TypedArray } from "../ndarray/dtype";

/**
 * The arrays a one-pass update (fused.ts) reads when value and gradient are packed float arrays of
 * one dtype and shape; null otherwise, and the readable array-op version runs instead.
 */
function packedPair(value: NDArray, grad: NDArray): { w: TypedArray; g: TypedArray; dtype: "float64" | "float32" } | null {
  if (value.dtype !== grad.dtype || (value.dtype !== "float64" && value.dtype !== "float32")) return null;
  if (!value.isContiguous || !grad.isContiguous || value.size !== grad.size) return null;
  const w = value.data.subarray(value.offset, value.offset + value.size);
  const g = grad.data.subarray(grad.offset, grad.offset + grad.size);
  return { w, g, dtype: value.dtype };
}

/** Runs a one-pass update, writing the new values into the parameter's own storage. */
function runFused(loops: Loops, pair: { w: TypedArray; g: TypedArray; dtype: "float64" | "float32" },
  value: NDArray, s0: NDArray | null, s1: NDArray | null, c: number[]): NDArray {
  // Scalars meet float32 arrays as float32, as in the array ops.
  const consts = pair.dtype === "float32" ? c.map(Math.fround) : c;
  loops[pair.dtype](pair.w, pair.g, s0 && s0.data, s1 && s1.data, consts);
  return value;
}

/**
 * Decaying state (velocity, running averages) with subnormal values flushed to a zero of their
 * sign, as the one-pass loops do (see SMALLEST_NORMAL in fused.ts for why).
 */
function flushSubnormal(state: NDArray): NDArray {
  const tiny = state.dtype === "float32" ? SMALLEST_NORMAL.float32 : SMALLEST_NORMAL.float64;
  return np.where(np.abs(state).less(tiny), state.multiply(0), state);
}

export abstract class Optimizer {
  readonly params: readonly Tensor[];
  /** The learning rate; schedules change it between epochs. */
  lr: number;
  /** Number of step() calls so far. */
  steps = 0;

  constructor(params: Iterable<Tensor>, lr: number, name: string) {
    const list = [...params];
    if (list.length === 0) {
      throw new ValueError(name, "optimizer got an empty parameter list", [], "pass model.parameters()");
    }
    list.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new ValueError(name, `parameter ${i} is not a Tensor`);
      if (!p.requiresGrad) throw new ValueError(name, `parameter ${i} (shape (${p.shape.join(",")})) does not require grad`);
    });
    if (!(lr > 0) || !Number.isFinite(lr)) throw new ValueError(name, `learning rate must be a positive number, got ${lr}`);
    // A tensor listed twice is stepped once (PyTorch warns and will refuse; twice would double its step).
    this.params = [...new Set(list)];
    this.lr = lr;
  }

  /** Applies one update to every parameter that has a gradient. */
  step(): void {
    this.steps++;
    this.params.forEach((p, i) => {
      if (p.grad === null) return;
      // A gradient set by hand in another float dtype is taken in the parameter's, so that the
      // parameter keeps its dtype (backward already gives each tensor a gradient of its own dtype).
      const grad = p.grad.dtype === p.dtype ? p.grad : p.grad.astype(p.dtype);
      p.value = this.update(p.value, grad, i);
    });
  }

  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  /** The new value of parameter i given its value and gradient. */
  protected abstract update(value: NDArray, grad: NDArray, i: number): NDArray;
}

function checkRange(op: string, name: string, v: number, lo: number, hi: number, hiOpen = true): void {
  if (!(v >= lo && (hiOpen ? v < hi : v <= hi))) throw new ValueError(op, `${name} must lie in [${lo}, ${hi}${hiOpen ? ")" : "]"}, got ${v}`);
}

/**
 * Stochastic gradient descent, optionally with momentum (v ← μv + g; w ← w − η v), Nesterov
 * momentum (w ← w − η (g + μv)) and weight decay (g ← g + λw).
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  private readonly velocity: (NDArray | null)[];

  constructor(params: Iterable<Tensor>, options: { lr: number; momentum?: number; nesterov?: boolean; weightDecay?: number }) {
    super(params, options.lr, "SGD");
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    checkRange("SGD", "momentum", this.momentum, 0, 1);
    checkRange("SGD", "weightDecay", this.weightDecay, 0, Infinity);
    if (this.nesterov && this.momentum === 0) throw new ValueError("SGD", "Nesterov momentum requires a momentum > 0");
    this.velocity = this.params.map(() => null);
  }

  protected update(value: NDArray, grad: NDArray, i: number): NDArray {
    const pair = packedPair(value, grad);
    if (pair) {
      const first = this.momentum !== 0 && this.velocity[i] === null;
      if (first) this.velocity[i] = zerosBeside(value, pair.dtype);
      const loops = sgdLoops({ momentum: this.momentum !== 0, nesterov: this.nesterov, weightDecay: this.weightDecay !== 0, first });
      return runFused(loops, pair, value, this.velocity[i], null, [this.lr, this.momentum, this.weightDecay]);
    }
    // The same rule with array ops (any layout): what the loop above computes in one pass.
    let g = this.weightDecay ? grad.add(value.multiply(this.weightDecay)) : grad;
    if (this.momentum) {
      const previous = this.velocity[i];
      // (flushSubnormal returns a new array: the loop in fused.ts updates this buffer in place)
      const v = flushSubnormal(previous === null ? g : previous.multiply(this.momentum).add(g));
      this.velocity[i] = v;
      g = this.nesterov ? g.add(v.multiply(this.momentum)) : v;
    }
    return value.subtract(g.multiply(this.lr));
  }
}

/** AdaGrad: divides by the root of all squared gradients so far, G ← G + g²; w ← w − η g / (√G + ε). */
export class AdaGrad extends Optimizer {
  readonly eps: number;
  private readonly sumSquares: (NDArray | null)[];

  constructor(params: Iterable<Tensor>, options: { lr?: number; eps?: number } = {}) {
    super(params, options.lr ?? 0.01, "AdaGrad");
    this.eps = options.eps ?? 1e-10;
    this.sumSquares = this.params.map(() => null);
  }

  protected update(value: NDArray, grad: NDArray, i: number): NDArray {
    const pair = packedPair(value, grad);
    if (pair) {
      const G = this.sumSquares[i] ??= zerosBeside(value, pair.dtype);
      return runFused(adagradLoops, pair, value, G, null, [this.lr, this.eps]);
    }
    const previous = this.sumSquares[i];
    const G = previous === null ? grad.square() : previous.add(grad.square());
    this.sumSquares[i] = G;
    return value.subtract(grad.multiply(this.lr).divide(G.sqrt().add(this.eps)));
  }
}

/** RMSprop: a decaying average of squared gradients, s ← αs + (1 − α)g²; w ← w − η g / (√s + ε). */
export class RMSprop extends Optimizer {
  readonly alpha: number;
  readonly eps: number;
  private readonly meanSquares: (NDArray | null)[];

  constructor(params: Iterable<Tensor>, options: { lr?: number; alpha?: number; eps?: number } = {}) {
    super(params, options.lr ?? 0.01, "RMSprop");
    this.alpha = options.alpha ?? 0.99;
    this.eps = options.eps ?? 1e-8;
    checkRange("RMSprop", "alpha", this.alpha, 0, 1);
    this.meanSquares = this.params.map(() => null);
  }

  protected update(value: NDArray, grad: NDArray, i: number): NDArray {
    const pair = packedPair(value, grad);
    if (pair) {
      const s = this.meanSquares[i] ??= zerosBeside(value, pair.dtype);
      return runFused(rmspropLoops, pair, value, s, null, [this.lr, this.alpha, 1 - this.alpha, this.eps]);
    }
    const previous = this.meanSquares[i] ?? np.zerosLike(grad);
    const s = flushSubnormal(previous.multiply(this.alpha).add(grad.square().multiply(1 - this.alpha)));
    this.meanSquares[i] = s;
    return value.subtract(grad.multiply(this.lr).divide(s.sqrt().add(this.eps)));
  }
}

/**
 * Adam: momentum (m) and RMSprop (v) with bias correction for their zero start:
 * w ← w − η m̂ / (√v̂ + ε), m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly m: (NDArray | null)[];
  private readonly v: (NDArray | null)[];
  private readonly t: number[];

  constructor(params: Iterable<Tensor>, options: { lr?: number; betas?: [number, number]; eps?: number; weightDecay?: number } = {}) {
    super(params, options.lr ?? 0.001, "Adam");
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    checkRange("Adam", "betas[0]", this.beta1, 0, 1);
    checkRange("Adam", "betas[1]", this.beta2, 0, 1);
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.m = this.params.map(() => null);
    this.v = this.params.map(() => null);
    this.t = this.params.map(() => 0);
  }

  protected update(value: NDArray, grad: NDArray, i: number): NDArray {
    const pair = packedPair(value, grad);
    if (pair) {
      const t = ++this.t[i];
      const m = this.m[i] ??= zerosBeside(value, pair.dtype);
      const v = this.v[i] ??= zerosBeside(value, pair.dtype);
      return runFused(adamLoops({ weightDecay: this.weightDecay !== 0 }), pair, value, m, v, [this.lr, this.beta1, 1 - this.beta1, this.beta2, 1 - this.beta2,
        1 - this.beta1 ** t, 1 - this.beta2 ** t, this.eps, this.weightDecay]);
    }
    const g = this.weightDecay ? grad.add(value.multiply(this.weightDecay)) : grad;
    const t = ++this.t[i];
    const m = flushSubnormal((this.m[i] ?? np.zerosLike(g)).multiply(this.beta1).add(g.multiply(1 - this.beta1)));
    const v = flushSubnormal((this.v[i] ?? np.zerosLike(g)).multiply(this.beta2).add(g.square().multiply(1 - this.beta2)));
    this.m[i] = m;
    this.v[i] = v;
    const mHat = m.divide(1 - this.beta1 ** t), vHat = v.divide(1 - this.beta2 ** t);
    return value.subtract(mHat.multiply(this.lr).divide(vHat.sqrt().add(this.eps)));
  }
}
