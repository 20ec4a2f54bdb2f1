// np.random: NumPy's legacy RandomState API on a bit-exact MT19937, so np.random.seed(0) followed
// by rand/randn/randint/permutation/choice gives the same numbers as NumPy, on every machine.
import { ValueError } from "./errors";
import { ArrayInput, NDArray } from "./ndarray";
import { asarray } from "./create";
import { checkShape } from "./shape";
import { take } from "./indexing";
import * as mt from "./mt19937";

export type Size = number | readonly number[];

function sizeToShape(op: string, size: Size): number[] {
  return checkShape(op, typeof size === "number" ? [size] : size);
}

/** A valid seed (an integer in [0, 2**32)), or a random one when none is given. */
function checkSeed(op: string, seed: number | undefined): number {
  if (seed === undefined) return Math.floor(Math.random() * 2 ** 32);
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    throw new ValueError(op, "Seed must be between 0 and 2**32 - 1", [], `got ${String(seed)}`);
  }
  return seed;
}

function count(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function floatArray(values: Float64Array, shape: readonly number[]): NDArray {
  return new NDArray(values, shape, undefined, 0, "float64");
}

function intArray(values: ArrayLike<number>, shape: readonly number[]): NDArray {
  return new NDArray(Int32Array.from(values), shape, undefined, 0, "int32");
}

/** A random number generator with its own stream (NumPy's RandomState). */
export class RandomState {
  private readonly gen: mt.MT19937;

  /** Seeds like NumPy's RandomState(seed); without a seed it starts from unpredictable entropy. */
  constructor(seed?: number) {
    this.gen = new mt.MT19937(checkSeed("RandomState", seed));
  }

  seed(seed?: number): void {
    this.gen.seed(checkSeed("seed", seed));
  }

  getState(): mt.MT19937State { return this.gen.getState(); }
  setState(state: mt.MT19937State): void { this.gen.setState(state); }

  /** Uniform samples in [0, 1): rand() is a number, rand(2, 3) a 2×3 array. */
  rand(): number;
  rand(...shape: number[]): NDArray;
  rand(...shape: number[]): number | NDArray {
    if (shape.length === 0) return this.gen.nextDouble();
    const dims = sizeToShape("rand", shape);
    return floatArray(mt.randomSample(this.gen, count(dims)), dims);
  }

  /** Standard normal samples: randn() is a number, randn(2, 3) a 2×3 array. */
  randn(): number;
  randn(...shape: number[]): NDArray;
  randn(...shape: number[]): number | NDArray {
    if (shape.length === 0) return this.gen.nextGauss();
    const dims = sizeToShape("randn", shape);
    return floatArray(mt.standardNormal(this.gen, count(dims)), dims);
  }

  /** Alias of rand taking a size, like np.random.random(size). */
  random(): number;
  random(size: Size): NDArray;
  random(size?: Size): number | NDArray {
    if (size === undefined) return this.gen.nextDouble();
    const dims = sizeToShape("random", size);
    return floatArray(mt.randomSample(this.gen, count(dims)), dims);
  }

  /** Uniform samples in [low, high). */
  uniform(low?: number, high?: number): number;
  uniform(low: number, high: number, size: Size): NDArray;
  uniform(low = 0, high = 1, size?: Size): number | NDArray {
    if (!Number.isFinite(high - low)) throw new ValueError("uniform", "Range exceeds valid bounds", [], `low=${low}, high=${high}`);
    if (size === undefined) return mt.uniform(this.gen, low, high, 1)[0];
    const dims = sizeToShape("uniform", size);
    return floatArray(mt.uniform(this.gen, low, high, count(dims)), dims);
  }

  /** Normal samples with mean `loc` and standard deviation `scale` (scale >= 0). */
  normal(loc?: number, scale?: number): number;
  normal(loc: number, scale: number, size: Size): NDArray;
  normal(loc = 0, scale = 1, size?: Size): number | NDArray {
    // NumPy rejects any scale with the sign bit set, -0 included (NaN passes and gives NaN).
    if (scale < 0 || Object.is(scale, -0)) throw new ValueError("normal", `scale < 0 (got ${scale})`);
    if (size === undefined) return mt.normal(this.gen, loc, scale, 1)[0];
    const dims = sizeToShape("normal", size);
    return floatArray(mt.normal(this.gen, loc, scale, count(dims)), dims);
  }

  /** Integers in [low, high), or [0, low) when high is omitted or null; int32 arrays. */
  randint(low: number, high?: number | null): number;
  randint(low: number, high: number | null | undefined, size: Size): NDArray;
  randint(low: number, high?: number | null, size?: Size): number | NDArray {
    if (high === undefined || high === null) { high = low; low = 0; }
    if (!Number.isInteger(low) || !Number.isInteger(high)) throw new ValueError("randint", `low and high must be integers, got ${low}, ${high}`);
    const dims = size === undefined ? null : sizeToShape("randint", size);
    if (dims && count(dims) === 0) return intArray([], dims); // NumPy checks the bounds only when drawing
    if (low >= high) throw new ValueError("randint", "low >= high");
    if (low < -(2 ** 31) || high - 1 > 2 ** 31 - 1) {
      throw new ValueError("randint", `high is out of bounds for int32 (range [${low}, ${high}))`, [], "results are int32 arrays");
    }
    if (!dims) return mt.randint(this.gen, low, high, 1)[0];
    return intArray(mt.randint(this.gen, low, high, count(dims)), dims);
  }

  /** A shuffled arange(n), or a copy of x shuffled along its first axis. */
  permutation(x: number | ArrayInput): NDArray {
    if (typeof x === "number") {
      if (!Number.isInteger(x) || x < 0) throw new ValueError("permutation", `n must be a non-negative integer, got ${x}`);
      return intArray(mt.permutation(this.gen, x), [x]);
    }
    const arr = asarray(x);
    if (arr.ndim === 0) throw new ValueError("permutation", "x must be an integer or at least 1-dimensional");
    return take(arr, intArray(mt.permutation(this.gen, arr.shape[0]), [arr.shape[0]]), { axis: 0 });
  }

  /** Shuffles x in place along its first axis (NumPy's shuffle draws the same swaps). */
  shuffle(x: NDArray): void {
    if (x.ndim === 0) throw new ValueError("shuffle", "x must be at least 1-dimensional");
    const order = intArray(mt.permutation(this.gen, x.shape[0]), [x.shape[0]]);
    x.set([], take(x, order, { axis: 0 }));
  }

  /**
   * Random samples from arange(a) (a number) or from the entries of a 1-D array, with or without
   * replacement, optionally with probabilities p.
   */
  choice(a: number | ArrayInput): number;
  choice(a: number | ArrayInput, size: Size | null, options?: { replace?: boolean; p?: ArrayInput }): NDArray;
  choice(a: number | ArrayInput, size?: Size | null, options: { replace?: boolean; p?: ArrayInput } = {}): number | NDArray {
    const pool = typeof a === "number" ? null : asarray(a);
    if (pool && pool.ndim !== 1) throw new ValueError("choice", "a must be 1-dimensional", [pool.shape]);
    const population = pool ? pool.shape[0] : (a as number);
    const dims = size === undefined || size === null ? [] : sizeToShape("choice", size);
    const p = options.p === undefined ? undefined : asarray(options.p).toTypedArray();
    let picks: Float64Array;
    try {
      picks = mt.choice(this.gen, population, count(dims), { replace: options.replace ?? true, p });
    } catch (e) {
      throw new ValueError("choice", (e as Error).message);
    }
    const indices = intArray(picks, dims);
    if (!pool) return dims.length === 0 && size == null ? indices.item() : indices;
    const chosen = take(pool, indices);
    return dims.length === 0 && size == null ? chosen.item() : chosen;
  }
}

/** The generator behind the np.random.* functions. */
export const globalState = new RandomState();

export const seed = (s?: number): void => globalState.seed(s);
export const getState = (): mt.MT19937State => globalState.getState();
export const setState = (state: mt.MT19937State): void => globalState.setState(state);
export const rand: RandomState["rand"] = (...shape: number[]) => globalState.rand(...shape) as any;
export const randn: RandomState["randn"] = (...shape: number[]) => globalState.randn(...shape) as any;
export const random: RandomState["random"] = ((size?: Size) => globalState.random(size as Size)) as any;
export const uniform: RandomState["uniform"] = ((low?: number, high?: number, size?: Size) =>
  globalState.uniform(low as number, high as number, size as Size)) as any;
export const normal: RandomState["normal"] = ((loc?: number, scale?: number, size?: Size) =>
  globalState.normal(loc as number, scale as number, size as Size)) as any;
export const randint: RandomState["randint"] = ((low: number, high?: number | null, size?: Size) =>
  globalState.randint(low, high, size as Size)) as any;
export const permutation = (x: number | ArrayInput): NDArray => globalState.permutation(x);
export const shuffle = (x: NDArray): void => globalState.shuffle(x);
export const choice: RandomState["choice"] = ((a: number | ArrayInput, size?: Size | null, options?: { replace?: boolean; p?: ArrayInput }) =>
  globalState.choice(a, size as Size, options)) as any;
