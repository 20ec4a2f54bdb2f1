// The low-level NDArray constructor: views over a buffer, checked so nothing reads out of bounds.
import { describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";

describe("new NDArray(data, shape, strides, offset)", () => {
  it("wraps a buffer without copying, C-order strides by default", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const x = new NDArray(data, [2, 3]);
    expect(x.strides).toEqual([3, 1]);
    expect(x.get(1, 2)).toBe(6);
    data[5] = 60;
    expect(x.get(1, 2)).toBe(60);
  });

  it("reads custom strides and offsets, including negative strides", () => {
    const data = new Int32Array([0, 1, 2, 3, 4, 5]);
    const reversed = new NDArray(data, [3], [-2], 5);
    expect(reversed.toArray()).toEqual([5, 3, 1]);
    expect(reversed.dtype).toBe("int32");
  });

  it("refuses layouts that reach outside the buffer", () => {
    const data = new Float64Array(6);
    expect(() => new NDArray(data, [2, 4])).toThrow(/reaches outside a buffer of 6 elements/);
    expect(() => new NDArray(data, [3], [-1], 1)).toThrow(np.ValueError);
    expect(() => new NDArray(data, [2, 3], [3])).toThrow(/strides \(3,\) do not match shape \(2,3\)/);
    expect(() => new NDArray(data, [-1])).toThrow(/invalid shape/);
    expect(() => new NDArray(data, [2], undefined, 0, "int32")).toThrow(/Float64Array cannot hold dtype int32/);
  });

  it("allows empty arrays anywhere", () => {
    const x = new NDArray(new Float64Array(0), [0, 5]);
    expect(x.size).toBe(0);
    expect(x.sum({ axis: 0 }).toArray()).toEqual([0, 0, 0, 0, 0]);
  });

  it("ndim, size, T and isContiguous", () => {
    const x = np.zeros([2, 3, 4]);
    expect([x.ndim, x.size]).toEqual([3, 24]);
    expect(x.T.shape).toEqual([4, 3, 2]);
    expect(x.isContiguous).toBe(true);
    expect(x.T.isContiguous).toBe(false);
    expect(x.slice(":, 1").isContiguous).toBe(false);
    expect(x.slice("1").isContiguous).toBe(true);
  });
});
