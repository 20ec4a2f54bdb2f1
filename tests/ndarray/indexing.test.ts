// Indexing: views that share memory, element access, set() (slices, broadcasting, masks, overlap,
// dtype conversion), take, the index parser and nonzero. The non-trivial results come from NumPy
// (tests/fixtures/indexing_cases.json, written by scripts/numpy_fixtures/indexing_cases.py); each
// fixture entry is keyed by a name that the test below performs the same way.
import { describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";
import { EncodedArray, loadFixture } from "../helpers/fixtures";
import { expectNumPy, thrown } from "../helpers/numpy";

interface ErrorCase { error: string; message: string }
interface ReshapeCase { shape: number[]; shares: boolean; values: EncodedArray }
const fx = loadFixture<{
  assign: Record<string, EncodedArray>;
  select: Record<string, EncodedArray | EncodedArray[]>;
  reshape: Record<string, ReshapeCase>;
  errors: Record<string, ErrorCase>;
}>("indexing_cases");

/** np.arange(12.).reshape(3, 4), as the fixture module builds it. */
const a34 = (): NDArray => np.arange(12, null, 1, { dtype: "float64" }).reshape(3, 4);
/** np.arange(24.).reshape(2, 3, 4). */
const a234 = (): NDArray => np.arange(24, null, 1, { dtype: "float64" }).reshape(2, 3, 4);


/** The error NumPy raised for fixture case `name`: our class, code and NumPy's sentence. */
function expectNumPyError(name: string, code: string, f: () => unknown): void {
  const want = fx.errors[name];
  expect(want, `fixture case ${name}`).toBeDefined();
  const e = thrown(f);
  expect(e).toBeInstanceOf(np.NDArrayError);
  expect(e.code).toBe(code);
  expect(e.message).toContain(want.message);
}

describe("views share memory", () => {
  it("writing through a slice view changes the base, and the base shows in the view", () => {
    const x = a34();
    const v = x.slice("1:, ::2");
    expect(v.shape).toEqual([2, 2]);
    expect(v.data).toBe(x.data);
    v.set([0, 1], -1);
    expect(x.get(1, 2)).toBe(-1);
    x.set([2, 0], 100);
    expect(v.get(1, 0)).toBe(100);
  });

  it("transpose and reshape views write through both ways", () => {
    const x = a34();
    const t = x.T;
    t.set([3, 0], 50);
    expect(x.get(0, 3)).toBe(50);
    const r = x.reshape(2, 6);
    r.set([1, 0], 60);
    expect(x.get(1, 2)).toBe(60);
    x.set([2, 3], 70);
    expect(r.get(1, 5)).toBe(70);
    expect(t.get(3, 2)).toBe(70);
    // a view of a view
    const vv = x.slice("::-1").T.slice("1");
    vv.set([0], -5); // x[::-1].T[1][0] is x[2, 1]
    expect(x.get(2, 1)).toBe(-5);
  });

  it("reshape is a view exactly when NumPy's is (np.shares_memory), with NumPy's values", () => {
    const x = np.arange(24, null, 1, { dtype: "float64" }).reshape(4, 6);
    const views: Record<string, () => NDArray> = {
      T_ravel: () => x.T, T_to_6_2_2: () => x.T,
      cols_step2_to_2_2_3: () => x.slice(":, ::2"), cols_step2_to_12: () => x.slice(":, ::2"),
      rows_step2_to_12: () => x.slice("::2"), rows_step2_to_2_3_2: () => x.slice("::2"),
      inner_block_to_6: () => x.slice("1:3, 1:4"), inner_block_to_2_3_1: () => x.slice("1:3, 1:4"),
      reversed_rows_to_4_3_2: () => x.slice("::-1"), reversed_rows_ravel: () => x.slice("::-1"),
      column_to_2_2: () => x.slice(":, 1"),
    };
    expect(Object.keys(views).sort()).toEqual(Object.keys(fx.reshape).sort());
    for (const [name, c] of Object.entries(fx.reshape)) {
      const r = views[name]().reshape(c.shape);
      expectNumPy(r, c.values);
      expect(r.data === x.data, `${name} shares memory`).toBe(c.shares);
    }
    // and a shared result really writes through
    x.slice(":, ::2").reshape(2, 2, 3).set([1, 1, 2], -1); // element 11 of x[:, ::2] is x[3, 4]
    expect(x.get(3, 4)).toBe(-1);
    x.T.reshape(-1).set([0], 99); // a copy: x is unchanged
    expect(x.get(0, 0)).toBe(0);
  });
});

describe("element access", () => {
  it("get/item with positive and negative indices", () => {
    const x = a34();
    expect(x.get(0, 0)).toBe(0);
    expect(x.get(2, 3)).toBe(11);
    expect(x.get(-1, -2)).toBe(10);
    expect(x.get(-3, 1)).toBe(1);
    expect(x.item(1, -1)).toBe(7);
    expect(np.array([4.5]).item()).toBe(4.5);
    expect(x.slice("1:2, 2:3").item()).toBe(6);
    expect(x.T.get(3, 1)).toBe(7);
    expect(x.slice("::-1, ::-2").get(0, 0)).toBe(11);
  });

  it("elementOffset walks strides and offset", () => {
    const x = a34();
    expect(x.elementOffset("t", [2, 1])).toBe(9);
    const v = x.slice("::-1, 1:");
    expect(v.offset).toBe(9);
    expect(v.elementOffset("t", [0, 0])).toBe(9);
    expect(v.elementOffset("t", [-1, -1])).toBe(3);
  });

  it("out-of-bounds indices are NumPy's IndexError", () => {
    expectNumPyError("get_out_of_bounds", "index", () => np.arange(3, null, 1, { dtype: "float64" }).get(5));
    expectNumPyError("get_negative_out_of_bounds", "index", () => a34().get(1, -5));
    expect(thrown(() => a34().get(3, 0))).toBeInstanceOf(np.IndexError);
    expect(thrown(() => a34().slice(3)).message).toContain("index 3 is out of bounds for axis 0 with size 3");
    expect(thrown(() => a34().set([0, 4], 1)).message).toContain("index 4 is out of bounds for axis 1 with size 4");
  });

  it("the wrong number of indices, or a fractional one, is an IndexError", () => {
    const e = thrown(() => a34().get(1));
    expect(e).toBeInstanceOf(np.IndexError);
    expect(e.message).toContain("expected 2 indices for an array of shape (3,4), got 1");
    expect(() => a34().get(1, 2, 0)).toThrow(np.IndexError);
    expect(() => a34().get(1.5, 0)).toThrow(/not an integer/);
    expect(thrown(() => a34().item()).message).toContain("can only convert an array of size 1 to a Python scalar");
  });
});

describe("set", () => {
  it("sets single elements, also with negative indices", () => {
    const x = a34();
    x.set([1, 2], -7).set([-1, -1], -8);
    expect(x.get(1, 2)).toBe(-7);
    expect(x.get(2, 3)).toBe(-8);
    const z = np.array(3);
    z.set([], 5);
    expect(z.item()).toBe(5);
  });

  const assignments: Record<string, () => NDArray> = {
    overlap_shift_right: () => { const x = np.arange(6, null, 1, { dtype: "float64" }); return x.set("1:", x.slice(":-1")); },
    overlap_shift_left: () => { const x = np.arange(6, null, 1, { dtype: "float64" }); return x.set(":-1", x.slice("1:")); },
    overlap_reverse: () => { const x = np.arange(6, null, 1, { dtype: "float64" }); return x.set(":", x.slice("::-1")); },
    overlap_2d_columns: () => { const x = a34(); return x.set(":, 1:", x.slice(":, :-1")); },
    row_into_2d_slice: () => a34().set("1:, :", [100, 200, 300, 400]),
    column_broadcast: () => a34().set(":, 1:3", [[1], [2], [3]]),
    scalar_into_strided: () => a34().set("::2, ::-2", -1),
    negative_step_view: () => a34().set("::-1, 1", [7, 8, 9]),
    transposed_view: () => { const x = a34(); x.T.set(0, [7, 8, 9]); return x; },
    transposed_reversed_block: () => { const x = a34(); x.T.set("1:3, ::-1", [[1, 2, 3], [4, 5, 6]]); return x; },
    ellipsis_scalar: () => a234().set("..., 1", 10),
    newaxis_target: () => a234().set([":", null, 1], [1, 2, 3, 4]),
    float_into_int32: () => np.arange(6, null, 1, { dtype: "int32" }).set(":4", [1.9, -1.9, 2.5, -0.5]),
    float_into_bool: () => np.zeros([4], { dtype: "bool" }).set("1:3", [2.0, 0.0]),
    float_into_float32: () => np.arange(4, null, 1, { dtype: "float32" }).set(":", 0.1),
    mask_scalar: () => { const x = a34(); return x.set(x.greater(5), 0); },
    mask_values: () => { const x = a34(); return x.set(x.greater(8), [10, 20, 30]); },
    mask_on_transposed: () => {
      const x = a34();
      x.T.set(x.T.equal(x.T.divide(3).floor().multiply(3)), [-1, -2, -3, -4]);
      return x;
    },
    mask_leading_dim: () => a34().set(np.array([true, false, true]), [1, 2, 3, 4]),
    mask_leading_dim_column: () => a34().set(np.array([true, false, true]), [[1], [2]]),
    mask_two_leading_dims: () => a234().set(np.array([[true, false, true], [false, true, false]]),
      np.arange(12, null, 1, { dtype: "float64" }).reshape(3, 4).multiply(-1)),
  };

  it("covers every assignment case of the fixture", () => {
    expect(Object.keys(assignments).sort()).toEqual(Object.keys(fx.assign).sort());
  });
  for (const [name, run] of Object.entries(assignments)) {
    it(`${name} equals NumPy`, () => expectNumPy(run(), fx.assign[name]));
  }

  it("overlapping self-assignment, spelled out: x[1:] = x[:-1]", () => {
    const x = np.arange(6);
    x.set("1:", x.slice(":-1"));
    expect(x.toArray()).toEqual([0, 0, 1, 2, 3, 4]);
  });

  it("a float into int32 truncates toward zero; fill() converts the same way", () => {
    const x = np.zeros([3], { dtype: "int32" });
    x.set([0], 2.9).set([1], -2.9).set([2], true as any);
    expect(x.toArray()).toEqual([2, -2, 1]);
    expect(np.zeros([2], { dtype: "int32" }).fill(3.5).toArray()).toEqual([3, 3]);
  });

  it("a shape mismatch is a BroadcastError with NumPy's sentence", () => {
    expectNumPyError("set_shape_mismatch", "broadcast", () => np.arange(5).set("0:2", [1, 2, 3]));
    expectNumPyError("set_2d_mismatch", "broadcast", () => a34().set("0:2", [[1, 2, 3]]));
    const e = thrown(() => np.arange(5).set("0:2", [1, 2, 3]));
    expect(e).toBeInstanceOf(np.BroadcastError);
    expect(e.message).toContain("could not broadcast input array from shape (3,) into shape (2,)");
    // Extra leading dimensions of size 1 are fine, as in NumPy.
    expect(a34().set("0", [[[5, 6, 7, 8]]]).slice("0").toArray()).toEqual([5, 6, 7, 8]);
  });

  it("a failed assignment leaves the array unchanged", () => {
    const x = a34();
    expect(() => x.set(":2", [1, 2, 3])).toThrow(np.BroadcastError);
    expect(x.toArray()).toEqual(a34().toArray());
  });
});

describe("boolean masks", () => {
  it("mask() selects elements or leading-dim rows as NumPy does", () => {
    const x = a34();
    expectNumPy(x.mask(x.equal(x.divide(5).floor().multiply(5))), fx.select.mask_select_elements as EncodedArray);
    expectNumPy(x.mask([false, true, true]), fx.select.mask_select_rows as EncodedArray);
    expectNumPy(a234().mask(np.array([[true, false, true], [false, true, false]])), fx.select.mask_select_two_dims as EncodedArray);
    expectNumPy(x.mask(x.greater(100)), fx.select.mask_select_none as EncodedArray);
    // the selection is a copy
    const sel = x.mask([true, false, false]);
    sel.set([0, 0], 99);
    expect(x.get(0, 0)).toBe(0);
  });

  it("mask count and shape mismatches are NumPy's errors", () => {
    expectNumPyError("mask_count_mismatch", "broadcast", () => { const x = a34(); x.set(x.greater(8), [10, 20]); });
    expectNumPyError("mask_leading_mismatch", "broadcast", () => a34().set(np.array([true, false, true]), [1, 2, 3]));
    expectNumPyError("mask_wrong_length", "index", () => a34().mask([true, false]));
    expect(() => a34().set(np.array([true, false]), 1)).toThrow(np.IndexError);
  });

  it("a non-bool mask is an IndexError", () => {
    const x = a34();
    const e = thrown(() => x.mask([1, 0, 1]));
    expect(e).toBeInstanceOf(np.IndexError);
    expect(e.message).toContain("a mask must be a bool array, got dtype float64");
    expect(() => x.set(np.array([1, 0, 1], { dtype: "int32" }), 5)).toThrow(/a mask must be a bool array, got dtype int32/);
    expect(x.toArray()).toEqual(a34().toArray());
  });
});

describe("take", () => {
  it("matches NumPy: axis, negative and repeated indices, 2-D indices, views, empty", () => {
    const s = fx.select as Record<string, EncodedArray>;
    expectNumPy(np.take(a34(), [2, -1, 0], { axis: 1 }), s.take_axis1);
    expectNumPy(a34().take([0, 0, -1], { axis: 0 }), s.take_axis0_repeat);
    expectNumPy(np.take(a34(), [[0, 11], [-1, 5]]), s.take_flat_2d_indices);
    expectNumPy(np.take(a234(), [[1, 0], [3, -3]], { axis: -1 }), s.take_axis_neg_2d_indices);
    expectNumPy(np.take(a34().T, [1, 3], { axis: 0 }), s.take_from_transposed);
    expectNumPy(np.take(a34(), np.array([], { dtype: "int32" }), { axis: 1 }), s.take_empty);
  });

  it("copies whole packed rows (a batch gather) exactly as element by element, in every dtype", () => {
    for (const dtype of ["float64", "float32", "int32", "bool"] as const) {
      const base = np.arange(100 * 70).reshape(100, 70);
      const x = dtype === "bool" ? base.greater(3000) : base.astype(dtype);
      const idx = [5, -1, 0, 5, 99, -100];
      const got = x.take(idx, { axis: 0 });
      expect(got.dtype).toBe(dtype);
      expect(got.toArray()).toEqual(idx.map((i) => x.slice(`${i}`).toArray()));
      // short rows (a copy loop) and rows inside a 3-D array (axis 1)
      const y = x.reshape(10, 10, 70);
      expect(y.take([3, -2], { axis: 1 }).toArray()).toEqual(y.toArray().map((plane: unknown[]) => [plane[3], plane[8]]));
      expect(x.reshape(700, 10).take([1, 699], { axis: 0 }).toArray()).toEqual([x.reshape(700, 10).slice("1").toArray(), x.reshape(700, 10).slice("699").toArray()]);
    }
  });

  it("out-of-bounds indices and bad axes are NumPy's errors", () => {
    expectNumPyError("take_out_of_bounds", "index", () => np.take(a34(), [4], { axis: 0 }));
    expectNumPyError("take_flat_out_of_bounds", "index", () => np.take(a34(), [12]));
    expectNumPyError("take_bad_axis", "axis", () => np.take(a34(), [0], { axis: 2 }));
    expect(() => np.take(a34(), [0.5])).toThrow(/indices must be integers/);
    expect(() => np.take(a34(), [true])).toThrow(np.IndexError);
  });
});

describe("the index parser", () => {
  it("strings: ints, slices, negative steps, ellipsis, None, spaces and a trailing comma", () => {
    const x = a234();
    expect(x.slice("1").shape).toEqual([3, 4]);
    expect(x.slice("1,").shape).toEqual([3, 4]); // NumPy's x[1,]
    expect(x.slice(" 0 , 1:3 , ::-2 ").toArray()).toEqual([[7, 5], [11, 9]]);
    expect(x.slice("..., 1").shape).toEqual([2, 3]);
    expect(x.slice("..., 1").toArray()).toEqual([[1, 5, 9], [13, 17, 21]]);
    expect(x.slice("1, ..., None").shape).toEqual([3, 4, 1]);
    expect(x.slice("None, :, np.newaxis").shape).toEqual([1, 2, 1, 3, 4]);
    expect(x.slice("-1, -1, -1").shape).toEqual([]);
    expect(x.slice("-1, -1, -1").item()).toBe(23);
    expect(x.slice("").shape).toEqual([2, 3, 4]);
    expect(x.slice(":, 5:").shape).toEqual([2, 0, 4]);
    expect(x.slice("::-1, -100:100").toArray()).toEqual(x.slice("::-1").toArray());
  });

  it("several items, Slice objects and null (newaxis)", () => {
    const x = a34();
    expect(x.slice(1, "1:3").toArray()).toEqual([5, 6]);
    expect(x.slice({ start: 1, step: 2 }, { step: -1 }).toArray()).toEqual([[7, 6, 5, 4]]);
    expect(x.slice({ start: -1, stop: 0, step: -1 }, { stop: 2 }).toArray()).toEqual([[8, 9], [4, 5]]);
    expect(x.slice({}, 2).toArray()).toEqual([2, 6, 10]);
    expect(x.slice({ start: null, stop: null, step: null }).shape).toEqual([3, 4]);
    const n = x.slice(null, 1);
    expect(n.shape).toEqual([1, 4]);
    expect(n.toArray()).toEqual([[4, 5, 6, 7]]);
    expect(x.slice(":", null).shape).toEqual([3, 1, 4]);
  });

  it("too many indices, two ellipses and step 0 are NumPy's errors", () => {
    expectNumPyError("too_many_indices", "index", () => a34().slice("1, 2, 3"));
    expect(thrown(() => a34().slice(1, 2, 3)).message)
      .toContain("too many indices for array: array is 2-dimensional, but 3 were indexed");
    expectNumPyError("two_ellipses", "index", () => a34().slice("..., ..."));
    expectNumPyError("step_zero", "value", () => a34().slice("::0"));
    expect(thrown(() => a34().slice({ step: 0 })).message).toContain("slice step cannot be zero");
    // newaxis does not count as an index
    expect(a34().slice("None, 1, 2, None").shape).toEqual([1, 1]);
  });

  it("garbage is an IndexError naming the bad part", () => {
    for (const [spec, text] of [
      ["a:b", 'invalid index "a:b"'], ["1.5", 'invalid index "1.5"'], ["1:2:3:4", "at most two ':'"],
      ["1,,2", "empty index"], ["[0]", "invalid index"],
    ] as const) {
      const e = thrown(() => a34().slice(spec));
      expect(e).toBeInstanceOf(np.IndexError);
      expect(e.message).toContain(text);
    }
    expect(() => a34().slice(1.5)).toThrow(/only integers, slices/);
    expect(() => a34().slice({ start: 0.5 })).toThrow(/slice indices must be integers/);
    expect(() => a34().slice([0, 1] as any)).toThrow(np.IndexError);
    expect(() => a34().slice(np.array([0]) as any)).toThrow(/use take\(\)/);
  });

  it("every index error names the op (slice or set) and carries the indexed array's shape", () => {
    const cases: [() => unknown, string, string][] = [
      [() => a34().slice("a"), "slice", "index"], [() => a34().slice("1:2:3:4"), "slice", "index"],
      [() => a34().slice("1,,2"), "slice", "index"], [() => a34().slice(1.5), "slice", "index"],
      [() => a34().slice({ start: 0.5 }), "slice", "index"], [() => a34().slice([0] as any), "slice", "index"],
      [() => a34().slice("::0"), "slice", "value"], [() => a34().slice("5"), "slice", "index"],
      [() => a34().set("::0", 1), "set", "value"], [() => a34().set("x", 1), "set", "index"],
      [() => a34().set("0, 0, 0", 1), "set", "index"],
    ];
    for (const [f, op, code] of cases) {
      const e = thrown(f);
      expect(e).toBeInstanceOf(np.NDArrayError);
      expect(e.op).toBe(op);
      expect(e.code).toBe(code);
      expect(e.message.startsWith(`${op}: `)).toBe(true);
      expect(e.shapes).toEqual([[3, 4]]);
    }
  });
});

describe("nonzero", () => {
  it("matches NumPy's index arrays (int32 here)", () => {
    const check = (got: NDArray[], want: EncodedArray[]) => {
      expect(got.length).toBe(want.length);
      got.forEach((g, i) => expectNumPy(g, want[i]));
    };
    check(np.nonzero(np.array([[0, 1, 0], [2, 0, 3]])), fx.select.nonzero_2d as EncodedArray[]);
    check(np.nonzero(np.array([true, false, true, true])), fx.select.nonzero_1d_bool as EncodedArray[]);
    const x = a234();
    check(np.nonzero(x.equal(x.divide(7).floor().multiply(7)).slice(":, ::-1")), fx.select.nonzero_3d_view as EncodedArray[]);
    expect(np.nonzero(np.zeros([2, 2])).map((a) => a.shape)).toEqual([[0], [0]]);
  });
});
