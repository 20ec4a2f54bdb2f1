// Places where a learner comparing with NumPy 1.24 would see a difference: the bits of sums, float32
// arithmetic in reductions, integer overflow, bools from bytes, read-only broadcasts, writes that
// NumPy refuses, ties of signed zeros. Every expected value is NumPy's (the command is given).
import { describe, expect, it } from "vitest";
import { np } from "../../lib/index";

// k = np.arange(1000.); a = ((k * 7919) % 1000) / 7 - 50 + k / 3 * 1e-9
const values = Array.from({ length: 1000 }, (_, k) => ((k * 7919) % 1000) / 7 - 50 + (k / 3) * 1e-9);

describe("sums have NumPy's bits (its pairwise summation, step for step)", () => {
  it("float64: a.sum(), a.mean(), a.reshape(4, 250).sum(axis=1)", () => {
    const a = np.array(values);
    expect(a.sum().item()).toBe(21357.143023642857);
    expect(a.mean().item()).toBe(21.357143023642855);
    expect(a.reshape(4, 250).sum({ axis: 1 }).toArray()).toEqual([5339.285724660715, 5410.714316922618, 5339.285766327381, 5267.857215732142]);
  });

  it("float32 sums and means are computed in float32: f = a.astype(np.float32)", () => {
    const f = np.array(values, { dtype: "float32" });
    expect(f.sum().item()).toBe(21357.142578125);
    expect(f.mean().item()).toBe(21.35714340209961);
    // f[:185].reshape(37, 5).sum(axis=0): rows added in float32
    expect(f.slice(":185").reshape(37, 5).sum({ axis: 0 }).toArray())
      .toEqual([759.9999389648438, 760.4285278320312, 760.8571166992188, 761.2857055664062, 761.7142333984375]);
  });

  it("float32 running sums and products stay in float32: cumsum [1e8, 1, -1e8], prod overflows to inf", () => {
    expect(np.array([1e8, 1, -1e8], { dtype: "float32" }).cumsum().toArray()).toEqual([1e8, 1e8, 0]);
    expect(np.array([1e8, 1, -1e8], { dtype: "float32" }).sum().item()).toBe(0);
    expect(np.array([1e20, 1e20, 1e-20], { dtype: "float32" }).prod().item()).toBe(Infinity);
    expect(np.array([1.1, 2.2, 3.3, 4.4, 5.5], { dtype: "float32" }).prod().item()).toBe(193.26119995117188);
  });

  it("a sum of negative zeros is +0, as NumPy starts from 0", () => {
    expect(Object.is(np.array([-0]).sum().item(), 0)).toBe(true);
    expect(Object.is(np.array(Array(9).fill(-0)).sum().item(), 0)).toBe(true);
  });
});

describe("integers", () => {
  it("linalg.norm of int32 works in float64: norm([50000, 50000]), norm(arange(100000))", () => {
    expect(np.linalg.norm(np.array([50000, 50000], { dtype: "int32" })).item()).toBe(70710.67811865476);
    expect(np.linalg.norm(np.arange(100000)).item()).toBe(18257281.652809106);
    expect(np.linalg.norm(np.array([3, 4], { dtype: "float32" })).dtype).toBe("float32");
  });

  it("square of int32 wraps as NumPy's does: [2147483647, 65536, 46341, -7] → [1, 0, -2147479015, 49]", () => {
    expect(np.square(np.array([2147483647, 65536, 46341, -7], { dtype: "int32" })).toArray()).toEqual([1, 0, -2147479015, 49]);
  });

  it("refuses NaN and infinity written into an int32 array, as NumPy's setitem does", () => {
    expect(() => np.arange(3).set([0], NaN)).toThrow(/cannot convert float NaN to integer/);
    expect(() => np.arange(3).set([0], Infinity)).toThrow(/cannot convert float infinity to integer/);
    expect(() => np.arange(3).fill(-Infinity)).toThrow(/-infinity/);
    expect(np.arange(3).set([0], 2.7).toArray()).toEqual([2, 1, 2]); // truncated, as in NumPy
  });
});

