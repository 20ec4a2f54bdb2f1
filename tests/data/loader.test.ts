import { describe, expect, it } from "vitest";
import { data, np, NDArray } from "../../lib/index";

const { TensorDataset, DataLoader, Subset, MapDataset, randomSplit, collate, DataError } = data;

function thrown(f: () => unknown): InstanceType<typeof DataError> {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(DataError); return e as InstanceType<typeof DataError>; }
  throw new Error("expected a DataError");
}

const n = 10;
const X = np.arange(n * 3).reshape(n, 3).astype("float32");
const y = np.arange(n).astype("int32");

describe("TensorDataset", () => {
  it("indexes samples as [X[i], y[i]]", () => {
    const ds = new TensorDataset([X, y]);
    expect(ds.length).toBe(10);
    const [x3, y3] = ds.get(3);
    expect(x3.toArray()).toEqual([9, 10, 11]);
    expect(y3.item()).toBe(3);
    expect(ds.get(-1)[1].item()).toBe(9);
    expect(thrown(() => ds.get(10)).message).toBe("TensorDataset.get: index 10 is out of range for a dataset of 10 samples");
    expect(thrown(() => new TensorDataset([X, np.arange(9)])).message).toBe("TensorDataset: Size mismatch between arrays: shapes (10,3) (9,)");
  });
  it("applies transforms lazily, when a sample is read", () => {
    let calls = 0;
    const ds = new TensorDataset([X, y], { transform: (x) => { calls++; return x.multiply(2); } });
    expect(calls).toBe(0);
    expect(ds.get(1)[0].toArray()).toEqual([6, 8, 10]);
    expect(calls).toBe(1);
    const [xb] = ds.getBatch(Int32Array.from([0, 2]));
    expect(xb.toArray()).toEqual([[0, 2, 4], [12, 14, 16]]);
    expect(calls).toBe(3);
  });
});

/** Every y value seen in one epoch, in order. */
function epoch(loader: Iterable<NDArray[]>): number[][] {
  return [...loader].map(([, yb]) => yb.toArray() as number[]);
}

describe("DataLoader", () => {
  const ds = new TensorDataset([X, y]);

  it("keeps the last partial batch by default and drops it with dropLast", () => {
    const keep = new DataLoader(ds, { batchSize: 4 });
    expect(keep.length).toBe(3);
    expect(epoch(keep)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    const drop = new DataLoader(ds, { batchSize: 4, dropLast: true });
    expect(drop.length).toBe(2);
    expect(epoch(drop)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
  });

  it("batches have stacked shapes and keep dtypes", () => {
    const [[Xb, yb]] = [...new DataLoader(ds, { batchSize: 4 })];
    expect(Xb.shape).toEqual([4, 3]);
    expect(Xb.dtype).toBe("float32");
    expect(yb.dtype).toBe("int32");
    expect(Xb.toArray()).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]);
  });

  it("shuffles with the seed: NumPy's permutation, a fresh one each epoch", () => {
    const loader = new DataLoader(ds, { batchSize: 4, shuffle: true, seed: 0 });
    // NumPy: r = RandomState(0); r.permutation(10) = [2 8 4 9 1 6 7 3 0 5]
    expect(epoch(loader)).toEqual([[2, 8, 4, 9], [1, 6, 7, 3], [0, 5]]);
    const second = epoch(loader).flat();
    expect(second).not.toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    const again = new DataLoader(ds, { batchSize: 4, shuffle: true, seed: 0 });
    expect(epoch(again).flat()).toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    expect(epoch(again).flat()).toEqual(second);
  });

  it("covers every sample exactly once per epoch, over several epochs and batch sizes", () => {
    for (const batchSize of [1, 3, 7, 10, 11]) {
      const loader = new DataLoader(ds, { batchSize, shuffle: true, seed: batchSize });
      for (let e = 0; e < 3; e++) {
        const seen = epoch(loader).flat().sort((a, b) => a - b);
        expect(seen).toEqual([...Array(n).keys()]);
      }
    }
  });

  it("uses np.random's global state when no seed is given", () => {
    np.random.seed(0);
    expect(epoch(new DataLoader(ds, { batchSize: 10, shuffle: true }))).toEqual([[2, 8, 4, 9, 1, 6, 7, 3, 0, 5]]);
  });

  it("rejects a batch size of 0", () => {
    const e = thrown(() => new DataLoader(ds, { batchSize: 0 }));
    expect(e.message).toBe("DataLoader: batchSize should be a positive integer value, but got batchSize=0");
    expect(e.argument).toBe("batchSize");
    expect(() => new DataLoader(ds, { batchSize: 2.5 })).toThrow(/batchSize=2.5/);
  });

  it("works with any indexable dataset and a custom collate", () => {
    const squares = { length: 5, get: (i: number): [NDArray, number] => [np.full([2], i), i * i] };
    const batches = [...new DataLoader(squares, { batchSize: 2 })];
    expect(batches.length).toBe(3);
    expect(batches[0][0].toArray()).toEqual([[0, 0], [1, 1]]);
    expect(batches[0][1].toArray()).toEqual([0, 1]);
    expect(batches[0][1].dtype).toBe("int32");
    expect(batches[2][1].toArray()).toEqual([16]);
    const sums = [...new DataLoader(squares, { batchSize: 5, collate: (s) => s.map(([, v]) => v) as any })];
    expect(sums).toEqual([[0, 1, 4, 9, 16]]);
  });
});

describe("Subset, MapDataset, randomSplit, collate", () => {
  const ds = new TensorDataset([X, y]);
  it("Subset picks samples and batches through the parent", () => {
    const sub = new Subset(ds, [7, 2, 5]);
    expect(sub.length).toBe(3);
    expect(sub.get(0)[1].item()).toBe(7);
    expect(epoch(new DataLoader(sub, { batchSize: 2 }))).toEqual([[7, 2], [5]]);
    expect(thrown(() => new Subset(ds, [10])).message).toMatch(/index 10 is out of range/);
  });
  it("MapDataset computes samples on access", () => {
    const m = new MapDataset(ds, ([x, t]) => [x.sum(), t] as [NDArray, NDArray]);
    expect(m.get(2)[0].item()).toBe(6 + 7 + 8);
  });
  it("randomSplit partitions the dataset with the seed", () => {
    const [a, b] = randomSplit(ds, [0.7, 0.3], { seed: 0 });
    expect([a.length, b.length]).toEqual([7, 3]);
    expect(Array.from(a.indices)).toEqual([2, 8, 4, 9, 1, 6, 7]);
    expect(Array.from(b.indices)).toEqual([3, 0, 5]);
  });
  it("collate stacks arrays and numbers, position by position", () => {
    const [A, b] = collate([[np.array([1, 2]), 0.5], [np.array([3, 4]), 1]]) as NDArray[];
    expect(A.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(b.dtype).toBe("float64");
    expect(thrown(() => collate([])).message).toBe("collate: cannot collate an empty batch");
    // Views (a transpose, a row of a bigger array) are copied in C order; shapes must agree.
    const M = np.arange(6).reshape(2, 3);
    expect((collate([M.T, M.T.multiply(10)]) as NDArray).toArray()).toEqual([[[0, 3], [1, 4], [2, 5]], [[0, 30], [10, 40], [20, 50]]]);
    expect((collate([M.slice(1), M.slice(0)]) as NDArray).toArray()).toEqual([[3, 4, 5], [0, 1, 2]]);
    expect(() => collate([np.zeros([2]), np.zeros([3])])).toThrow(/stack/);
  });
});
