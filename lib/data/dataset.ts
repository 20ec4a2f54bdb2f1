// Dataset and DataLoader, shaped like PyTorch's: a dataset is indexable (length + get(i)), a loader
// walks it in batches of batchSize, shuffled with a seeded generator, and applies the dataset's
// transforms lazily, one sample at a time, as each batch is built.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { take } from "../ndarray/indexing";
import { stack } from "../ndarray/manipulate";
import { formatShape } from "../ndarray/errors";
import { RandomState } from "../ndarray/random";
import { DataError } from "./errors";
import { rngFor, splitIndices } from "./split";

/** Anything indexable: `length` samples, `get(i)` for 0 <= i < length. */
export interface Dataset<T> {
  readonly length: number;
  get(i: number): T;
  /** Optional fast path: a whole batch at once (TensorDataset gathers rows without per-sample work). */
  getBatch?(indices: Int32Array): Batch<T>;
}

/** What a batch of samples T looks like: arrays stacked on a new first axis, tuple by tuple. */
export type Batch<T> = T extends NDArray ? NDArray
  : T extends number ? NDArray
  : T extends readonly unknown[] ? { [K in keyof T]: Batch<T[K]> }
  : T;

export type Transform = (x: NDArray) => NDArray;

function checkIndex(op: string, i: number, n: number): number {
  if (!Number.isInteger(i) || i < -n || i >= n) throw new DataError("value", op, `index ${i} is out of range for a dataset of ${n} samples`);
  return i < 0 ? i + n : i;
}

/**
 * Arrays that share their first axis, sample i being [X[i], y[i], ...] (PyTorch's TensorDataset).
 * `transform` applies to the first array's samples (the inputs), `targetTransform` to the second's.
 */
export class TensorDataset implements Dataset<NDArray[]> {
  readonly arrays: readonly NDArray[];
  readonly length: number;
  readonly transform?: Transform;
  readonly targetTransform?: Transform;

  constructor(arrays: readonly ArrayInput[], options: { transform?: Transform; targetTransform?: Transform } = {}) {
    if (arrays.length === 0) throw new DataError("value", "TensorDataset", "needs at least one array", { argument: "arrays" });
    this.arrays = arrays.map((a) => asarray(a));
    const n = this.arrays[0].shape[0];
    for (const a of this.arrays) {
      if (a.ndim === 0 || a.shape[0] !== n) {
        throw new DataError("shape", "TensorDataset", `Size mismatch between arrays: shapes ${this.arrays.map((b) => formatShape(b.shape)).join(" ")}`,
          { argument: "arrays" });
      }
    }
    this.length = n;
    this.transform = options.transform;
    this.targetTransform = options.targetTransform;
  }

  get(i: number): NDArray[] {
    const k = checkIndex("TensorDataset.get", i, this.length);
    return this.arrays.map((a, j) => {
      const s = a.slice(k);
      if (j === 0 && this.transform) return this.transform(s);
      if (j === 1 && this.targetTransform) return this.targetTransform(s);
      return s;
    });
  }

  getBatch(indices: Int32Array): NDArray[] {
    const idx = new NDArray(indices, [indices.length], undefined, 0, "int32");
    return this.arrays.map((a, j) => {
      const t = j === 0 ? this.transform : j === 1 ? this.targetTransform : undefined;
      if (!t) return take(a, idx, { axis: 0 });
      return stackSamples(Array.from(indices, (i) => t(a.slice(i))));
    });
  }
}

/** The samples of `dataset` at `indices`, in that order. */
export class Subset<T> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: Int32Array;
  readonly length: number;

  constructor(dataset: Dataset<T>, indices: ArrayLike<number> | NDArray) {
    this.dataset = dataset;
    const idx = indices instanceof NDArray ? indices.toTypedArray() : indices;
    this.indices = Int32Array.from(idx as ArrayLike<number>, (i) => checkIndex("Subset", i, dataset.length));
    this.length = this.indices.length;
  }

  get(i: number): T { return this.dataset.get(this.indices[checkIndex("Subset.get", i, this.length)]); }

  getBatch(indices: Int32Array): Batch<T> {
    const inner = Int32Array.from(indices, (i) => this.indices[i]);
    return this.dataset.getBatch ? this.dataset.getBatch(inner) : collate(Array.from(inner, (i) => this.dataset.get(i)));
  }
}

