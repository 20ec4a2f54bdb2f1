// The specialized elementwise loops (lib/ndarray/loops.ts) and the in-place leading-axis sums give
// the values of a plain per-element reference on every layout: packed, one broadcast value, row
// and column broadcasts, transposed, stepped and reversed views, size-0 and 0-d arrays.
import { describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";

/** Reference: out[i] = f(a[i], b[i]) over values read one by one with get(). */
function reference(a: NDArray, b: NDArray, f: (x: number, y: number) => number): number[] {
  const shape = np.broadcastShapes("reference", a.shape, b.shape);
  const A = a.broadcastTo(shape).toArray(), B = b.broadcastTo(shape).toArray();
  const flat = (v: any): number[] => (Array.isArray(v) ? v.flatMap(flat) : [Number(v)]);
  const xs = flat(A), ys = flat(B);
  return xs.map((x, i) => f(x, ys[i]));
}

describe("specialized elementwise loops", () => {
  np.random.seed(0);
  const m = np.random.randn(6, 5);
  const layouts: [string, NDArray, NDArray][] = [
    ["packed (6,5) + (6,5)", m, np.random.randn(6, 5)],
    ["(6,5) + scalar", m, np.array(2.5)],
    ["scalar + (6,5)", np.array(-1.5), m],
    ["row broadcast (6,5) + (5,)", m, np.random.randn(5)],
    ["column broadcast (6,5) + (6,1)", m, np.random.randn(6, 1)],
    ["column broadcast on the left (6,1) + (6,5)", np.random.randn(6, 1), m],
    ["row broadcast on the left (5,) + (6,5)", np.random.randn(5), m],
    ["rows of 11: four at a time and a remainder (3,11) + (11,)", np.random.randn(3, 11), np.random.randn(11)],
    ["packed, 4k + 3 values (7,) + (7,)", np.random.randn(7), np.random.randn(7)],
    ["transposed (5,6) + (5,6)", m.T, np.random.randn(5, 6)],
    ["stepped and reversed", m.slice("::-2, 1::2"), np.random.randn(3, 2)],
    ["3-d outer broadcast (2,1,5) + (3,5)", np.random.randn(2, 1, 5), np.random.randn(3, 5)],
    ["size 0", np.zeros([0, 5]), np.random.randn(5)],
  ];
  for (const [name, a, b] of layouts) {
    it(name, () => {
      expect(np.add(a, b).reshape(-1).toArray()).toEqual(reference(a, b, (x, y) => x + y));
      expect(np.multiply(a, b).reshape(-1).toArray()).toEqual(reference(a, b, (x, y) => x * y));
      expect(np.greater(a, b).reshape(-1).toArray()).toEqual(reference(a, b, (x, y) => x > y ? 1 : 0).map(Boolean));
      expect(np.maximum(a, b).reshape(-1).toArray()).toEqual(reference(a, b, Math.max));
      expect(np.exp(a).reshape(-1).toArray()).toEqual(reference(a, a, (x) => Math.exp(x)));
    });
  }

  it("0-d operands and dtypes: int32 wraps, float32 rounds, bool counts", () => {
    expect(np.add(np.array(1), np.array(2)).item()).toBe(3);
    const big = np.array([2147483647], { dtype: "int32" });
    expect(np.add(big, 1).toArray()).toEqual([-2147483648]);
    expect(np.multiply(big, big).toArray()).toEqual([1]);
    expect(np.add(np.array([0.1], { dtype: "float32" }), 0.2).toArray()).toEqual([Math.fround(Math.fround(0.1) + Math.fround(0.2))]);
    expect(np.add(np.array([true, true]), np.array([true, false])).toArray()).toEqual([2, 1]);
  });
});

describe("sums over leading axes read in place", () => {
  it("a float64 sum over axis 0 has NumPy's bits (rows added in order, as NumPy adds them)", () => {
    // NumPy 1.24: i = np.arange(185.).reshape(37, 5); a = (i * 7919 % 1000) / 7 - 50 + i / 3 * 1e-9;
    // a.sum(axis=0). Summing the columns pairwise instead gives 760.0000011100001 first.
    const a = np.array(Array.from({ length: 185 }, (_, k) => ((k * 7919) % 1000) / 7 - 50 + (k / 3) * 1e-9)).reshape(37, 5);
    expect(a.sum({ axis: 0 }).toArray()).toEqual([760.0000011099999, 760.4285725509047, 760.8571439918096, 761.2857154327144, 761.7142868736191]);
  });

  it("axis 0, axes (0, 1), keepdims and mean agree with the pairwise path on a copy", () => {
    np.random.seed(1);
    const x = np.random.randn(7, 4, 3);
    const viaTranspose = (axes: number[]) => x.transpose([...[0, 1, 2].filter((a) => !axes.includes(a)), ...axes]).copy();
    np.assertAllClose(x.sum({ axis: 0 }), viaTranspose([0]).sum({ axis: -1 }), { rtol: 1e-13 });
    np.assertAllClose(x.sum({ axis: [0, 1] }), viaTranspose([0, 1]).sum({ axis: [-2, -1] }), { rtol: 1e-13 });
    expect(x.sum({ axis: 0, keepdims: true }).shape).toEqual([1, 4, 3]);
    np.assertAllClose(x.mean({ axis: 0 }), viaTranspose([0]).mean({ axis: -1 }), { rtol: 1e-13 });
    const f32 = x.astype("float32");
    expect(f32.sum({ axis: 0 }).dtype).toBe("float32");
    np.assertAllClose(f32.sum({ axis: 0 }), x.sum({ axis: 0 }), { rtol: 1e-5, atol: 1e-5 });
    // a view with an offset, still packed
    np.assertAllClose(x.slice("2:").sum({ axis: 0 }), x.slice("2:").copy().transpose([1, 2, 0]).sum({ axis: -1 }), { rtol: 1e-13 });
  });
});
