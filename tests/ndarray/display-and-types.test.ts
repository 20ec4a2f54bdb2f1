// How arrays show up (console.log, util.inspect, String) and NumPy's type-promotion table.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";

describe("display", () => {
  it("util.inspect and console.log show NumPy's repr", () => {
    const x = np.array([[1, 2], [3, 4]]);
    expect(inspect(x)).toBe("array([[1., 2.],\n       [3., 4.]])");
    expect(x.repr()).toBe(inspect(x));
  });

  it("String(x) is NumPy's str", () => {
    expect(String(np.array([[1, 2], [3, 4]]))).toBe("[[1. 2.]\n [3. 4.]]");
  });

  it("shows the dtype when it is not float64, and views print their own elements", () => {
    expect(inspect(np.arange(3))).toBe("array([0, 1, 2], dtype=int32)");
    expect(inspect(np.array([true, false]))).toBe("array([ True, False])");
    expect(inspect(np.arange(6).reshape(2, 3).T.slice("::-1"))).toBe("array([[2, 5],\n       [1, 4],\n       [0, 3]], dtype=int32)");
    expect(inspect(np.zeros([0, 3]))).toBe("array([], shape=(0, 3), dtype=float64)");
  });

  it("summarizes large arrays with ...", () => {
    // NumPy switches to scientific notation here because max/min of the non-zero values > 1e3.
    expect(inspect(np.arange(2000).astype("float64"))).toBe(
      "array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n       1.999e+03])");
    expect(inspect(np.arange(1500))).toBe("array([   0,    1,    2, ..., 1497, 1498, 1499], dtype=int32)");
  });

  it("toArray gives nested JS arrays, item a number", () => {
    const x = np.arange(6).reshape(2, 3);
    expect(x.toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(np.array([true, false]).toArray()).toEqual([true, false]);
    expect(x.sum().item()).toBe(15);
    expect(() => x.item()).toThrow(/can only convert an array of size 1/);
    expect(JSON.stringify(x.T)).toBe("[[0,3],[1,4],[2,5]]");
  });
});

describe("type promotion (NumPy's rules on our four dtypes)", () => {
  const of = (dtype: NDArray["dtype"]) => np.ones([2], { dtype });
  const table: [NDArray["dtype"], NDArray["dtype"], NDArray["dtype"]][] = [
    ["bool", "bool", "int32"], // bool arithmetic counts, it does not OR
    ["bool", "int32", "int32"],
    ["bool", "float32", "float32"],
    ["int32", "int32", "int32"],
    ["int32", "float32", "float64"], // float32 cannot hold every int32
    ["int32", "float64", "float64"],
    ["float32", "float32", "float32"],
    ["float32", "float64", "float64"],
  ];
  it.each(table)("%s + %s -> %s", (a, b, want) => {
    expect(of(a).add(of(b)).dtype).toBe(want);
    expect(of(b).add(of(a)).dtype).toBe(want);
  });

  it("JS numbers are weak scalars", () => {
    expect(of("int32").add(2).dtype).toBe("int32");
    expect(of("int32").add(2.5).dtype).toBe("float64");
    expect(of("float32").multiply(0.1).dtype).toBe("float32");
    expect(of("bool").add(1).dtype).toBe("int32");
    expect(of("int32").add(2 ** 40).dtype).toBe("float64");
    // a 0-d array is not weak (NumPy 2's rule, see README): it promotes like any array
    expect(of("float32").add(np.array(0.5)).dtype).toBe("float64");
    expect(of("int32").add(np.array(2, { dtype: "int32" })).dtype).toBe("int32");
  });

  it("divide and math functions give floats, comparisons give bool", () => {
    expect(of("int32").divide(of("int32")).dtype).toBe("float64");
    expect(of("float32").divide(2).dtype).toBe("float32");
    expect(np.exp(of("int32")).dtype).toBe("float64");
    expect(np.sqrt(of("float32")).dtype).toBe("float32");
    expect(of("float64").less(1).dtype).toBe("bool");
    expect(np.mean(of("int32")).dtype).toBe("float64");
    expect(np.sum(of("bool")).dtype).toBe("int32");
  });

  it("int32 arithmetic wraps like NumPy's int32", () => {
    const big = np.array([2147483647], { dtype: "int32" });
    expect(big.add(1).item()).toBe(-2147483648);
    expect(big.multiply(2).item()).toBe(-2);
  });

  it("np.array of JS numbers is float64, arange of integers is int32", () => {
    expect(np.array([1, 2, 3]).dtype).toBe("float64");
    expect(np.arange(3).dtype).toBe("int32");
    expect(np.arange(0, 1, 0.25).dtype).toBe("float64");
    expect(np.promoteTypes("int32", "float32")).toBe("float64");
  });
});

describe("errors carry a code, the op and the shapes", () => {
  it("broadcast", () => {
    try {
      np.ones([2, 3]).add(np.ones([4]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(np.BroadcastError);
      const err = e as InstanceType<typeof np.BroadcastError>;
      expect(err.code).toBe("broadcast");
      expect(err.op).toBe("add");
      expect(err.shapes).toEqual([[2, 3], [4]]);
      expect(err.message).toBe("add: operands could not be broadcast together with shapes (2,3) (4,)");
    }
  });

  it("memory: an array too large to allocate is NumPy's memory error with the shape, not a RangeError", () => {
    // NumPy: Unable to allocate 74.5 GiB for an array with shape (10000000000,) and data type float64
    try {
      np.zeros([1e10]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(np.MemoryError);
      const err = e as InstanceType<typeof np.MemoryError>;
      expect(err.code).toBe("memory");
      expect(err.shapes).toEqual([[1e10]]);
      expect(err.message.split("\n")[0]).toBe("allocate: Unable to allocate 74.5 GiB for an array with shape (10000000000,) and data type float64");
    }
    expect(() => np.ones([100000, 100000], { dtype: "float32" })).toThrow("allocate: Unable to allocate 37.3 GiB for an array with shape (100000, 100000) and data type float32");
  });

  it("reshape, axis and matmul", () => {
    expect(() => np.arange(6).reshape(4, 2)).toThrow("reshape: cannot reshape array of size 6 into shape (4,2)");
    expect(() => np.ones([2, 3]).sum({ axis: 2 })).toThrow("sum: axis 2 is out of bounds for array of dimension 2");
    expect(() => np.ones([2, 3]).matmul(np.ones([4, 5]))).toThrow(
      "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 4 is different from 3)");
    expect(() => np.ones([3]).get(5)).toThrow("get: index 5 is out of bounds for axis 0 with size 3");
  });

  it("a hint line when the fix is obvious", () => {
    expect(() => np.ones([2, 3]).matmul(np.ones([4, 5]))).toThrow(/\nhint: /);
  });
});

describe("conversions and flat item", () => {
  it("astype int32 truncates toward zero; NaN and out-of-range give INT_MIN as NumPy on x86", () => {
    // NumPy: np.array([2.9, -2.9, 3e10, nan, inf]).astype(np.int32) -> [2, -2, -2147483648, -2147483648, -2147483648]
    expect(np.array([2.9, -2.9, 3e10, NaN, Infinity]).astype("int32").toArray()).toEqual([2, -2, -2147483648, -2147483648, -2147483648]);
  });
  it("item(k) on an n-d array is a flat index", () => {
    const x = np.arange(12).reshape(3, 4);
    expect(x.item(5)).toBe(5);
    expect(x.item(-1)).toBe(11);
    expect(x.item(1, 2)).toBe(6);
    expect(() => x.item(12)).toThrow("item: index 12 is out of bounds for size 12");
  });
  it("np.extract flattens, x.mask selects along leading axes", () => {
    const x = np.arange(12).reshape(3, 4);
    expect(np.extract(np.array([true, false, true]).reshape(3, 1).broadcastTo([3, 4]), x).size).toBe(8);
    expect(np.extract(np.arange(12).reshape(3, 4).less(3), x).toArray()).toEqual([0, 1, 2]);
    expect(x.mask(np.array([true, false, true])).toArray()).toEqual([[0, 1, 2, 3], [8, 9, 10, 11]]);
    // NumPy: np.extract([True, False, True], np.arange(12).reshape(3, 4)) -> array([0, 2])
    expect(np.extract(np.array([true, false, true]), x).toArray()).toEqual([0, 2]);
    expect(() => np.extract(np.ones([13], { dtype: "bool" }), x)).toThrow("index 12 is out of bounds for axis 0 with size 12");
  });
});

describe("notebook display", () => {
  const bundle = (x: unknown) => (x as any)[Symbol.for("jupyter.mimeBundle")]();
  it("small 2-D arrays offer an HTML table next to the repr", () => {
    const b = bundle(np.array([[1, 2.5], [NaN, -4]]));
    expect(b["text/plain"]).toBe("array([[ 1. ,  2.5],\n       [ nan, -4. ]])");
    expect(b["text/html"]).toContain("<tr><th>1</th><td>nan</td><td>-4.</td></tr>");
    expect(b["text/html"]).toContain("shape (2, 2), float64");
  });
  it("1-D, large and empty arrays show the repr only", () => {
    expect(Object.keys(bundle(np.arange(3)))).toEqual(["text/plain"]);
    expect(Object.keys(bundle(np.zeros([21, 2])))).toEqual(["text/plain"]);
    expect(Object.keys(bundle(np.zeros([0, 2])))).toEqual(["text/plain"]);
  });
});
