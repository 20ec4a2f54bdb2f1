// NumPy's legacy `np.random` (RandomState over MT19937), reproduced bit for bit.
//
// Everything here follows NumPy's C/Cython sources (mt19937.c, distributions.c,
// legacy-distributions.c, mtrand.pyx) so that a given seed yields exactly NumPy's numbers.
// Integer work uses Math.imul and `>>> 0` only, so results do not depend on the engine.
// The only floating operations are + - * / sqrt and Math.log (Gaussian polar method);
// Math.log may differ from C's log in the last bit, so Gaussian samples are exact to
// within an ulp or so, everything else is exact.
//
// This module is pure: it imports nothing.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_32 = 4294967296;
const MAX_UINT32 = 0xffffffff;

/** Saved generator state, like the tuple of `RandomState.get_state()`. */
export interface MT19937State {
  key: Uint32Array;
  pos: number;
  hasGauss: boolean;
  gauss: number;
}

/** Indexable, writable 1-D sequence (arrays, typed arrays, ...). */
export interface MutableSequence<T> {
  length: number;
  [i: number]: T;
}

function checkSeed(seed: number): void {
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > MAX_UINT32) {
    throw new RangeError(`Seed must be an integer between 0 and 2**32 - 1, got ${String(seed)}`);
  }
}

