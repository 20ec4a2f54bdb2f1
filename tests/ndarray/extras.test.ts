// np.flip, roll, diff, median, quantile, percentile, meshgrid and pad against NumPy 1.24. Each
// expected value was printed by the Python command in the comment above it (L(r) is
// `(np.asarray(r).tolist(), str(np.asarray(r).dtype), np.shape(r))`; NumPy's int64 is our int32).
import { describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";

/** values, dtype and shape, in the form the Python comments print. */
const L = (r: NDArray) => [r.toArray(), r.dtype, [...r.shape]];

describe("flip", () => {
  // a = np.arange(12.).reshape(3, 4)
  const a = () => np.arange(12, undefined, 1, { dtype: "float64" }).reshape(3, 4);

  it("reverses all axes, one axis, or a list, as views", () => {
    // np.flip(a); np.flip(a, axis=0); np.flip(a, axis=(-1,))
    expect(L(np.flip(a()))).toEqual([[[11, 10, 9, 8], [7, 6, 5, 4], [3, 2, 1, 0]], "float64", [3, 4]]);
    expect(L(np.flip(a(), { axis: 0 }))).toEqual([[[8, 9, 10, 11], [4, 5, 6, 7], [0, 1, 2, 3]], "float64", [3, 4]]);
    expect(L(np.flip(a(), { axis: [-1] }))).toEqual([[[3, 2, 1, 0], [7, 6, 5, 4], [11, 10, 9, 8]], "float64", [3, 4]]);
    const x = a();
    const f = np.flip(x, { axis: 1 });
    expect(f.data).toBe(x.data);
    x.set([0, 0], 100);
    expect(f.get(0, 3)).toBe(100);
  });

  it("works on transposed and stepped views", () => {
    // np.flip(a.T, axis=1); np.flip(a[:, ::2], axis=-1)
    expect(L(np.flip(a().T, { axis: 1 }))).toEqual([[[8, 4, 0], [9, 5, 1], [10, 6, 2], [11, 7, 3]], "float64", [4, 3]]);
    expect(L(np.flip(a().slice(":, ::2"), { axis: -1 }))).toEqual([[[2, 0], [6, 4], [10, 8]], "float64", [3, 2]]);
    expect(L(np.flip(np.zeros([0, 2]), { axis: 0 }))).toEqual([[], "float64", [0, 2]]);
  });

  it("rejects bad axes as NumPy does", () => {
    // np.flip(a, axis=2) -> AxisError: axis 2 is out of bounds for array of dimension 2
    expect(() => np.flip(a(), { axis: 2 })).toThrow("flip: axis 2 is out of bounds for array of dimension 2");
    expect(() => np.flip(a(), { axis: [0, 0] })).toThrow(np.ValueError);
  });
});

describe("roll", () => {
  // b = np.arange(10).reshape(2, 5)
  const b = () => np.arange(10).reshape(2, 5);

  it("rolls the flattened array, or along axes, with any shift", () => {
    // np.roll(b, 2); np.roll(b, -1, axis=1); np.roll(b, 7, axis=0); np.roll(b, 12, axis=-1)
    expect(L(np.roll(b(), 2))).toEqual([[[8, 9, 0, 1, 2], [3, 4, 5, 6, 7]], "int32", [2, 5]]);
    expect(L(np.roll(b(), -1, { axis: 1 }))).toEqual([[[1, 2, 3, 4, 0], [6, 7, 8, 9, 5]], "int32", [2, 5]]);
    expect(L(np.roll(b(), 7, { axis: 0 }))).toEqual([[[5, 6, 7, 8, 9], [0, 1, 2, 3, 4]], "int32", [2, 5]]);
    expect(L(np.roll(b(), 12, { axis: -1 }))).toEqual([[[3, 4, 0, 1, 2], [8, 9, 5, 6, 7]], "int32", [2, 5]]);
    // np.roll(b, (1, 2), axis=(0, 1)); np.roll(b, [1, 2], axis=1); np.roll(b.T, 1, axis=0)
    expect(L(np.roll(b(), [1, 2], { axis: [0, 1] }))).toEqual([[[8, 9, 5, 6, 7], [3, 4, 0, 1, 2]], "int32", [2, 5]]);
    expect(L(np.roll(b(), [1, 2], { axis: 1 }))).toEqual([[[2, 3, 4, 0, 1], [7, 8, 9, 5, 6]], "int32", [2, 5]]);
    expect(L(np.roll(b().T, 1, { axis: 0 }))).toEqual([[[4, 9], [0, 5], [1, 6], [2, 7], [3, 8]], "int32", [5, 2]]);
  });

  it("returns a copy even for a zero shift", () => {
    const x = b();
    const r = np.roll(x, 5, { axis: 1 });
    expect(r.data).not.toBe(x.data);
    expect(r.toArray()).toEqual(x.toArray());
    expect(L(np.roll(np.zeros([0, 3]), 2))).toEqual([[], "float64", [0, 3]]);
  });

  it("rejects bad axes and mismatched lists", () => {
    // np.roll(b, 1, axis=2) -> AxisError
    expect(() => np.roll(b(), 1, { axis: 2 })).toThrow("roll: axis 2 is out of bounds for array of dimension 2");
    // np.roll(b, [1, 2, 3], axis=[0, 1])
    expect(() => np.roll(b(), [1, 2, 3], { axis: [0, 1] })).toThrow("roll: shape mismatch: objects cannot be broadcast " +
      "to a single shape.  Mismatch is between arg 0 with shape (3,) and arg 1 with shape (2,).");
    expect(() => np.roll(b(), 1.5)).toThrow(np.ValueError);
  });
});

describe("diff", () => {
  // c = np.array([1, 4, 9, 16, 25], dtype=np.int32)
  const c = () => np.array([1, 4, 9, 16, 25], { dtype: "int32" });

  it("takes n-th differences and keeps the dtype", () => {
    // np.diff(c); np.diff(c, n=2); np.diff(c, n=4); np.diff(c, n=5); np.diff(c, n=7)
    expect(L(np.diff(c()))).toEqual([[3, 5, 7, 9], "int32", [4]]);
    expect(L(np.diff(c(), { n: 2 }))).toEqual([[2, 2, 2], "int32", [3]]);
    expect(L(np.diff(c(), { n: 4 }))).toEqual([[0], "int32", [1]]);
    expect(L(np.diff(c(), { n: 5 }))).toEqual([[], "int32", [0]]);
    expect(L(np.diff(c(), { n: 7 }))).toEqual([[], "int32", [0]]);
    // np.diff(np.float32([0.1, 0.7, 1.3]))
    expect(L(np.diff(np.array([0.1, 0.7, 1.3], { dtype: "float32" })))).toEqual([[0.5999999642372131, 0.5999999642372131], "float32", [2]]);
    // np.diff(np.int32([1, -2147483648])) wraps
    expect(np.diff(np.array([1, -2147483648], { dtype: "int32" })).toArray()).toEqual([2147483647]);
  });

  it("works along any axis, on views", () => {
    // m = np.array([[1., 5, 2], [8, 3, 9]]); np.diff(m, axis=0); np.diff(m); np.diff(m.T)
    const m = np.array([[1, 5, 2], [8, 3, 9]]);
    expect(L(np.diff(m, { axis: 0 }))).toEqual([[[7, -2, 7]], "float64", [1, 3]]);
    expect(L(np.diff(m, { axis: -1 }))).toEqual([[[4, -3], [-5, 6]], "float64", [2, 2]]);
    expect(L(np.diff(m.T))).toEqual([[[7], [-2], [7]], "float64", [3, 1]]);
  });

  it("uses != for bools, as NumPy", () => {
    // np.diff(np.array([True, False, False, True])); the same with n=2
    const t = np.array([true, false, false, true]);
    expect(L(np.diff(t))).toEqual([[true, false, true], "bool", [3]]);
    expect(L(np.diff(t, { n: 2 }))).toEqual([[true, true], "bool", [2]]);
  });

  it("n = 0 is a copy; errors as NumPy", () => {
    const x = c();
    const same = np.diff(x, { n: 0 });
    expect(same.data).not.toBe(x.data);
    expect(L(same)).toEqual(L(x));
    // np.diff(c, n=-1); np.diff(np.array(3)); np.diff(m, axis=2)
    expect(() => np.diff(x, { n: -1 })).toThrow("diff: order must be non-negative but got -1");
    expect(() => np.diff(np.array(3))).toThrow("diff: diff requires input that is at least one dimensional");
    expect(() => np.diff(np.zeros([2, 3]), { axis: 2 })).toThrow("diff: axis 2 is out of bounds for array of dimension 2");
  });
});

// x = np.array([[7., 1, 4, 10], [3, 8, 2, 6], [5, 9, 0, 11]])
const x = () => np.array([[7, 1, 4, 10], [3, 8, 2, 6], [5, 9, 0, 11]]);

describe("median", () => {
  it("reduces all axes, one axis, or a list, with keepdims", () => {
    // np.median(x); np.median(x, axis=0); np.median(x, axis=-1); np.median(x, axis=1, keepdims=True)
    expect(L(np.median(x()))).toEqual([5.5, "float64", []]);
    expect(L(np.median(x(), { axis: 0 }))).toEqual([[5, 8, 2, 10], "float64", [4]]);
    expect(L(np.median(x(), { axis: -1 }))).toEqual([[5.5, 4.5, 7], "float64", [3]]);
    expect(L(np.median(x(), { axis: 1, keepdims: true }))).toEqual([[[5.5], [4.5], [7]], "float64", [3, 1]]);
    // np.median(x, axis=(0, 1), keepdims=True)
    expect(L(np.median(x(), { axis: [0, 1], keepdims: true }))).toEqual([[[5.5]], "float64", [1, 1]]);
  });

  it("reads transposed and stepped views", () => {
    // np.median(x.T, axis=0); np.median(x[:, ::-2], axis=1)
    expect(L(np.median(x().T, { axis: 0 }))).toEqual([[5.5, 4.5, 7], "float64", [3]]);
    expect(L(np.median(x().slice(":, ::-2"), { axis: 1 }))).toEqual([[5.5, 7, 10], "float64", [3]]);
  });

  it("gives float64 for int and bool, float32 for float32", () => {
    // np.median(np.array([3, 1, 2, 8], dtype=np.int32)); np.median(np.float32([0.1, 0.2, 0.7, 1.3]));
    // np.median(np.array([True, False, True, True]))
    expect(L(np.median(np.array([3, 1, 2, 8], { dtype: "int32" })))).toEqual([2.5, "float64", []]);
    expect(L(np.median(np.array([0.1, 0.2, 0.7, 1.3], { dtype: "float32" })))).toEqual([0.44999998807907104, "float32", []]);
    expect(L(np.median(np.array([true, false, true, true])))).toEqual([1, "float64", []]);
  });

  it("propagates NaN per slice", () => {
    // np.median(np.array([[1, np.nan, 3], [4, 5, 6]]), axis=1); np.median(np.array([1, np.nan, 3]))
    expect(L(np.median(np.array([[1, NaN, 3], [4, 5, 6]]), { axis: 1 }))).toEqual([[NaN, 5], "float64", [2]]);
    expect(np.median(np.array([1, NaN, 3])).item()).toBeNaN();
  });

  it("empty input: an empty result is fine, an empty slice is an error (NumPy warns and gives NaN)", () => {
    // np.median(np.zeros((3, 0)), axis=0) -> array([], dtype=float64)
    expect(L(np.median(np.zeros([3, 0]), { axis: 0 }))).toEqual([[], "float64", [0]]);
    expect(() => np.median(np.zeros([0, 3]), { axis: 0 })).toThrow("median: median of an empty slice");
    expect(() => np.median(x(), { axis: 2 })).toThrow("median: axis 2 is out of bounds for array of dimension 2");
  });
});

describe("quantile and percentile", () => {
  it("interpolates linearly (NumPy's default method)", () => {
    // np.quantile(x, 0.3); np.quantile(x, [0.1, 0.5, 0.95], axis=0)
    expect(L(np.quantile(x(), 0.3))).toEqual([3.3, "float64", []]);
    expect(L(np.quantile(x(), [0.1, 0.5, 0.95], { axis: 0 }))).toEqual([[[3.4, 2.4000000000000004, 0.4, 6.8],
      [5, 8, 2, 10], [6.8, 8.9, 3.8, 10.9]], "float64", [3, 4]]);
    // np.quantile(x, 0.25, axis=-1, keepdims=True)
    expect(L(np.quantile(x(), 0.25, { axis: -1, keepdims: true }))).toEqual([[[3.25], [2.75], [3.75]], "float64", [3, 1]]);
    // np.quantile(x.T, [[0.2, 0.8]], axis=1): q's shape comes first
    expect(L(np.quantile(x().T, [[0.2, 0.8]], { axis: 1 }))).toEqual([[[[3.8, 3.8000000000000003, 0.8, 7.6],
      [6.2, 8.6, 3.2, 10.6]]], "float64", [1, 2, 4]]);
    // np.quantile(x, 0.5, axis=(0, 1)); np.quantile(x, [0.2], axis=(1, 0), keepdims=True)
    expect(L(np.quantile(x(), 0.5, { axis: [0, 1] }))).toEqual([5.5, "float64", []]);
    expect(L(np.quantile(x(), [0.2], { axis: [1, 0], keepdims: true }))).toEqual([[[[2.2]]], "float64", [1, 1, 1]]);
    // np.quantile(np.array(5.0), [0.1])
    expect(L(np.quantile(np.array(5), [0.1]))).toEqual([[5], "float64", [1]]);
  });

  it("int input gives float64; float32 input gives float64 too, as NumPy 1.24", () => {
    // np.quantile(np.arange(5, dtype=np.int32), [0, 0.5, 1.0, 0.33])
    expect(L(np.quantile(np.arange(5), [0, 0.5, 1.0, 0.33]))).toEqual([[0, 2, 4, 1.32], "float64", [4]]);
    // np.quantile(np.float32([0.1, 0.2, 0.7, 1.3]), 0.4)
    expect(L(np.quantile(np.array([0.1, 0.2, 0.7, 1.3], { dtype: "float32" }), 0.4))).toEqual([0.3000000029802323, "float64", []]);
    // np.quantile(np.float32([[0.1, 0.2], [0.7, 1.3]]), [0.4, 0.9], axis=0)
    expect(L(np.quantile(np.array([[0.1, 0.2], [0.7, 1.3]], { dtype: "float32" }), [0.4, 0.9], { axis: 0 }))).toEqual(
      [[[0.33999998718500135, 0.6399999648332596], [0.6399999916553497, 1.1899999618530273]], "float64", [2, 2]]);
  });

  it("percentile is quantile of q / 100", () => {
    // np.percentile(x, [25, 50, 75], axis=1); np.percentile(x, 33.3)
    expect(L(np.percentile(x(), [25, 50, 75], { axis: 1 }))).toEqual([[[3.25, 2.75, 3.75], [5.5, 4.5, 7],
      [7.75, 6.5, 9.5]], "float64", [3, 3]]);
    expect(L(np.percentile(x(), 33.3))).toEqual([3.6629999999999994, "float64", []]);
  });

  it("NaN and infinities as NumPy", () => {
    // np.quantile(np.array([[1, np.nan, 3], [4, 5, 6]]), 0.5, axis=1)
    expect(L(np.quantile(np.array([[1, NaN, 3], [4, 5, 6]]), 0.5, { axis: 1 }))).toEqual([[NaN, 5], "float64", [2]]);
    // np.quantile([1., np.inf], 1.0); np.quantile([0, 1, np.inf], 0.5); np.quantile([-np.inf, 1, 2], 0.25)
    expect(np.quantile([1, Infinity], 1.0).item()).toBeNaN();
    expect(np.quantile([0, 1, Infinity], 0.5).item()).toBeNaN();
    expect(np.quantile([-Infinity, 1, 2], 0.25).item()).toBe(-Infinity);
  });

  it("empty input and errors", () => {
    // np.quantile(np.zeros((3, 0)), 0.5, axis=0) -> array([], dtype=float64)
    expect(L(np.quantile(np.zeros([3, 0]), 0.5, { axis: 0 }))).toEqual([[], "float64", [0]]);
    // np.quantile(np.zeros((0, 3)), 0.5, axis=0) -> IndexError
    expect(() => np.quantile(np.zeros([0, 3]), 0.5, { axis: 0 })).toThrow("quantile: cannot do a non-empty take from an empty axes.");
    // np.quantile([1, 2], 1.5); np.quantile([1, 2], np.nan); np.percentile([1, 2], -1)
    expect(() => np.quantile([1, 2], 1.5)).toThrow("quantile: Quantiles must be in the range [0, 1]");
    expect(() => np.quantile([1, 2], NaN)).toThrow("quantile: Quantiles must be in the range [0, 1]");
    expect(() => np.percentile([1, 2], -1)).toThrow("percentile: Percentiles must be in the range [0, 100]");
    expect(() => np.percentile([1, 2], [50, 101])).toThrow("percentile: Percentiles must be in the range [0, 100]");
    // np.quantile(np.array([True, False]), 0.5) -> TypeError
    expect(() => np.quantile([true, false], 0.5)).toThrow("quantile: numpy boolean subtract, the `-` operator, is not supported");
    expect(() => np.quantile(x(), 0.5, { axis: -3 })).toThrow("quantile: axis -3 is out of bounds for array of dimension 2");
  });
});

describe("meshgrid", () => {
  // x = np.array([1., 2, 3]); y = np.array([10, 20], dtype=np.int32)
  const mx = () => np.array([1, 2, 3]);
  const my = () => np.array([10, 20], { dtype: "int32" });

  it("xy (default) and ij indexing", () => {
    // np.meshgrid(x, y)
    expect(np.meshgrid(mx(), my()).map(L)).toEqual([[[[1, 2, 3], [1, 2, 3]], "float64", [2, 3]],
      [[[10, 10, 10], [20, 20, 20]], "int32", [2, 3]]]);
    // np.meshgrid(x, y, indexing="ij")
    expect(np.meshgrid(mx(), my(), { indexing: "ij" }).map(L)).toEqual([[[[1, 1], [2, 2], [3, 3]], "float64", [3, 2]],
      [[[10, 20], [10, 20], [10, 20]], "int32", [3, 2]]]);
  });

  it("three inputs, sparse, one input, flattened 2-D input", () => {
    // np.meshgrid(x, y, [7., 8], indexing="xy")
    expect(np.meshgrid(mx(), my(), [7, 8], { indexing: "xy" }).map(L)).toEqual([
      [[[[1, 1], [2, 2], [3, 3]], [[1, 1], [2, 2], [3, 3]]], "float64", [2, 3, 2]],
      [[[[10, 10], [10, 10], [10, 10]], [[20, 20], [20, 20], [20, 20]]], "int32", [2, 3, 2]],
      [[[[7, 8], [7, 8], [7, 8]], [[7, 8], [7, 8], [7, 8]]], "float64", [2, 3, 2]]]);
    // np.meshgrid(x, y, sparse=True)
    expect(np.meshgrid(mx(), my(), { sparse: true }).map(L)).toEqual([[[[1, 2, 3]], "float64", [1, 3]],
      [[[10], [20]], "int32", [2, 1]]]);
    // np.meshgrid(x); np.meshgrid(np.array([[1., 2], [3, 4]]), y)
    expect(np.meshgrid(mx()).map(L)).toEqual([[[1, 2, 3], "float64", [3]]]);
    expect(np.meshgrid(np.array([[1, 2], [3, 4]]), my()).map(L)).toEqual([[[[1, 2, 3, 4], [1, 2, 3, 4]], "float64", [2, 4]],
      [[[10, 10, 10, 10], [20, 20, 20, 20]], "int32", [2, 4]]]);
    expect(np.meshgrid()).toEqual([]);
  });

  it("returns copies and checks indexing", () => {
    const a = mx();
    const [g] = np.meshgrid(a, my());
    g.set([0, 0], 99);
    expect(a.toArray()).toEqual([1, 2, 3]);
    // np.meshgrid([1, 2], indexing="ab")
    expect(() => np.meshgrid([1, 2], { indexing: "ab" as "xy" })).toThrow("meshgrid: Valid values for `indexing` are 'xy' and 'ij'.");
  });
});

describe("pad", () => {
  // a = np.arange(1, 7, dtype=np.int32).reshape(2, 3)
  const a = () => np.arange(1, 7).reshape(2, 3);

  it("constant mode with NumPy's pad_width forms", () => {
    // np.pad(a, 1); np.pad(a, (1, 2))
    expect(L(np.pad(a(), 1))).toEqual([[[0, 0, 0, 0, 0], [0, 1, 2, 3, 0], [0, 4, 5, 6, 0], [0, 0, 0, 0, 0]], "int32", [4, 5]]);
    expect(L(np.pad(a(), [1, 2]))).toEqual([[[0, 0, 0, 0, 0, 0], [0, 1, 2, 3, 0, 0], [0, 4, 5, 6, 0, 0],
      [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]], "int32", [5, 6]]);
    // np.pad(a, ((0, 1), (2, 0)), constant_values=9); np.pad(a, [[1], [0]])
    expect(L(np.pad(a(), [[0, 1], [2, 0]], { constantValues: 9 }))).toEqual([[[9, 9, 1, 2, 3], [9, 9, 4, 5, 6],
      [9, 9, 9, 9, 9]], "int32", [3, 5]]);
    expect(L(np.pad(a(), [[1], [0]]))).toEqual([[[0, 0, 0], [1, 2, 3], [4, 5, 6], [0, 0, 0]], "int32", [4, 3]]);
  });

  it("per-axis constants: the later axis fills the corners", () => {
    // np.pad(a, 1, constant_values=((7, 8), (-1, -2)))
    expect(L(np.pad(a(), 1, { constantValues: [[7, 8], [-1, -2]] }))).toEqual([[[-1, 7, 7, 7, -2], [-1, 1, 2, 3, -2],
      [-1, 4, 5, 6, -2], [-1, 8, 8, 8, -2]], "int32", [4, 5]]);
    // np.pad(np.array([1.5, 2]), 2, constant_values=np.nan)
    expect(L(np.pad(np.array([1.5, 2]), 2, { constantValues: NaN }))).toEqual([[NaN, NaN, 1.5, 2, NaN, NaN], "float64", [6]]);
    // np.pad(a.astype(np.int32), 1, constant_values=1.7): cast to the dtype
    expect(np.pad(a(), 1, { constantValues: 1.7 }).get(0, 0)).toBe(1);
    // np.pad(np.array([True, False]), 1, constant_values=1); np.pad(np.float32([0.1]), 1, constant_values=0.1)
    expect(L(np.pad(np.array([true, false]), 1, { constantValues: 1 }))).toEqual([[true, true, false, true], "bool", [4]]);
    expect(L(np.pad(np.array([0.1], { dtype: "float32" }), 1, { constantValues: 0.1 }))).toEqual(
      [[0.10000000149011612, 0.10000000149011612, 0.10000000149011612], "float32", [3]]);
  });

  it("edge mode, views, 0-d and empty arrays", () => {
    // np.pad(a.T, (1, 0), mode="edge"); np.pad(a, ((1, 2), (0, 1)), mode="edge")
    expect(L(np.pad(a().T, [1, 0], { mode: "edge" }))).toEqual([[[1, 1, 4], [1, 1, 4], [2, 2, 5], [3, 3, 6]], "int32", [4, 3]]);
    expect(L(np.pad(a(), [[1, 2], [0, 1]], { mode: "edge" }))).toEqual([[[1, 2, 3, 3], [1, 2, 3, 3], [4, 5, 6, 6],
      [4, 5, 6, 6], [4, 5, 6, 6]], "int32", [5, 4]]);
    // np.pad(np.array(5), 1); np.pad(np.zeros((0, 2)), 1)
    expect(L(np.pad(np.array(5), 1))).toEqual([5, "float64", []]);
    expect(L(np.pad(np.zeros([0, 2]), 1))).toEqual([[[0, 0, 0, 0], [0, 0, 0, 0]], "float64", [2, 4]]);
    // the result is a copy
    const src = a();
    const p = np.pad(src, 0);
    expect(p.data).not.toBe(src.data);
  });

  it("errors as NumPy", () => {
    // np.pad(a, [1, 2, 3])
    expect(() => np.pad(a(), [1, 2, 3])).toThrow("pad: operands could not be broadcast together with remapped shapes " +
      "[original->remapped]: (3,)  and requested shape (2,2)");
    // np.pad(a, -1); np.pad(a, 1.5)
    expect(() => np.pad(a(), -1)).toThrow("pad: index can't contain negative values");
    expect(() => np.pad(a(), 1.5)).toThrow("pad: `pad_width` must be of integral type.");
    // np.pad(a, 1, constant_values=[1, 2, 3])
    expect(() => np.pad(a(), 1, { constantValues: [1, 2, 3] })).toThrow("remapped shapes [original->remapped]: (3,)");
    // np.pad(np.zeros((0, 2)), 1, mode="edge")
    expect(() => np.pad(np.zeros([0, 2]), 1, { mode: "edge" })).toThrow(
      "pad: can't extend empty axis 0 using modes other than 'constant' or 'empty'");
    // np.pad(a, 1, mode="reflectx") -> ValueError: mode 'reflectx' is not supported ("reflect" is NumPy's, not ours yet)
    expect(() => np.pad(a(), 1, { mode: "reflect" as "edge" })).toThrow("pad: mode 'reflect' is not supported");
    // np.pad(a, 1, mode="edge", constant_values=0)
    expect(() => np.pad(a(), 1, { mode: "edge", constantValues: 0 })).toThrow(
      "pad: unsupported keyword arguments for mode 'edge': {'constant_values'}");
  });
});

describe("edge cases found in review", () => {
  it("roll by shifts past 2^53 is exact: NumPy np.roll(np.arange(5), 2**60) → [4 0 1 2 3]", () => {
    expect(np.roll(np.arange(5), 2 ** 60).toArray()).toEqual([4, 0, 1, 2, 3]);
    // np.roll(np.arange(6).reshape(2, 3), 2**54, axis=1) → [[2, 0, 1], [5, 3, 4]]
    expect(np.roll(np.arange(6).reshape(2, 3), 2 ** 54, { axis: 1 }).toArray()).toEqual([[2, 0, 1], [5, 3, 4]]);
    // np.roll(np.arange(5), 10**16 + 2) → [3 4 0 1 2]
    expect(np.roll(np.arange(5), 1e16 + 2).toArray()).toEqual([3, 4, 0, 1, 2]);
  });

  it("pad refuses a NaN constant for int32, as NumPy's 'cannot convert float NaN to integer'", () => {
    expect(() => np.pad(np.array([1, 2], { dtype: "int32" }), 1, { constantValues: NaN })).toThrow(/cannot convert float NaN to integer/);
    expect(np.pad(np.array([1, 2]), 1, { constantValues: NaN }).toArray()).toEqual([NaN, 1, 2, NaN]);
  });
});
