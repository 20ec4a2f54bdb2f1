import { describe, expect, it } from "vitest";
import { data, np } from "../../lib/index";

const { LabelEncoder, oneHot, fromOneHot, getDummies, MinMaxScaler, StandardScaler, normalize, trainTestSplit, splitIndices, DataError } = data;

function thrown(f: () => unknown): InstanceType<typeof DataError> {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(DataError); return e as InstanceType<typeof DataError>; }
  throw new Error("expected a DataError");
}

describe("LabelEncoder", () => {
  it("sorts classes and maps labels to int32 codes, and back", () => {
    const enc = new LabelEncoder();
    const y = enc.fitTransform(["Gentoo", "Adelie", "Chinstrap", "Adelie"]);
    expect(enc.classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
    expect(y.dtype).toBe("int32");
    expect(y.toArray()).toEqual([2, 0, 1, 0]);
    expect(enc.inverseTransform(y)).toEqual(["Gentoo", "Adelie", "Chinstrap", "Adelie"]);
    expect(new LabelEncoder().fit([10, 2, 33, 2]).transform([33, 2]).toArray()).toEqual([2, 0]);
  });
  it("rejects unseen and missing labels, and use before fit", () => {
    const enc = new LabelEncoder().fit(["a", "b"]);
    expect(thrown(() => enc.transform(["a", "c"])).message).toBe('LabelEncoder.transform: y contains previously unseen labels: "c"');
    expect(thrown(() => new LabelEncoder().fit(["a", null])).message).toMatch(/^LabelEncoder.fit: label 1 is missing/);
    expect(thrown(() => new LabelEncoder().transform(["a"])).message).toMatch(/not fitted yet/);
  });
});

describe("oneHot / fromOneHot / getDummies", () => {
  it("one-hot rows and back", () => {
    const Y = oneHot(np.array([2, 0, 1, 2], { dtype: "int32" }));
    expect(Y.shape).toEqual([4, 3]);
    expect(Y.toArray()).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(oneHot([1], 4, { dtype: "float32" }).toArray()).toEqual([[0, 1, 0, 0]]);
    expect(oneHot([1], 4, { dtype: "float32" }).dtype).toBe("float32");
    expect(fromOneHot(Y).toArray()).toEqual([2, 0, 1, 2]);
    expect(fromOneHot([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]]).toArray()).toEqual([1, 0]);
  });
  it("rejects labels out of range", () => {
    expect(thrown(() => oneHot([0, 3], 3)).message).toBe("oneHot: label 3 at index 1 is not an integer in [0, 3)");
    expect(thrown(() => oneHot([0.5])).message).toMatch(/label 0.5 at index 0/);
  });
  it("dummy variables like pandas.get_dummies, missing rows all zero", () => {
    const d = getDummies(["Biscoe", "Dream", null, "Torgersen", "Biscoe"], { prefix: "island" });
    expect(d.columns).toEqual(["island_Biscoe", "island_Dream", "island_Torgersen"]);
    expect(d.values.toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 1], [1, 0, 0]]);
    const k = getDummies(["m", "f", "m"], { dropFirst: true });
    expect(k.columns).toEqual(["m"]);
    expect(k.values.toArray()).toEqual([[1], [0], [1]]);
  });
});

