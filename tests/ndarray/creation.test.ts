// Array creation: np.array from nested arrays / typed arrays / NDArrays, the filled constructors,
// eye/identity, and arange/linspace against NumPy's own values (tests/fixtures/creation_cases.json,
// written by scripts/numpy_fixtures/creation_cases.py).
import { describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";
import { EncodedArray, loadFixture } from "../helpers/fixtures";
import { expectNumPy, thrown } from "../helpers/numpy";

interface ArangeCase { args: number[]; expected: EncodedArray }
interface LinspaceCase {
  start: number; stop: number; num: number; endpoint: boolean; dtype?: "int32" | "float32"; expected: EncodedArray;
}
const fx = loadFixture<{
  arange: ArangeCase[];
  linspace: LinspaceCase[];
  astype: { values: number[]; int32: EncodedArray; float32: EncodedArray; bool: EncodedArray };
}>("creation_cases");


describe("np.array from nested arrays", () => {
  it("0-d: a number gives a float64 scalar array, a boolean a bool one", () => {
    const x = np.array(5);
    expect(x.shape).toEqual([]);
    expect(x.ndim).toBe(0);
    expect(x.dtype).toBe("float64");
    expect(x.item()).toBe(5);
    const b = np.array(true);
    expect(b.dtype).toBe("bool");
    expect(b.toArray()).toBe(true);
  });

  it("1-d to 4-d keep their nesting as the shape, values in C order", () => {
    expect(np.array([1, 2, 3]).shape).toEqual([3]);
    const m = np.array([[1, 2, 3], [4, 5, 6]]);
    expect(m.shape).toEqual([2, 3]);
    expect(m.strides).toEqual([3, 1]);
    expect(m.get(1, 0)).toBe(4);
    const t = np.array([[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 10], [11, 12]]]);
    expect(t.shape).toEqual([3, 2, 2]);
    expect(Array.from(t.toTypedArray())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(t.get(2, 0, 1)).toBe(10);
    const q = np.array([[[[1], [2]]], [[[3], [4]]]]);
    expect(q.shape).toEqual([2, 1, 2, 1]);
    expect(q.get(1, 0, 1, 0)).toBe(4);
    expect(q.toArray()).toEqual([[[[1], [2]]], [[[3], [4]]]]);
  });

  it("numbers give float64 (JS has no int/float distinction), booleans give bool", () => {
    expect(np.array([1, 2]).dtype).toBe("float64");
    expect(np.array([1.5, -2]).data).toBeInstanceOf(Float64Array);
    const b = np.array([[true, false], [false, true]]);
    expect(b.dtype).toBe("bool");
    expect(b.toArray()).toEqual([[true, false], [false, true]]);
    expect(np.array([true, 2]).dtype).toBe("float64"); // mixed: like NumPy's [True, 2.0] -> float
    expect(Array.from(np.array([true, 2]).toTypedArray())).toEqual([1, 2]);
  });

  it("empty nestings keep their shape", () => {
    expect(np.array([]).shape).toEqual([0]);
    expect(np.array([]).dtype).toBe("float64");
    expect(np.array([[], [], []]).shape).toEqual([3, 0]);
  });

  it("{dtype} converts like NumPy's astype (values from NumPy)", () => {
    const { values } = fx.astype;
    expectNumPy(np.array(values, { dtype: "int32" }), fx.astype.int32);
    expectNumPy(np.array(values, { dtype: "float32" }), fx.astype.float32);
    expectNumPy(np.array(values, { dtype: "bool" }), fx.astype.bool);
    // Spelled out: int32 truncates toward zero; float32 rounds to the nearest float32.
    expect(Array.from(np.array([1.7, -1.7, 2.99], { dtype: "int32" }).toTypedArray())).toEqual([1, -1, 2]);
    expect(np.array([0.1], { dtype: "float32" }).item()).toBe(Math.fround(0.1));
    expect(np.array([0, 2, -0.5, NaN], { dtype: "bool" }).toArray()).toEqual([false, true, true, true]);
    expect(np.array([true, false], { dtype: "int32" }).toArray()).toEqual([1, 0]);
  });

  it("ragged input throws RaggedError with NumPy's sentence", () => {
    const e = thrown(() => np.array([[1, 2], [3]] as any));
    expect(e).toBeInstanceOf(np.RaggedError);
    expect(e).toBeInstanceOf(np.NDArrayError);
    expect(e.code).toBe("ragged");
    expect(e.message).toContain(
      "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 " +
      "dimensions. The detected shape was (2,) + inhomogeneous part.");
    // A list where a number is expected, and vice versa, are ragged too (NumPy says the same).
    expect(thrown(() => np.array([[1, 2], 3] as any)).code).toBe("ragged");
    expect(thrown(() => np.array([1, [2, 3]] as any)).message).toContain("The detected shape was (2,) + inhomogeneous part.");
    const deep = thrown(() => np.array([[[1, 2], [3, 4]], [[5, 6], [7]]] as any));
    expect(deep.message).toContain("inhomogeneous shape after 2 dimensions. The detected shape was (2, 2) + inhomogeneous part.");
    // the detected shape is the error's shape, as for every other error class
    expect(e.shapes).toEqual([[2]]);
    expect(deep.shapes).toEqual([[2, 2]]);
  });

  it("non-numeric entries throw a clear error naming the value", () => {
    const s = thrown(() => np.array([1, "a"] as any));
    expect(s).toBeInstanceOf(np.NDArrayError);
    expect(s.code).toBe("value");
    expect(s.message).toContain('could not convert "a" to a number');
    expect(thrown(() => np.array([[1, undefined]] as any)).message).toContain("could not convert undefined to a number");
    expect(thrown(() => np.array([null] as any)).message).toContain("could not convert null to a number");
    const nested = thrown(() => np.array([np.array([1, 2]), np.array([3, 4])] as any));
    expect(nested.code).toBe("value");
    expect(nested.message).toContain("could not convert an NDArray to a number");
    expect(nested.message).toContain("np.stack");
  });

  it("an unsupported dtype throws DTypeError", () => {
    for (const f of [
      () => np.array([1], { dtype: "int64" as any }),
      () => np.zeros([2], { dtype: "float16" as any }),
      () => np.arange(3, null, 1, { dtype: "uint8" as any }),
      () => np.array(new Uint16Array(2) as any),
    ]) {
      const e = thrown(f);
      expect(e).toBeInstanceOf(np.DTypeError);
      expect(e.code).toBe("dtype");
    }
    expect(thrown(() => np.array([1], { dtype: "int64" as any })).message).toContain('data type "int64" not understood');
  });
});

describe("np.array from typed arrays and NDArrays", () => {
  it("typed arrays keep their dtype and are copied", () => {
    const cases = [
      [new Float64Array([1.5, 2]), "float64"], [new Float32Array([1.5, 2]), "float32"],
      [new Int32Array([-3, 4]), "int32"], [new Uint8Array([1, 0]), "bool"],
    ] as const;
    for (const [src, dtype] of cases) {
      const x = np.array(src);
      expect(x.dtype).toBe(dtype);
      expect(x.shape).toEqual([2]);
      expect(x.data).not.toBe(src);
      src[0] = 0;
      expect(x.get(0)).not.toBe(0); // the copy did not follow
    }
  });

  it("a typed array with {dtype} converts", () => {
    const x = np.array(new Float64Array([2.7, -2.7]), { dtype: "int32" });
    expect(x.dtype).toBe("int32");
    expect(x.toArray()).toEqual([2, -2]);
  });

  it("an NDArray is copied (also when it is a view), or converted with {dtype}", () => {
    const base = np.arange(6).reshape(2, 3);
    const c = np.array(base.T);
    expect(c.shape).toEqual([3, 2]);
    expect(c.toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(c.isContiguous).toBe(true);
    c.set([0, 0], 99);
    expect(base.get(0, 0)).toBe(0);
    const f = np.array(base, { dtype: "float32" });
    expect(f.dtype).toBe("float32");
    expect(base.dtype).toBe("int32");
    // asarray passes an NDArray through untouched when no conversion is needed.
    expect(np.asarray(base)).toBe(base);
    expect(np.asarray(base, { dtype: "float64" })).not.toBe(base);
  });
});

describe("filled constructors", () => {
  it("zeros/ones/full/empty: shape, dtype, value", () => {
    const z = np.zeros([2, 3]);
    expect(z.shape).toEqual([2, 3]);
    expect(z.dtype).toBe("float64");
    expect(Array.from(z.toTypedArray())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(np.zeros(4).shape).toEqual([4]);
    expect(np.zeros([]).shape).toEqual([]);
    expect(np.zeros([]).item()).toBe(0);
    const o = np.ones([3], { dtype: "int32" });
    expect(o.dtype).toBe("int32");
    expect(o.toArray()).toEqual([1, 1, 1]);
    expect(np.full([2, 2], 7).toArray()).toEqual([[7, 7], [7, 7]]);
    expect(np.full([2], 7.9, { dtype: "int32" }).toArray()).toEqual([7, 7]);
    expect(np.full([2], true).dtype).toBe("bool");
    expect(np.full([2], true).toArray()).toEqual([true, true]);
    const e = np.empty([2, 0, 3]);
    expect(e.shape).toEqual([2, 0, 3]);
    expect(e.size).toBe(0);
  });

  it("the *Like versions take the shape and dtype of their argument", () => {
    const x = np.arange(6).reshape(3, 2);
    const z = np.zerosLike(x);
    expect(z.shape).toEqual([3, 2]);
    expect(z.dtype).toBe("int32");
    expect(z.toArray()).toEqual([[0, 0], [0, 0], [0, 0]]);
    expect(np.onesLike(x.T).shape).toEqual([2, 3]);
    expect(np.onesLike(x, { dtype: "float32" }).dtype).toBe("float32");
    const f = np.fullLike(x, 2.7);
    expect(f.dtype).toBe("int32");
    expect(f.toArray()).toEqual([[2, 2], [2, 2], [2, 2]]); // NumPy: full_like(int array, 2.7) -> 2
    expect(np.fullLike(x, 2.7, { dtype: "float64" }).get(0, 0)).toBe(2.7);
  });

  it("negative or fractional dimensions are errors", () => {
    for (const f of [() => np.zeros([2, -1]), () => np.ones(-3), () => np.full([-1], 0), () => np.eye(-1), () => np.eye(2, -2)]) {
      const e = thrown(f);
      expect(e).toBeInstanceOf(np.ValueError);
      expect(e.message).toContain("negative dimensions are not allowed");
    }
    expect(thrown(() => np.zeros([2.5])).code).toBe("value");
  });

  it("eye: square, non-square, k above and below the diagonal", () => {
    expect(np.eye(3).toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(np.eye(2, 4).toArray()).toEqual([[1, 0, 0, 0], [0, 1, 0, 0]]);
    expect(np.eye(4, 2).toArray()).toEqual([[1, 0], [0, 1], [0, 0], [0, 0]]);
    // np.eye(3, 4, k=1) and np.eye(3, k=-1)
    expect(np.eye(3, 4, { k: 1 }).toArray()).toEqual([[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]);
    expect(np.eye(3, null, { k: -1 }).toArray()).toEqual([[0, 0, 0], [1, 0, 0], [0, 1, 0]]);
    expect(np.eye(2, 2, { k: 5 }).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(np.eye(2, 3, { dtype: "int32" }).dtype).toBe("int32");
    expect(np.eye(0).shape).toEqual([0, 0]);
    expect(() => np.eye(3, 3, { k: 0.5 })).toThrow(np.ValueError);
  });

  it("identity", () => {
    const i = np.identity(3, { dtype: "bool" });
    expect(i.dtype).toBe("bool");
    expect(i.toArray()).toEqual([[true, false, false], [false, true, false], [false, false, true]]);
    expect(np.identity(2).dtype).toBe("float64");
  });
});

describe("arange", () => {
  it("matches NumPy's values exactly (int args give int32, any fraction float64)", () => {
    expect(fx.arange.length).toBeGreaterThan(10);
    for (const c of fx.arange) {
      const [a, b, s] = c.args;
      const got = c.args.length === 1 ? np.arange(a) : c.args.length === 2 ? np.arange(a, b) : np.arange(a, b, s);
      expectNumPy(got, c.expected);
    }
  });

  it("the familiar ones, spelled out", () => {
    expect(np.arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(np.arange(5).dtype).toBe("int32");
    expect(np.arange(10, 0, -3).toArray()).toEqual([10, 7, 4, 1]);
    expect(np.arange(5, 1).shape).toEqual([0]);
    expect(np.arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    // NumPy fills with start + i * ((start + step) - start): 1.2000000000000002, not 1.2.
    expect(np.arange(1, 2, 0.1).get(2)).toBe(1.2000000000000002);
    expect(np.arange(0.1, 0.4, 0.1).shape).toEqual([4]); // the classic float-step surprise
  });

  it("an explicit dtype uses NumPy's fill (first two values cast, then a fixed delta)", () => {
    // np.arange(0, 5, 1.5, dtype=np.int32) -> [0 1 2 3]; np.arange(0.5, 5, 1.5, dtype=np.int32) -> [0 2 4]
    expect(np.arange(0, 5, 1.5, { dtype: "int32" }).toArray()).toEqual([0, 1, 2, 3]);
    expect(np.arange(0.5, 5, 1.5, { dtype: "int32" }).toArray()).toEqual([0, 2, 4]);
    expect(np.arange(4, null, 1, { dtype: "float32" }).dtype).toBe("float32");
    // np.arange(0.1, 1, 0.1, dtype=np.float32)[-1] == np.float32(0.90000004) (float32 arithmetic)
    const f = np.arange(0.1, 1, 0.1, { dtype: "float32" });
    expect(f.shape).toEqual([9]);
    expect(f.get(8)).toBe(Math.fround(0.90000004));
  });

  it("integers beyond int32 give float64 rather than wrapping", () => {
    const x = np.arange(2 ** 31 - 2, 2 ** 31 + 1);
    expect(x.dtype).toBe("float64");
    expect(x.toArray()).toEqual([2 ** 31 - 2, 2 ** 31 - 1, 2 ** 31]);
  });

  it("step 0 and non-finite arguments are errors", () => {
    const e = thrown(() => np.arange(0, 5, 0));
    expect(e).toBeInstanceOf(np.ValueError);
    expect(e.message).toContain("step must not be zero");
    expect(() => np.arange(0, Infinity)).toThrow(np.ValueError);
    expect(() => np.arange(NaN)).toThrow(/start|stop/);
  });
});

describe("linspace", () => {
  it("matches NumPy (endpoint true/false, num 0 and 1, integer and float32 dtypes) to the bit", () => {
    expect(fx.linspace.length).toBeGreaterThan(15);
    for (const c of fx.linspace) {
      const got = np.linspace(c.start, c.stop, c.num, { endpoint: c.endpoint, dtype: c.dtype });
      expectNumPy(got, c.expected);
    }
  });

  it("spelled out", () => {
    expect(np.linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(np.linspace(0, 1, 5, { endpoint: false }).toArray()).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8]);
    expect(np.linspace(2, 3, 1).toArray()).toEqual([2]);
    expect(np.linspace(2, 3, 0).shape).toEqual([0]);
    expect(np.linspace(0, 1).shape).toEqual([50]);
    expect(np.linspace(0.1, 0.9, 7).get(6)).toBe(0.9); // the endpoint is exactly stop
    // np.linspace(-1, 1, 4, dtype=np.int32) -> [-1 -1 0 1]: floored, not truncated toward zero
    expect(np.linspace(-1, 1, 4, { dtype: "int32" }).toArray()).toEqual([-1, -1, 0, 1]);
  });

  it("a negative or fractional num is NumPy's error", () => {
    const e = thrown(() => np.linspace(0, 1, -1));
    expect(e).toBeInstanceOf(np.ValueError);
    expect(e.message).toContain("Number of samples, -1, must be non-negative.");
    expect(() => np.linspace(0, 1, 2.5)).toThrow(np.ValueError);
    expect(() => np.linspace(0, 1, 3, { dtype: "int8" as any })).toThrow(np.DTypeError);
  });
});