/** A dataset whose samples are `fn(sample)`, computed when asked for (lazily). */
export class MapDataset<T, U> implements Dataset<U> {
  readonly length: number;
  constructor(readonly dataset: Dataset<T>, readonly fn: (sample: T, index: number) => U) { this.length = dataset.length; }
  get(i: number): U { return this.fn(this.dataset.get(i), i); }
}

/** torch.utils.data.random_split: Subsets with the given fractions (adding up to 1), seeded. */
export function randomSplit<T>(dataset: Dataset<T>, fractions: readonly number[], options: { seed?: number | RandomState } = {}): Subset<T>[] {
  return splitIndices(dataset.length, fractions, { seed: options.seed }).map((idx) => new Subset(dataset, idx));
}

/** np.stack on a new first axis, with a fast copy when every sample has the same shape and dtype. */
function stackSamples(arrays: readonly NDArray[]): NDArray {
  const first = arrays[0];
  const same = arrays.every((a) => a.dtype === first.dtype && a.ndim === first.ndim && a.shape.every((s, i) => s === first.shape[i]));
  if (!same) return stack(arrays); // np.stack's own error names the shapes
  const size = first.size;
  const out = NDArray.zeros([arrays.length, ...first.shape], first.dtype);
  arrays.forEach((a, k) => {
    out.data.set(a.isContiguous ? a.data.subarray(a.offset, a.offset + size) : a.toTypedArray(), k * size);
  });
  return out;
}

/**
 * Stacks samples into a batch: NDArrays stack on a new first axis, numbers become a 1-D array
 * (int32 when all are integers, else float64), tuples collate position by position.
 */
export function collate<T>(samples: readonly T[]): Batch<T> {
  if (samples.length === 0) throw new DataError("value", "collate", "cannot collate an empty batch");
  const first = samples[0] as unknown;
  if (first instanceof NDArray) return stackSamples(samples as unknown as NDArray[]) as Batch<T>;
  if (typeof first === "number") {
    const nums = samples as unknown as number[];
    const ints = nums.every(Number.isInteger);
    return new NDArray(ints ? Int32Array.from(nums) : Float64Array.from(nums), [nums.length], undefined, 0, ints ? "int32" : "float64") as Batch<T>;
  }
  if (Array.isArray(first)) {
    return first.map((_, j) => collate(samples.map((s) => (s as unknown as unknown[])[j]))) as Batch<T>;
  }
  throw new DataError("value", "collate", `cannot collate samples of type ${typeof first}`, {}, "pass a collate function to the DataLoader");
}

export interface DataLoaderOptions<T> {
  /** Samples per batch (default 1). */
  batchSize?: number;
  /** Reshuffle at every epoch (default false: the dataset's order). */
  shuffle?: boolean;
  /** Seed for the shuffle; without one, np.random's global state (so np.random.seed(s) also fixes it). */
  seed?: number | RandomState;
  /** Drop the last batch when it is smaller than batchSize (default false: keep the partial batch). */
  dropLast?: boolean;
  /** How a list of samples becomes a batch (default: `collate`). */
  collate?: (samples: T[]) => Batch<T>;
}

/**
 * Iterates a dataset in batches. Each `for (const [X, y] of loader)` is one epoch; with shuffle,
 * each epoch draws a fresh permutation from the loader's generator, so a loader built with the same
 * seed gives the same batches, epoch after epoch.
 */
export class DataLoader<T> implements Iterable<Batch<T>> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly rng: RandomState;
  private readonly collateFn?: (samples: T[]) => Batch<T>;

  constructor(dataset: Dataset<T>, options: DataLoaderOptions<T> = {}) {
    const batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new DataError("value", "DataLoader", `batchSize should be a positive integer value, but got batchSize=${batchSize}`, { argument: "batchSize" });
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.rng = rngFor(options.seed);
    this.collateFn = options.collate;
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The sample order of the next epoch (and advances the generator when shuffling). */
  private order(): Int32Array {
    const n = this.dataset.length;
    if (!this.shuffle) return Int32Array.from({ length: n }, (_, i) => i);
    return Int32Array.from(this.rng.permutation(n).data);
  }

  *[Symbol.iterator](): Iterator<Batch<T>> {
    const order = this.order();
    const count = this.length;
    for (let b = 0; b < count; b++) {
      const idx = order.subarray(b * this.batchSize, Math.min((b + 1) * this.batchSize, order.length));
      if (this.collateFn) yield this.collateFn(Array.from(idx, (i) => this.dataset.get(i)));
      else if (this.dataset.getBatch) yield this.dataset.getBatch(idx.slice());
      else yield collate(Array.from(idx, (i) => this.dataset.get(i)));
    }
  }
}
