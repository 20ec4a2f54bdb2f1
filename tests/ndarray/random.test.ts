// np.random, the NDArray wrapper over the MT19937 generator (which mt19937.test.ts checks on its
// own): after np.random.seed(s), a fixed sequence of calls must give NumPy's legacy np.random
// output call by call (tests/fixtures/random_api_cases.json, written by
// scripts/numpy_fixtures/random_api_cases.py), with NumPy's shapes and our dtypes (float64, and
// int32 where NumPy gives int64).
import { describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";
import { RandomState } from "../../lib/ndarray/random";
import { decodeNumber, EncodedArray, isEncodedArray, loadFixture } from "../helpers/fixtures";

interface Call { name: string; result: EncodedArray | number }
const fx = loadFixture<{ pool: EncodedArray; p: number[]; by_seed: Record<string, Call[]> }>("random_api_cases");
const POOL = new NDArray(Float64Array.from(fx.pool.data.map(decodeNumber)), fx.pool.shape);

/** The calls of random_api_cases.py, by name, on either np.random or a RandomState. */
type Gen = Pick<RandomState, "rand" | "randn" | "uniform" | "normal" | "random" | "randint" | "permutation" | "shuffle" | "choice">;
function calls(r: Gen): Record<string, () => NDArray | number> {
  const shuffled = (x: NDArray) => { r.shuffle(x); return x; };
  const f64 = (n: number) => np.arange(n, null, 1, { dtype: "float64" });
  return {
    rand_2_3: () => r.rand(2, 3),
    rand_scalar: () => r.rand(),
    randn_3: () => r.randn(3),
    normal_scalar: () => r.normal(),
    randn_4: () => r.randn(4),
    randn_scalar: () => r.randn(),
    uniform_m1_2_2x2: () => r.uniform(-1, 2, [2, 2]),
    uniform_scalar: () => r.uniform(),
    normal_3_05_5: () => r.normal(3, 0.5, 5),
    normal_2x3: () => r.normal(-1, 2, [2, 3]),
    random_4: () => r.random(4),
    randint_0_10_5: () => r.randint(0, 10, 5),
    randint_5: () => r.randint(5),
    randint_5_size_2x2: () => r.randint(5, null, [2, 2]),
    randint_m3_3_scalar: () => r.randint(-3, 3),
    permutation_10: () => r.permutation(10),
    permutation_rows: () => r.permutation(f64(12).reshape(4, 3)),
    permutation_list: () => r.permutation([1.5, 2.5, 3.5, 4.5, 5.5]),
    shuffle_1d: () => shuffled(f64(8)),
    shuffle_2d: () => shuffled(f64(15).reshape(5, 3)),
    choice_5_3: () => r.choice(5, 3),
    choice_5_scalar: () => r.choice(5),
    choice_pool_4_noreplace: () => r.choice(POOL, 4, { replace: false }),
    choice_5_6_p: () => r.choice(5, 6, { p: fx.p }),
    choice_pool_3_noreplace_p: () => r.choice(POOL.slice(":5"), 3, { replace: false, p: fx.p }),
    choice_5_2x2: () => r.choice(5, [2, 2]),
    rand_after: () => r.rand(3),
  };
}

/** Gaussian draws use Math.log, which may differ from C's log in the last bit (see mt19937.ts). */
const GAUSSIAN = /randn|normal/;

function expectSame(name: string, got: NDArray | number, want: EncodedArray | number): void {
  const close = GAUSSIAN.test(name);
  const same = (a: number, b: number) => {
    if (close) expect(Math.abs(a - b), `${name}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(b)));
    else expect(a, name).toBe(b);
  };
  if (!isEncodedArray(want)) {
    expect(typeof got, `${name} is a plain number`).toBe("number");
    same(got as number, want);
    return;
  }
  expect(got).toBeInstanceOf(NDArray);
  const arr = got as NDArray;
  expect(arr.shape, name).toEqual(want.shape);
  expect(arr.dtype, name).toBe(want.dtype === "int64" ? "int32" : want.dtype);
  const values = Array.from(arr.toTypedArray());
  const expected = want.data.map(decodeNumber);
  expect(values.length).toBe(expected.length);
  values.forEach((v, i) => same(v, expected[i]));
}

function replay(seed: string, r: Gen): void {
  const run = calls(r);
  const list = fx.by_seed[seed];
  expect(list.map((c) => c.name)).toEqual(Object.keys(run));
  for (const c of list) expectSame(c.name, run[c.name](), c.result);
}

function thrown(f: () => unknown): any {
  try { f(); } catch (e) { return e; }
  throw new Error("expected an error");
}

describe("np.random after np.random.seed matches NumPy call by call", () => {
  for (const seed of Object.keys(fx.by_seed)) {
    it(`seed ${seed}: the global functions`, () => {
      np.random.seed(Number(seed));
      replay(seed, np.random);
    });
    it(`seed ${seed}: a RandomState`, () => replay(seed, new RandomState(Number(seed))));
  }

  it("np.random.seed(0); rand(3) starts 0.5488135, 0.71518937, 0.60276338", () => {
    np.random.seed(0);
    expect(Array.from(np.random.rand(3).toTypedArray(), (v) => +v.toFixed(8))).toEqual([0.5488135, 0.71518937, 0.60276338]);
  });
});

describe("shapes, dtypes and scalar forms", () => {
  it("no size gives a plain number; a size gives an array of that shape", () => {
    np.random.seed(1);
    expect(typeof np.random.rand()).toBe("number");
    expect(typeof np.random.randn()).toBe("number");
    expect(typeof np.random.random()).toBe("number");
    expect(typeof np.random.uniform(2, 3)).toBe("number");
    expect(typeof np.random.normal(0, 1)).toBe("number");
    expect(Number.isInteger(np.random.randint(3, 9))).toBe(true);
    expect(typeof np.random.choice([1.5, 2.5])).toBe("number");
    expect(np.random.rand(2, 1, 3).shape).toEqual([2, 1, 3]);
    expect(np.random.rand(0).shape).toEqual([0]);
    expect(np.random.uniform(0, 1, 4).shape).toEqual([4]);
    expect(np.random.randint(0, 5, [3, 2]).dtype).toBe("int32");
    expect(np.random.randn(2, 2).dtype).toBe("float64");
    expect(np.random.permutation(4).dtype).toBe("int32");
    expect(np.random.choice(np.array([1, 2, 3], { dtype: "int32" }), 2).dtype).toBe("int32");
  });

  it("values stay in range", () => {
    np.random.seed(3);
    const u = np.random.uniform(-2, -1, 500).toTypedArray();
    expect(u.every((v) => v >= -2 && v < -1)).toBe(true);
    const k = np.random.randint(-3, 4, 500).toTypedArray();
    expect(k.every((v) => v >= -3 && v < 4)).toBe(true);
    expect(new Set(k).size).toBe(7);
    expect(Array.from(np.random.permutation(50).toTypedArray()).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("permutation(array) returns a shuffled copy of the rows; shuffle works on a view in place", () => {
    np.random.seed(5);
    const x = np.arange(12).reshape(4, 3);
    const p = np.random.permutation(x);
    expect(x.toArray()).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]); // untouched
    const rows = (p.toArray() as number[][]).map((r) => r.join(",")).sort();
    expect(rows).toEqual(["0,1,2", "3,4,5", "6,7,8", "9,10,11"]);
    // shuffling a strided view permutes only the viewed rows of the base
    const base = np.arange(10);
    np.random.shuffle(base.slice("::2"));
    expect(Array.from(base.slice("1::2").toTypedArray())).toEqual([1, 3, 5, 7, 9]);
    expect(Array.from(base.slice("::2").toTypedArray()).sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8]);
  });
});

describe("reproducibility and independent generators", () => {
  it("the same seed twice gives the same numbers", () => {
    np.random.seed(7);
    const a = [np.random.rand(4).toArray(), np.random.randint(0, 100, 3).toArray(), np.random.randn(3).toArray()];
    np.random.seed(7);
    const b = [np.random.rand(4).toArray(), np.random.randint(0, 100, 3).toArray(), np.random.randn(3).toArray()];
    expect(b).toEqual(a);
    np.random.seed(8);
    expect(np.random.rand(4).toArray()).not.toEqual(a[0]);
  });

  it("a RandomState has its own stream: drawing from it does not move the global one", () => {
    np.random.seed(11);
    const expected = np.random.rand(3).toArray();
    np.random.seed(11);
    const r = new RandomState(11);
    const fromR = r.rand(3).toArray();
    r.rand(100); // must not disturb the global stream
    expect(np.random.rand(3).toArray()).toEqual(expected);
    expect(fromR).toEqual(expected);
    // and the global functions do not move a RandomState
    const r2 = new RandomState(11);
    np.random.rand(50);
    expect(r2.rand(3).toArray()).toEqual(expected);
  });

  it("getState/setState replays the stream, including a cached Gaussian", () => {
    np.random.seed(2);
    np.random.randn(); // leaves the pair's second value cached
    const state = np.random.getState();
    const a = np.random.randn(5).toArray();
    np.random.setState(state);
    expect(np.random.randn(5).toArray()).toEqual(a);
  });
});

describe("bad arguments are NDArrayErrors with clear messages", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["randint low >= high", () => np.random.randint(5, 5), /randint: low >= high/],
    ["randint low > high, sized", () => np.random.randint(3, 1, 4), /low >= high/],
    ["randint one-arg 0", () => np.random.randint(0), /low >= high/],
    ["randint non-integer", () => np.random.randint(0.5, 3), /must be integers/],
    ["randint beyond int32", () => np.random.randint(0, 2 ** 32), /out of bounds for int32/],
    ["normal negative scale", () => np.random.normal(0, -1, 3), /normal: scale < 0/],
    ["normal -0 scale", () => np.random.normal(0, -0), /scale < 0/],
    ["uniform infinite range", () => np.random.uniform(0, Infinity, 2), /Range exceeds valid bounds/],
    ["rand negative dims", () => np.random.rand(2, -1), /negative dimensions are not allowed/],
    ["uniform negative dims", () => np.random.uniform(0, 1, [2, -1]), /negative dimensions are not allowed/],
    ["randint fractional size", () => np.random.randint(0, 3, 1.5), /shape entries must be integers/],
    ["choice p not summing to 1", () => np.random.choice(5, 3, { p: [0.5, 0.5, 0.5, 0, 0] }), /probabilities do not sum to 1/],
    ["choice p negative", () => np.random.choice(3, 3, { p: [1.5, -0.5, 0] }), /probabilities are not non-negative/],
    ["choice p wrong length", () => np.random.choice(3, 1, { p: [0.5, 0.5] }), /'a' and 'p' must have same size/],
    ["choice too large without replacement", () => np.random.choice(5, 6, { replace: false }),
      /Cannot take a larger sample than population when 'replace=False'/],
    ["choice empty population", () => np.random.choice(0, 1), /a must be greater than 0 unless no samples are taken/],
    ["choice 2-D pool", () => np.random.choice(np.zeros([2, 2]), 1), /a must be 1-dimensional/],
    ["choice negative size", () => np.random.choice(5, -1), /negative dimensions are not allowed/],
    ["permutation negative n", () => np.random.permutation(-1), /non-negative integer/],
    ["permutation 0-d array", () => np.random.permutation(np.array(3)), /at least 1-dimensional/],
    ["shuffle 0-d array", () => np.random.shuffle(np.array(3)), /at least 1-dimensional/],
    ["seed negative", () => np.random.seed(-1), /Seed must be between 0 and 2\*\*32 - 1/],
    ["seed too large", () => new RandomState(2 ** 32), /Seed must be between 0 and 2\*\*32 - 1/],
  ];
  for (const [name, f, message] of cases) {
    it(name, () => {
      const e = thrown(f);
      expect(e).toBeInstanceOf(np.NDArrayError);
      expect(e.message).toMatch(message);
    });
  }

  it("NumPy only checks randint's bounds when it draws", () => {
    const empty = np.random.randint(5, 5, 0);
    expect(empty.shape).toEqual([0]);
    expect(empty.dtype).toBe("int32");
  });

  it("NaN scale passes the check and gives NaN, as in NumPy", () => {
    expect(Number.isNaN(np.random.normal(0, NaN))).toBe(true);
  });
});
