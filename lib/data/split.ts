// Train / validation / test splits, seeded through NumPy's RandomState so a seed gives the same
// split on every machine. Without stratify, trainTestSplit picks the same rows as scikit-learn's
// train_test_split(..., random_state=seed): test = permutation[:nTest], train = the next nTrain.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { take } from "../ndarray/indexing";
import { formatShape } from "../ndarray/errors";
import { globalState, RandomState } from "../ndarray/random";
import { compareCodePoints } from "./encoding";
import { DataError } from "./errors";

/** A RandomState for `seed`, or np.random's global one when no seed is given. */
export function rngFor(seed?: number | RandomState): RandomState {
  if (seed instanceof RandomState) return seed;
  return seed === undefined ? globalState : new RandomState(seed);
}

export interface SplitOptions {
  /** Fraction in (0, 1) or a count of samples for the test set (0.25 when neither size is given). */
  testSize?: number;
  /** Fraction in (0, 1) or a count for the training set (the rest when omitted). */
  trainSize?: number;
  /** Seed (or a RandomState) for the shuffle; np.random's global state when omitted. */
  seed?: number | RandomState;
  /** Shuffle before splitting (default true); without it the first rows train and the next test. */
  shuffle?: boolean;
  /** Class labels (n,), numbers or strings: each split then keeps the class proportions. */
  stratify?: ArrayInput | readonly string[];
}

function sizeOf(name: string, value: number | undefined, n: number): number | undefined {
  if (value === undefined) return undefined;
  if (Number.isInteger(value) && value >= 1) {
    if (value >= n) throw new DataError("value", "trainTestSplit", `${name}=${value} should be smaller than the number of samples ${n}`, { argument: name });
    return value;
  }
  if (value > 0 && value < 1) return value;
  throw new DataError("value", "trainTestSplit",
    `${name}=${value} should be either positive and smaller than the number of samples ${n} or a float in the (0, 1) range`, { argument: name });
}

/** The train and test sizes scikit-learn's _validate_shuffle_split gives. */
function trainTestCounts(n: number, options: SplitOptions): [number, number] {
  let test = sizeOf("testSize", options.testSize, n);
  const train = sizeOf("trainSize", options.trainSize, n);
  if (test === undefined && train === undefined) test = 0.25;
  if (test !== undefined && train !== undefined && test < 1 && train < 1 && test + train > 1) {
    throw new DataError("value", "trainTestSplit",
      `The sum of testSize and trainSize = ${test + train}, should be in the (0, 1) range. Reduce testSize and/or trainSize.`, { argument: "testSize" });
  }
  const nTest = test === undefined ? undefined : test < 1 ? Math.ceil(test * n) : test;
  const nTrain = train === undefined ? undefined : train < 1 ? Math.floor(train * n) : train;
  const t = nTest ?? n - nTrain!;
  const r = nTrain ?? n - t;
  if (r + t > n) {
    throw new DataError("value", "trainTestSplit", `The sum of trainSize and testSize = ${r + t}, should be smaller than the number of samples ${n}. Reduce testSize and/or trainSize.`,
      { argument: "testSize" });
  }
  if (r === 0) {
    throw new DataError("value", "trainTestSplit", `With n_samples=${n}, testSize=${options.testSize} and trainSize=${options.trainSize}, the resulting train set will be empty.`,
      { argument: "testSize" });
  }
  return [r, t];
}

/** Splits counts of the fractions of n that sum exactly to n (largest remainders get the extra ones). */
function apportion(n: number, fractions: readonly number[]): number[] {
  const exact = fractions.map((f) => f * n);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k][1]]++;
  return counts;
}

function labelsOf(op: string, stratify: ArrayInput | readonly string[], n: number): Float64Array {
  if (Array.isArray(stratify) && stratify.some((v) => typeof v === "string")) {
    // String labels: numbered in code-point order, as np.unique sorts them (scikit-learn's classes).
    const names = [...new Set(stratify.map(String))].sort(compareCodePoints);
    const code = new Map(names.map((name, i) => [name, i]));
    stratify = stratify.map((v) => code.get(String(v))!);
  }
  const y = asarray(stratify as ArrayInput);
  if (y.ndim !== 1 || y.shape[0] !== n) {
    throw new DataError("shape", op, `stratify must have shape (${n},), got ${formatShape(y.shape)}`, { argument: "stratify" });
  }
  return Float64Array.from(y.toTypedArray());
}

/** Indices of each class, in sorted class order. */
function classGroups(labels: Float64Array): number[][] {
  const groups = new Map<number, number[]>();
  labels.forEach((v, i) => { if (!groups.has(v)) groups.set(v, []); groups.get(v)!.push(i); });
  return [...groups.keys()].sort((a, b) => a - b).map((k) => groups.get(k)!);
}

/**
 * Stratified split of n indices into parts of the given sizes: each class is shuffled and dealt
 * out so that every part keeps the class proportions (counts rounded by largest remainder), then
 * each part is shuffled.
 */