/** Smallest all-ones mask >= v, for 0 <= v <= 2**32 - 1 (NumPy's gen_mask on 32 bits). */
function mask32(v: number): number {
  let m = v >>> 0;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

/** Mersenne Twister with NumPy RandomState's seeding, doubles, Gaussians and bounded integers. */
export class MT19937 {
  private key = new Uint32Array(N);
  private pos = N;
  private hasGauss = false;
  private gauss = 0;

  /** Without a seed the generator is seeded from Math.random (not reproducible, like seed(None)). */
  constructor(seed?: number) {
    this.seed(seed === undefined ? Math.floor(Math.random() * TWO_32) : seed);
  }

  /** np.random.seed(int): Knuth's init_genrand; also drops the cached Gaussian as NumPy does. */
  seed(seed: number): void {
    checkSeed(seed);
    const key = this.key;
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      key[i] = s;
      // s = 1812433253 * (s ^ (s >> 30)) + i + 1, modulo 2**32
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.pos = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** Regenerate the whole key block (mt19937_gen). */
  private generate(): void {
    const key = this.key;
    let y: number;
    let i = 0;
    for (; i < N - M; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }

  /** genrand_int32: a uniform integer in [0, 2**32). */
  nextUint32(): number {
    if (this.pos >= N) this.generate();
    let y = this.key[this.pos++];
    // Tempering.
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random_sample: 27 + 26 random bits combined into a double in [0, 1) (exact arithmetic). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** legacy_gauss: Marsaglia polar method; the second value of each pair is cached. */
  nextGauss(): number {
    if (this.hasGauss) {
      const g = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return g;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2.0 * this.nextDouble() - 1.0;
      x2 = 2.0 * this.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * Two 32-bit draws as a 64-bit integer (hi, lo), like mt19937_next64's `next << 32 | next`
   * with the first draw as the high word (what NumPy's compiled code does; the fixtures check it).
   * Returns the high word masked by `hiMask` times 2**32 plus the low word, so it stays exact
   * as long as hiMask < 2**21.
   */
  private nextMasked64(hiMask: number): number {
    const hi = this.nextUint32() & hiMask;
    const lo = this.nextUint32();
    return hi * TWO_32 + lo;
  }

  /** Uniform integer in [0, rng] by mask rejection (the masked paths of distributions.c). */
  private maskedUpTo(rng: number): number {
    if (rng <= MAX_UINT32) {
      const mask = mask32(rng);
      let v: number;
      while ((v = (this.nextUint32() & mask) >>> 0) > rng);
      return v;
    }
    // 64-bit path: the low word of the mask is all ones, the high word is a smaller mask.
    const hiMask = mask32(Math.floor(rng / TWO_32));
    let v: number;
    while ((v = this.nextMasked64(hiMask)) > rng);
    return v;
  }

  /**
   * random_interval(max): uniform integer in [0, max], as used by the legacy shuffle.
   * Supports 0 <= max <= 2**53 - 1 (above 2**32 - 1 it draws 64 bits per try like NumPy).
   */
  randomInterval(max: number): number {
    if (!Number.isSafeInteger(max) || max < 0) {
      throw new RangeError(`randomInterval: max must be an integer in [0, 2**53 - 1], got ${max}`);
    }
    if (max === 0) return 0;
    return this.maskedUpTo(max);
  }

  /**
   * Legacy randint(low, high) for int64: uniform integer in [low, high). Both bounds must be
   * safe integers with high - low <= 2**53 - 1. A one-value range draws nothing, and a range of
   * exactly 2**32 values takes one raw draw, as in random_bounded_uint64_fill.
   */
  boundedInt(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new RangeError(`randint: low and high must be safe integers, got ${low}, ${high}`);
    }
    if (low >= high) throw new Error("low >= high");
    const span = high - low;
    if (span > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`randint: high - low must be at most 2**53 - 1, got ${high} - ${low}`);
    }
    const rng = span - 1;
    if (rng === 0) return low;
    if (rng === MAX_UINT32) return low + this.nextUint32();
    return low + this.maskedUpTo(rng);
  }

  /** Legacy RandomState.shuffle of a 1-D sequence (Fisher-Yates from the end). */
  shuffle<T>(items: MutableSequence<T>): void {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = this.randomInterval(i);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
  }

  /** A copy of the state, for setState. */
  getState(): MT19937State {
    return { key: this.key.slice(), pos: this.pos, hasGauss: this.hasGauss, gauss: this.gauss };
  }

  setState(s: MT19937State): void {
    if (!s || !(s.key instanceof Uint32Array) || s.key.length !== N) {
      throw new Error(`setState: key must be a Uint32Array of length ${N}`);
    }
    if (!Number.isInteger(s.pos) || s.pos < 0 || s.pos > N) {
      throw new Error(`setState: pos must be an integer in [0, ${N}], got ${s.pos}`);
    }
    this.key.set(s.key);
    this.pos = s.pos;
    this.hasGauss = Boolean(s.hasGauss);
    this.gauss = this.hasGauss ? s.gauss : 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Legacy np.random functions over n samples, drawn in C order as NumPy does.

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${what}: sample count must be a non-negative integer, got ${n}`);
  }
}

/** random_sample(n) / rand(n). */
export function randomSample(g: MT19937, n: number): Float64Array {
  checkCount(n, "random_sample");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = g.nextDouble();
  return out;
}

/** standard_normal(n) / randn(n). */
export function standardNormal(g: MT19937, n: number): Float64Array {
  checkCount(n, "standard_normal");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = g.nextGauss();
  return out;
}

/** uniform(low, high, n): low + (high - low) * random_sample(), range computed once. */
export function uniform(g: MT19937, low: number, high: number, n: number): Float64Array {
  checkCount(n, "uniform");
  const range = high - low;
  if (!Number.isFinite(range)) throw new RangeError("Range exceeds valid bounds");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = low + range * g.nextDouble();
  return out;
}

/** normal(loc, scale, n): loc + scale * gauss. NumPy rejects scale < 0 (including -0.0). */
export function normal(g: MT19937, loc: number, scale: number, n: number): Float64Array {
  checkCount(n, "normal");
  if (scale < 0 || Object.is(scale, -0)) throw new Error("scale < 0");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = loc + scale * g.nextGauss();
  return out;
}

/** randint(low, high, n) with NumPy's default int64 dtype. */
export function randint(g: MT19937, low: number, high: number, n: number): Float64Array {
  checkCount(n, "randint");
  const out = new Float64Array(n);
  if (n === 0) return out; // NumPy returns before checking the bounds
  if (low >= high) throw new Error("low >= high");
  for (let i = 0; i < n; i++) out[i] = g.boundedInt(low, high);
  return out;
}

/** permutation(n): arange(n), shuffled. */
export function permutation(g: MT19937, n: number): Float64Array {
  checkCount(n, "permutation");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  g.shuffle(out);
  return out;
}

export interface ChoiceOptions {
  replace?: boolean;
  p?: ArrayLike<number>;
}

/** NumPy's kahan_sum, used to check that p sums to 1. */
function kahanSum(a: ArrayLike<number>): number {
  if (a.length === 0) return 0;
  let sum = a[0];
  let c = 0;
  for (let i = 1; i < a.length; i++) {
    const y = a[i] - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum;
}

/** cumsum(p) / cdf[-1], as the two NumPy statements compute it. */
function normalizedCdf(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let acc = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = acc += p[i];
  const last = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= last;
  return cdf;
}

/** searchsorted(cdf, x, side='right'): number of entries <= x. */
function searchRight(cdf: Float64Array, x: number): number {
  let lo = 0;
  let hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// sqrt(np.finfo(np.float64).eps) == 2**-26
const P_SUM_ATOL = Math.sqrt(2.220446049250313e-16);

/**
 * Legacy RandomState.choice(populationSize, size, replace, p), returning the chosen indices.
 * Checks and error messages follow mtrand.pyx.
 */
export function choice(
  g: MT19937,
  populationSize: number,
  size: number,
  { replace = true, p }: ChoiceOptions = {},
): Float64Array {
  if (!Number.isInteger(populationSize)) {
    throw new Error("a must be 1-dimensional or an integer");
  }
  if (!Number.isInteger(size)) throw new Error(`choice: size must be an integer, got ${size}`);
  if (populationSize <= 0 && size !== 0) {
    throw new Error("a must be greater than 0 unless no samples are taken");
  }
  let probs: Float64Array | undefined;
  if (p !== undefined) {
    probs = Float64Array.from(p);
    if (probs.length !== populationSize) throw new Error("'a' and 'p' must have same size");
    const pSum = kahanSum(probs);
    if (Number.isNaN(pSum)) throw new Error("probabilities contain NaN");
    if (probs.some((v) => v < 0)) throw new Error("probabilities are not non-negative");
    if (Math.abs(pSum - 1) > P_SUM_ATOL) throw new Error("probabilities do not sum to 1");
  }
  if (size < 0) throw new Error("negative dimensions are not allowed");

  if (replace) {
    if (probs === undefined) return randint(g, 0, populationSize, size);
    const cdf = normalizedCdf(probs);
    const u = randomSample(g, size);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = searchRight(cdf, u[i]);
    return out;
  }

  if (size > populationSize) {
    throw new Error("Cannot take a larger sample than population when 'replace=False'");
  }
  if (probs === undefined) {
    // NumPy shuffles the whole population even when only a few are kept.
    return permutation(g, Math.max(populationSize, 0)).slice(0, size);
  }
  let nonZero = 0;
  for (const v of probs) if (v > 0) nonZero++;
  if (nonZero < size) throw new Error("Fewer non-zero entries in p than size");

  // Draw in batches; zero out the chosen entries, keep new indices in order of first appearance.
  const found = new Float64Array(size);
  let nUniq = 0;
  while (nUniq < size) {
    const x = randomSample(g, size - nUniq);
    for (let i = 0; i < nUniq; i++) probs[found[i]] = 0;
    const cdf = normalizedCdf(probs);
    const seen = new Set<number>();
    const batchStart = nUniq;
    for (let i = 0; i < x.length; i++) {
      const k = searchRight(cdf, x[i]);
      if (!seen.has(k)) {
        seen.add(k);
        found[batchStart + seen.size - 1] = k;
      }
    }
    nUniq += seen.size;
  }
  return found;
}
