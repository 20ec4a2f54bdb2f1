import { describe, expect, it } from "vitest";
import { formatArray, formatArrayStr, type FormatDType } from "../../lib/ndarray/format";
import { decodeNumber, type EncodedArray, loadFixture } from "../helpers/fixtures";

interface ReprCase {
  name: string;
  values: EncodedArray;
  repr: string;
  str: string;
}

const cases = loadFixture<ReprCase[]>("repr_cases");

function decode(c: ReprCase): { values: number[]; shape: number[]; dtype: FormatDType } {
  return { values: c.values.data.map(decodeNumber), shape: c.values.shape, dtype: c.values.dtype as FormatDType };
}

describe("formatArray matches NumPy 1.24 repr()", () => {
  it("has a broad fixture", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const { values, shape, dtype } = decode(c);
    expect(formatArray(values, shape, dtype)).toBe(c.repr);
  });
});

describe("formatArrayStr matches NumPy 1.24 str()", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const { values, shape, dtype } = decode(c);
    expect(formatArrayStr(values, shape, dtype)).toBe(c.str);
  });
});

describe("formatArray: explicit examples", () => {
  it("floats", () => {
    expect(formatArray([1, 2, 3, 4], [2, 2], "float64")).toBe("array([[1., 2.],\n       [3., 4.]])");
    expect(formatArray([0.5, 0.25], [2], "float64")).toBe("array([0.5 , 0.25])");
    expect(formatArray([0.5, 0.25, NaN, -1], [4], "float64")).toBe("array([ 0.5 ,  0.25,   nan, -1.  ])");
    expect(formatArray([1.5e-5, 1], [2], "float64")).toBe("array([1.5e-05, 1.0e+00])");
    expect(formatArray([5], [], "float64")).toBe("array(5.)");
    expect(formatArray([1, 2], [2], "float32")).toBe("array([1., 2.], dtype=float32)");
  });

  it("float32 uses float32's shortest digits", () => {
    expect(formatArray(new Float32Array([0.1, 0.2]), [2], "float32")).toBe("array([0.1, 0.2], dtype=float32)");
    expect(formatArrayStr(new Float32Array([0.1]), [], "float32")).toBe("0.1");
  });

  it("ints and bools", () => {
    expect(formatArray([1, 2, 3], [3], "int32")).toBe("array([1, 2, 3], dtype=int32)");
    expect(formatArray([1, 0], [2], "bool")).toBe("array([ True, False])");
    expect(formatArray([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2], "int32")).toBe(
      "array([[[1, 2],\n        [3, 4]],\n\n       [[5, 6],\n        [7, 8]]], dtype=int32)");
  });

  it("empty arrays", () => {
    expect(formatArray([], [0], "float64")).toBe("array([], dtype=float64)");
    expect(formatArray([], [0, 3], "float64")).toBe("array([], shape=(0, 3), dtype=float64)");
    expect(formatArrayStr([], [0, 3], "float64")).toBe("[]");
  });

  it("str of a matrix", () => {
    expect(formatArrayStr([1, 2, 3, 4], [2, 2], "float64")).toBe("[[1. 2.]\n [3. 4.]]");
  });

  it("rejects values that do not fill the shape", () => {
    expect(() => formatArray([1, 2, 3], [2, 2], "float64")).toThrow(RangeError);
  });
});

describe("formatArray: summarized 1000x1000 arrays", () => {
  /** An ArrayLike over i -> f(i) that records which indices were read. */
  function tracked(n: number, f: (i: number) => number): { values: ArrayLike<number>; reads: Set<number> } {
    const reads = new Set<number>();
    const values = new Proxy({ length: n } as ArrayLike<number>, {
      get(target, key) {
        if (typeof key === "string" && /^\d+$/.test(key)) {
          reads.add(Number(key));
          return f(Number(key));
        }
        return Reflect.get(target, key);
      },
    });
    return { values, reads };
  }

  it("np.arange(1e6).reshape(1000, 1000), reading only the printed corners", () => {
    const { values, reads } = tracked(1e6, (i) => i);
    expect(formatArray(values, [1000, 1000], "float64")).toBe(
      "array([[0.00000e+00, 1.00000e+00, 2.00000e+00, ..., 9.97000e+02,\n" +
      "        9.98000e+02, 9.99000e+02],\n" +
      "       [1.00000e+03, 1.00100e+03, 1.00200e+03, ..., 1.99700e+03,\n" +
      "        1.99800e+03, 1.99900e+03],\n" +
      "       [2.00000e+03, 2.00100e+03, 2.00200e+03, ..., 2.99700e+03,\n" +
      "        2.99800e+03, 2.99900e+03],\n" +
      "       ...,\n" +
      "       [9.97000e+05, 9.97001e+05, 9.97002e+05, ..., 9.97997e+05,\n" +
      "        9.97998e+05, 9.97999e+05],\n" +
      "       [9.98000e+05, 9.98001e+05, 9.98002e+05, ..., 9.98997e+05,\n" +
      "        9.98998e+05, 9.98999e+05],\n" +
      "       [9.99000e+05, 9.99001e+05, 9.99002e+05, ..., 9.99997e+05,\n" +
      "        9.99998e+05, 9.99999e+05]])");
    expect(reads.size).toBe(36);
  });

  it("np.arange(1e6, dtype=float32).reshape(1000, 1000) / 3", () => {
    const { values, reads } = tracked(1e6, (i) => Math.fround(i / 3));
    expect(formatArray(values, [1000, 1000], "float32")).toBe(
      "array([[0.0000000e+00, 3.3333334e-01, 6.6666669e-01, ..., 3.3233334e+02,\n" +
      "        3.3266666e+02, 3.3300000e+02],\n" +
      "       [3.3333334e+02, 3.3366666e+02, 3.3400000e+02, ..., 6.6566669e+02,\n" +
      "        6.6600000e+02, 6.6633331e+02],\n" +
      "       [6.6666669e+02, 6.6700000e+02, 6.6733331e+02, ..., 9.9900000e+02,\n" +
      "        9.9933331e+02, 9.9966669e+02],\n" +
      "       ...,\n" +
      "       [3.3233334e+05, 3.3233366e+05, 3.3233400e+05, ..., 3.3266566e+05,\n" +
      "        3.3266600e+05, 3.3266634e+05],\n" +
      "       [3.3266666e+05, 3.3266700e+05, 3.3266734e+05, ..., 3.3299900e+05,\n" +
      "        3.3299934e+05, 3.3299966e+05],\n" +
      "       [3.3300000e+05, 3.3300034e+05, 3.3300066e+05, ..., 3.3333234e+05,\n" +
      "        3.3333266e+05, 3.3333300e+05]], dtype=float32)");
    expect(reads.size).toBe(36);
  });
});