describe("bools, broadcasts, ties", () => {
  it("a Uint8Array becomes a bool array of 0s and 1s: sum counts trues", () => {
    const m = np.array(new Uint8Array([0, 2, 255]));
    expect(m.dtype).toBe("bool");
    expect(m.sum().item()).toBe(2);
    expect(m.equal(true).toArray()).toEqual([false, true, true]);
    expect(np.unique(m).toArray()).toEqual([false, true]);
  });

  it("a broadcast view is read-only, and the source stays as it was", () => {
    const src = np.array([1, 2]);
    const view = np.broadcastTo(src, [3, 2]);
    expect(() => view.set([0, 0], 9)).toThrow(/assignment destination is read-only/);
    expect(() => view.fill(0)).toThrow(/read-only/);
    expect(src.toArray()).toEqual([1, 2]);
    expect(view.copy().set([0, 0], 9).toArray()).toEqual([[9, 2], [1, 2], [1, 2]]);
  });

  it("max and min of equal signed zeros give the later one: max([-0, 0]) is 0, min([0, -0]) is -0", () => {
    expect(Object.is(np.array([-0, 0]).max().item(), 0)).toBe(true);
    expect(Object.is(np.array([0, -0]).min().item(), -0)).toBe(true);
    expect(np.array([NaN, 1]).max().item()).toBeNaN();
    expect(np.array([1, NaN, 2]).min().item()).toBeNaN();
  });
});

describe("asserts take a single desired value, as numpy.testing does", () => {
  it("assertAllClose(x, 1) and assertArrayEqual(zeros, 0) compare every element", () => {
    np.assertAllClose([1, 1], 1);
    np.assertArrayEqual(np.zeros([2, 2]), 0);
    expect(() => np.assertAllClose([1, 2], 1)).toThrow(/Mismatched elements: 1 \/ 2/);
  });

  it("but a single actual value against an array is a shape mismatch (a checker is not fooled by a scalar)", () => {
    expect(() => np.assertAllClose(3, [3, 3])).toThrow(/shapes \(\), \(2,\) mismatch/);
  });

  it("isclose names itself when shapes do not broadcast", () => {
    expect(() => np.isclose(np.zeros([2]), np.zeros([3]))).toThrow(/^isclose: /);
  });
});

describe("messages and inputs as NumPy words and takes them", () => {
  it("item(i) on a 1-d array names item and the size", () => {
    expect(() => np.arange(10).item(10)).toThrow(/^item: index 10 is out of bounds for size 10/);
    expect(np.arange(10).item(-1)).toBe(9);
  });

  it("a MemoryError says the size in NumPy's units and the shape as a tuple", () => {
    // NumPy: Unable to allocate 7.28 TiB for an array with shape (1000000, 1000000) and data type float64
    expect(() => np.zeros([1e6, 1e6])).toThrow("Unable to allocate 7.28 TiB for an array with shape (1000000, 1000000) and data type float64");
  });

  it("split refuses fractional indices; concatenate takes a 2-d array as its rows", () => {
    expect(() => np.split(np.arange(5), [1.5])).toThrow(/split indices must be integers, got 1.5/);
    // NumPy: np.concatenate(np.array([[1, 2], [3, 4]])) → [1, 2, 3, 4]
    expect(np.concatenate(np.array([[1, 2], [3, 4]]) as never).toArray()).toEqual([1, 2, 3, 4]);
  });
});

describe("0-d arrays along an axis", () => {
  it("sort has no axis -1 to sort along; argsort and the flattened forms give one element", () => {
    // NumPy: np.sort(np.array(5.)) raises AxisError; np.argsort(np.array(5.)) → [0]; np.cumsum(np.array(5.)) → [5.]
    expect(() => np.sort(np.array(5))).toThrow(/axis -1 is out of bounds for array of dimension 0/);
    expect(np.argsort(np.array(5)).toArray()).toEqual([0]);
    expect(np.sort(np.array(5), { axis: null }).toArray()).toEqual([5]);
    expect(np.cumsum(np.array(5)).toArray()).toEqual([5]);
  });
});

describe("round", () => {
  it("float32 rounds in float32, as NumPy: round(float32 [2.675, 1.005, 0.125, 123.456, -2.5], 2) and to hundreds", () => {
    // NumPy: np.round(np.array([2.675, 1.005, 0.125, 123.456, -2.5], dtype=np.float32), 2)
    const r = np.round(np.array([2.675, 1.005, 0.125, 123.456, -2.5], { dtype: "float32" }), 2);
    expect(r.toArray()).toEqual([2.68, 1, 0.12, 123.46, -2.5].map(Math.fround));
    expect(np.round(np.array([1234.5, 1250, 1350], { dtype: "float32" }), -2).toArray()).toEqual([1200, 1200, 1400]);
    expect(np.round(np.array([2.675]), 2).toArray()).toEqual([2.68]); // NumPy too: 2.675 · 100 is 267.5 in float64 (Python's round says 2.67)
  });
});