describe("scalers", () => {
  // NumPy: X.mean(0) = [4, 17.5], X.std(0) = [3.082207, 14.79019946]
  const X = np.array([[1, 10], [2, 20], [4, 40], [9, 0]]);
  it("StandardScaler matches NumPy's (X - mean) / std (ddof 0)", () => {
    const s = new StandardScaler().fit(X);
    np.assertAllClose(s.mean, [4, 17.5]);
    np.assertAllClose(s.scale, [3.082207001484488, 14.79019945774904]);
    np.assertAllClose(s.transform(X), [[-0.97332853, -0.50709255], [-0.64888568, 0.16903085], [0, 1.52127766], [1.62221421, -1.18321596]], { atol: 1e-8 });
    // Test data is transformed with the training statistics, not its own.
    np.assertAllClose(s.transform([[0, 5]]), [[-1.29777137, -0.84515425]], { atol: 1e-8 });
    np.assertAllClose(s.inverseTransform(s.transform(X)), X, { atol: 1e-12 });
  });
  it("MinMaxScaler maps the training range to [0, 1] or to featureRange", () => {
    const s = new MinMaxScaler().fit(X);
    np.assertAllClose(s.transform(X), [[0, 0.25], [0.125, 0.5], [0.375, 1], [1, 0]]);
    np.assertAllClose(s.transform([[17, -10]]), [[2, -0.25]]);
    np.assertAllClose(s.dataMin, [1, 0]);
    np.assertAllClose(s.dataMax, [9, 40]);
    const t = new MinMaxScaler({ featureRange: [-1, 1] });
    np.assertAllClose(t.fitTransform(X), [[-1, -0.5], [-0.75, 0], [-0.25, 1], [1, -1]]);
    np.assertAllClose(t.inverseTransform([[0, 0]]), [[5, 20]]);
  });
  it("constant features, NaN, float32 and int input", () => {
    const C = np.array([[3, 1], [3, 2], [NaN, 3]]);
    np.assertAllClose(new StandardScaler().fitTransform(C), [[0, -1.224744871391589], [0, 0], [NaN, 1.224744871391589]], { equalNan: true });
    np.assertAllClose(new MinMaxScaler().fitTransform(C), [[0, 0], [0, 0.5], [NaN, 1]], { equalNan: true });
    expect(new StandardScaler().fitTransform(X.astype("float32")).dtype).toBe("float32");
    expect(new StandardScaler().fitTransform(np.arange(6).reshape(3, 2)).dtype).toBe("float64");
  });
  it("checks shapes and fitting", () => {
    const s = new StandardScaler().fit(X);
    expect(thrown(() => s.transform([[1, 2, 3]])).message).toBe("StandardScaler.transform: X has 3 features, but the scaler was fitted with 2 features");
    expect(thrown(() => new StandardScaler().fit([1, 2, 3])).message).toMatch(/expected a 2-D array.*got shape \(3,\)\nhint: a single feature: X.reshape\(-1, 1\)/);
    expect(thrown(() => new MinMaxScaler().transform(X)).message).toMatch(/^MinMaxScaler.transform: this scaler is not fitted yet/);
    expect(thrown(() => new MinMaxScaler({ featureRange: [1, 0] })).code).toBe("value");
  });
});

describe("normalize (per channel)", () => {
  it("subtracts each channel's mean and divides by its std on axis -3", () => {
    const img = np.arange(8).reshape(2, 2, 2).astype("float32"); // C=2, H=2, W=2
    const out = normalize(img, [1, 4], [2, 0.5]);
    expect(out.dtype).toBe("float32");
    expect(out.toArray()).toEqual([[[-0.5, 0], [0.5, 1]], [[0, 2], [4, 6]]]);
    const batch = np.stack([img, img]); // (N, C, H, W)
    expect(normalize(batch, [1, 4], [2, 0.5]).slice(1).toArray()).toEqual(out.toArray());
    const hwc = img.transpose(1, 2, 0); // (H, W, C)
    expect(normalize(hwc, [1, 4], [2, 0.5], { axis: -1 }).transpose(2, 0, 1).toArray()).toEqual(out.toArray());
  });
  it("checks channel counts and stds", () => {
    expect(thrown(() => normalize(np.zeros([3, 2, 2]), [0], [1])).message).toBe("normalize: got 1 means and 1 stds for 3 channels (axis 0 of shape (3,2,2))");
    expect(thrown(() => normalize(np.zeros([1, 2, 2]), [0], [0])).message).toBe("normalize: std[0] is 0; every std must be positive");
  });
});