function stratifiedParts(rng: RandomState, labels: Float64Array, sizes: readonly number[]): number[][] {
  const n = labels.length;
  const groups = classGroups(labels);
  const parts: number[][] = sizes.map(() => []);
  // How many of each class go to each part: apportion the part sizes over the classes.
  const perPart = sizes.map((s) => apportion(s, groups.map((g) => g.length / n)));
  groups.forEach((g, c) => {
    const order = rng.permutation(g.length).data;
    let pos = 0;
    sizes.forEach((_, p) => {
      const want = Math.min(perPart[p][c], g.length - pos);
      for (let k = 0; k < want; k++) parts[p].push(g[order[pos++]]);
    });
  });
  // Rounding may leave a part short by a few; fill it from what no part took yet.
  const used = new Set(parts.flat());
  const rest = [...Array(n).keys()].filter((i) => !used.has(i));
  const restOrder = rng.permutation(rest.length).data;
  let r = 0;
  sizes.forEach((s, p) => { while (parts[p].length < s && r < rest.length) parts[p].push(rest[restOrder[r++]]); });
  return parts.map((part) => { const o = rng.permutation(part.length).data; return Array.from(o, (k) => part[k]); });
}

const int32 = (values: readonly number[]) => new NDArray(Int32Array.from(values), [values.length], undefined, 0, "int32");

/**
 * Indices for a split of n samples into parts with the given fractions (which must add up to 1),
 * e.g. splitIndices(1000, [0.8, 0.1, 0.1], { seed: 0 }) → [train, val, test] as int32 arrays.
 */
export function splitIndices(n: number, fractions: readonly number[],
  options: { seed?: number | RandomState; shuffle?: boolean; stratify?: ArrayInput | readonly string[] } = {}): NDArray[] {
  if (!Number.isInteger(n) || n < 0) throw new DataError("value", "splitIndices", `n must be a non-negative integer, got ${n}`, { argument: "n" });
  if (fractions.length === 0) throw new DataError("value", "splitIndices", "fractions is empty", { argument: "fractions" });
  fractions.forEach((f, i) => {
    if (!(f >= 0 && f <= 1)) {
      throw new DataError("value", "splitIndices", `fractions[${i}] = ${f} is not in [0, 1]`, { argument: "fractions" });
    }
  });
  const total = fractions.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) {
    throw new DataError("value", "splitIndices", `fractions [${fractions.join(", ")}] add up to ${+total.toFixed(12)}, not 1`, { argument: "fractions" });
  }
  const sizes = apportion(n, fractions);
  const shuffle = options.shuffle ?? true;
  if (options.stratify !== undefined) {
    if (!shuffle) throw new DataError("value", "splitIndices", "stratified splits need shuffle: true", { argument: "shuffle" });
    return stratifiedParts(rngFor(options.seed), labelsOf("splitIndices", options.stratify, n), sizes).map(int32);
  }
  const order = shuffle ? Array.from(rngFor(options.seed).permutation(n).data) : [...Array(n).keys()];
  const out: NDArray[] = [];
  let start = 0;
  for (const s of sizes) { out.push(int32(order.slice(start, start + s))); start += s; }
  return out;
}

function isOptions(a: unknown): a is SplitOptions {
  return typeof a === "object" && a !== null && !Array.isArray(a) && !(a instanceof NDArray);
}

/**
 * scikit-learn's train_test_split: trainTestSplit(X, y, { testSize: 0.2, seed: 0 }) gives
 * [XTrain, XTest, yTrain, yTest]; any number of arrays sharing their first axis.
 */
export function trainTestSplit(...args: (ArrayInput | SplitOptions)[]): NDArray[] {
  const options: SplitOptions = args.length > 0 && isOptions(args[args.length - 1]) ? (args.pop() as SplitOptions) : {};
  if (args.length === 0) throw new DataError("value", "trainTestSplit", "At least one array required as input", { argument: "arrays" });
  const arrays = (args as ArrayInput[]).map((a) => asarray(a));
  const n = arrays[0].shape[0];
  arrays.forEach((a) => {
    if (a.ndim === 0 || a.shape[0] !== n) {
      throw new DataError("shape", "trainTestSplit",
        `Found input variables with inconsistent numbers of samples: [${arrays.map((b) => b.shape[0] ?? 0).join(", ")}]`, { argument: "arrays" });
    }
  });
  const [nTrain, nTest] = trainTestCounts(n, options);
  const shuffle = options.shuffle ?? true;
  let trainIdx: number[];
  let testIdx: number[];
  if (options.stratify !== undefined) {
    if (!shuffle) throw new DataError("value", "trainTestSplit", "Stratified train/test split is not implemented for shuffle=False", { argument: "shuffle" });
    [trainIdx, testIdx] = stratifiedParts(rngFor(options.seed), labelsOf("trainTestSplit", options.stratify, n), [nTrain, nTest]);
  } else if (shuffle) {
    const perm = Array.from(rngFor(options.seed).permutation(n).data);
    testIdx = perm.slice(0, nTest);
    trainIdx = perm.slice(nTest, nTest + nTrain);
  } else {
    trainIdx = [...Array(nTrain).keys()];
    testIdx = Array.from({ length: nTest }, (_, i) => nTrain + i);
  }
  const tr = int32(trainIdx);
  const te = int32(testIdx);
  return arrays.flatMap((a) => [take(a, tr, { axis: 0 }), take(a, te, { axis: 0 })]);
}