describe("trainTestSplit", () => {
  const X = np.arange(20).reshape(10, 2);
  const y = np.arange(10);
  it("picks scikit-learn's rows: test = permutation[:nTest], train = the rest", () => {
    // NumPy: RandomState(0).permutation(10) = [2 8 4 9 1 6 7 3 0 5]; nTest = ceil(0.3 * 10) = 3
    const [XTrain, XTest, yTrain, yTest] = trainTestSplit(X, y, { testSize: 0.3, seed: 0 });
    expect(yTest.toArray()).toEqual([2, 8, 4]);
    expect(yTrain.toArray()).toEqual([9, 1, 6, 7, 3, 0, 5]);
    expect(XTest.toArray()).toEqual([[4, 5], [16, 17], [8, 9]]);
    expect(XTrain.shape).toEqual([7, 2]);
  });
  it("defaults to a 25% test set; counts, trainSize and shuffle: false", () => {
    const [, te] = trainTestSplit(y, { seed: 1 });
    expect(te.toArray()).toEqual([2, 9, 6]); // ceil(2.5) rows; scikit-learn 1.2.1 gives the same
    const [tr2, te2] = trainTestSplit(y, { testSize: 2, trainSize: 5, seed: 42 });
    // RandomState(42).permutation(10) = [8 1 5 0 7 2 9 4 3 6]
    expect(te2.toArray()).toEqual([8, 1]);
    expect(tr2.toArray()).toEqual([5, 0, 7, 2, 9]);
    const [tr3, te3] = trainTestSplit(y, { testSize: 0.2, shuffle: false });
    expect(tr3.toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(te3.toArray()).toEqual([8, 9]);
  });
  it("same seed, same split; np.random.seed drives it when no seed is given", () => {
    expect(trainTestSplit(y, { seed: 7 })[1].toArray()).toEqual(trainTestSplit(y, { seed: 7 })[1].toArray());
    np.random.seed(0);
    expect(trainTestSplit(y, { testSize: 0.3 })[1].toArray()).toEqual([2, 8, 4]);
  });
  it("stratify keeps class proportions in both parts", () => {
    const labels = np.array([...Array(60).fill(0), ...Array(30).fill(1), ...Array(10).fill(2)], { dtype: "int32" });
    const idx = np.arange(100);
    const [trI, teI, trY, teY] = trainTestSplit(idx, labels, { testSize: 0.2, seed: 3, stratify: labels });
    const count = (a: InstanceType<typeof np.NDArray>, c: number) => a.equal(c).sum().item();
    expect([0, 1, 2].map((c) => count(teY, c))).toEqual([12, 6, 2]);
    expect([0, 1, 2].map((c) => count(trY, c))).toEqual([48, 24, 8]);
    const all = [...trI.toArray(), ...teI.toArray()].sort((a: number, b: number) => a - b);
    expect(all).toEqual([...Array(100).keys()]);
    // The labels travel with their rows.
    expect(np.arrayEqual(np.take(labels, teI), teY)).toBe(true);
  });
  it("rejects sizes that do not fit and inconsistent arrays", () => {
    expect(thrown(() => trainTestSplit(y, { testSize: 0.6, trainSize: 0.6 })).message)
      .toBe("trainTestSplit: The sum of testSize and trainSize = 1.2, should be in the (0, 1) range. Reduce testSize and/or trainSize.");
    expect(thrown(() => trainTestSplit(y, { testSize: 1.5 })).argument).toBe("testSize");
    expect(thrown(() => trainTestSplit(y, { testSize: 10 })).message).toMatch(/testSize=10 should be smaller than the number of samples 10/);
    expect(thrown(() => trainTestSplit(X, np.arange(9))).message).toBe("trainTestSplit: Found input variables with inconsistent numbers of samples: [10, 9]");
  });
});

describe("splitIndices", () => {
  it("train / val / test parts that cover every index once", () => {
    const [tr, va, te] = splitIndices(103, [0.8, 0.1, 0.1], { seed: 0 });
    expect([tr.shape[0], va.shape[0], te.shape[0]]).toEqual([83, 10, 10]); // 82.4, 10.3, 10.3: the one left over goes to the largest remainder
    const all = [...tr.toArray(), ...va.toArray(), ...te.toArray()].sort((a: number, b: number) => a - b);
    expect(all).toEqual([...Array(103).keys()]);
    // RandomState(0).permutation(10) = [2 8 4 9 1 6 7 3 0 5]
    expect(splitIndices(10, [0.5, 0.5], { seed: 0 }).map((a) => a.toArray())).toEqual([[2, 8, 4, 9, 1], [6, 7, 3, 0, 5]]);
  });
  it("stratified parts keep proportions", () => {
    const labels = np.array([...Array(50).fill(0), ...Array(50).fill(1)]);
    const parts = splitIndices(100, [0.6, 0.2, 0.2], { seed: 1, stratify: labels });
    expect(parts.map((p) => np.take(labels, p).sum().item())).toEqual([30, 10, 10]);
  });
  it("fractions must add up to 1", () => {
    const e = thrown(() => splitIndices(10, [0.7, 0.2, 0.2]));
    expect(e.message).toBe("splitIndices: fractions [0.7, 0.2, 0.2] add up to 1.1, not 1");
    expect(e.argument).toBe("fractions");
    expect(thrown(() => splitIndices(10, [1.5, -0.5])).message).toBe("splitIndices: fractions[0] = 1.5 is not in [0, 1]");
  });
});
