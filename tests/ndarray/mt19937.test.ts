import { describe, expect, it } from "vitest";
import {
  MT19937,
  choice,
  normal,
  permutation,
  randint,
  randomSample,
  standardNormal,
  uniform,
} from "../../lib/ndarray/mt19937";
import { decodeNumber, isEncodedArray, loadFixture } from "../helpers/fixtures";

const fx = loadFixture("random_cases");

/** Fixture value (encoded ndarray or plain list) as a list of numbers. */
function nums(v: unknown): number[] {
  if (isEncodedArray(v)) return v.data.map(decodeNumber);
  return (v as number[]).map(decodeNumber);
}

/**
 * Gaussian draws go through Math.log, which may differ from C's log in the last bit, so they
 * are compared to within 1e-15 relative; everything else must be exactly equal.
 */
function expectClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-15 * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
      throw new Error(`index ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

const exact = (actual: ArrayLike<number>, expected: unknown) =>
  expect(Array.from(actual)).toEqual(nums(expected));

describe("MT19937 matches NumPy's legacy RandomState", () => {
  it("np.random.seed(0); rand(3)", () => {
    exact(randomSample(new MT19937(0), 3), fx.seed0_rand3);
    expect(Array.from(randomSample(new MT19937(0), 3), (x) => +x.toFixed(8))).toEqual([
      0.5488135, 0.71518937, 0.60276338,
    ]);
  });

  for (const seed of fx.seeds as number[]) {
    const c = fx.by_seed[String(seed)];
    describe(`seed ${seed}`, () => {
      const g = () => new MT19937(seed);

      it("raw uint32 outputs", () => {
        const r = g();
        const raw = Array.from({ length: 10 }, () => r.nextUint32());
        expect(raw).toEqual(nums(c.raw_uint32));
        expect(raw).toEqual(nums(c.random_raw));
      });

      it("rand / uniform (exact)", () => {
        exact(randomSample(g(), 20), c.rand20);
        exact(uniform(g(), -2, 3, 10), c.uniform);
      });

      it("randn / normal (odd count uses the cached Gaussian)", () => {
        expectClose(standardNormal(g(), 21), nums(c.randn21));
        expectClose(normal(g(), 5, 2, 10), nums(c.normal));
      });

      it("interleaved rand and randn", () => {
        const r = g();
        const [a, b, d, e, f, h] = c.interleaved as unknown[];
        exact(randomSample(r, 3), a);
        expectClose(standardNormal(r, 3), nums(b));
        exact(randomSample(r, 2), d);
        expectClose(standardNormal(r, 1), nums(e));
        exact(randomSample(r, 1), f);
        expectClose(standardNormal(r, 2), nums(h));
      });

      it("randint", () => {
        exact(randint(g(), 0, 10, 20), c.randint_0_10);
        exact(randint(g(), -5, 5, 20), c.randint_m5_5);
        exact(randint(g(), 0, 2 ** 31, 10), c.randint_0_2p31);
        exact(randint(g(), 0, 2 ** 32, 5), c.randint_0_2p32);
        exact(randint(g(), 0, 2 ** 32 + 5, 5), c.randint_0_2p32p5);
        exact(randint(g(), -(2 ** 52), 2 ** 52 - 1, 5), c.randint_big);
        // A one-value range consumes no randomness.
        const r = g();
        const [ones, after] = c.randint_0_1_then_rand as unknown[];
        exact(randint(r, 0, 1, 5), ones);
        exact(randomSample(r, 3), after);
      });

      it("permutation / shuffle", () => {
        exact(permutation(g(), 10), c.permutation10);
        exact(permutation(g(), 1), c.permutation1);
        exact(permutation(g(), 1000), c.permutation1000);
        const list = Array.from({ length: 12 }, (_, i) => i);
        g().shuffle(list);
        expect(list).toEqual(nums(c.shuffle_list12));
      });

      it("choice", () => {
        const p = fx.p as number[];
        exact(choice(g(), 5, 10), c.choice_5_10);
        exact(choice(g(), 5, 3, { replace: false }), c.choice_5_3_noreplace);
        exact(choice(g(), 5, 10, { p }), c.choice_5_10_p);
        exact(choice(g(), 5, 3, { replace: false, p }), c.choice_5_3_noreplace_p);
        exact(choice(g(), 5, 5, { replace: false, p }), c.choice_5_5_noreplace_p);
        exact(choice(g(), 5, 3, { replace: false, p: fx.p_sparse }), c.choice_5_3_noreplace_psparse);
        const p100 = Array.from({ length: 100 }, (_, i) => (i + 1) / 5050);
        exact(choice(g(), 100, 30, { replace: false, p: p100 }), c.choice_100_30_noreplace_p);
        // replace=False without p shuffles the whole population even for 0 samples.
        const r = g();
        const [none, after] = c.choice_5_0_noreplace_then_rand as unknown[];
        exact(choice(r, 5, 0, { replace: false }), none);
        exact(randomSample(r, 2), after);
      });

      it("internal state matches get_state()", () => {
        const r = g();
        randomSample(r, 5);
        standardNormal(r, 3);
        const s = r.getState();
        const want = c.state_after;
        expect(Array.from(s.key.slice(0, 8))).toEqual(nums(want.key_head));
        expect(Array.from(s.key.slice(-4))).toEqual(nums(want.key_tail));
        expect(s.pos).toBe(want.pos);
        expect(s.hasGauss).toBe(Boolean(want.has_gauss));
        expectClose([s.gauss], [want.gauss]);
        exact(randomSample(r, 2), want.next);
      });
    });
  }
});

describe("MT19937 state and seeding", () => {
  it("getState/setState reproduces a sequence, including the cached Gaussian", () => {
    const r = new MT19937(7);
    standardNormal(r, 3); // leaves a cached Gaussian
    const saved = r.getState();
    const first = [...standardNormal(r, 5), ...randomSample(r, 700), ...randint(r, 0, 1000, 10)];
    r.setState(saved);
    const again = [...standardNormal(r, 5), ...randomSample(r, 700), ...randint(r, 0, 1000, 10)];
    expect(again).toEqual(first);
    // getState returns a copy: changing it does not touch the generator.
    const s2 = r.getState();
    s2.key.fill(0);
    r.setState(saved);
    expect([...standardNormal(r, 5)]).toEqual(first.slice(0, 5));
    const other = new MT19937(1);
    other.setState(saved);
    expect(Array.from(standardNormal(other, 5))).toEqual(first.slice(0, 5));
  });

  it("seed() resets the generator and the cached Gaussian", () => {
    const r = new MT19937(3);
    standardNormal(r, 1); // caches the second value of a pair
    r.seed(3);
    expect(Array.from(standardNormal(r, 4))).toEqual(Array.from(standardNormal(new MT19937(3), 4)));
  });

  it("rejects bad seeds and states", () => {
    for (const bad of [-1, 2 ** 32, 1.5, NaN, Infinity]) {
      expect(() => new MT19937(bad)).toThrow(RangeError);
      expect(() => new MT19937(0).seed(bad)).toThrow(/Seed must be/);
    }
    expect(() => new MT19937(2 ** 32 - 1)).not.toThrow();
    const r = new MT19937(0);
    expect(() => r.setState({ key: new Uint32Array(10), pos: 0, hasGauss: false, gauss: 0 })).toThrow(
      /length 624/,
    );
    expect(() => r.setState({ key: new Uint32Array(624), pos: 625, hasGauss: false, gauss: 0 })).toThrow(
      /pos/,
    );
  });

  it("an unseeded generator works", () => {
    const x = randomSample(new MT19937(), 5);
    for (const v of x) expect(v >= 0 && v < 1).toBe(true);
  });
});

describe("validation errors", () => {
  const g = new MT19937(0);
  it("randint", () => {
    expect(() => randint(g, 5, 5, 3)).toThrow("low >= high");
    expect(() => randint(g, 6, 5, 3)).toThrow("low >= high");
    expect(() => g.boundedInt(1, 1)).toThrow("low >= high");
    expect(randint(g, 5, 5, 0).length).toBe(0); // NumPy returns an empty array before checking
    expect(() => randint(g, 0, 2 ** 60, 1)).toThrow(RangeError);
    expect(() => randint(g, 0.5, 3, 1)).toThrow(RangeError);
    expect(() => randint(g, 0, 3, -1)).toThrow(RangeError);
  });

  it("randomInterval", () => {
    expect(g.randomInterval(0)).toBe(0);
    expect(() => g.randomInterval(-1)).toThrow(RangeError);
    expect(() => g.randomInterval(2 ** 53)).toThrow(RangeError);
    for (let i = 0; i < 50; i++) {
      const v = g.randomInterval(2 ** 53 - 1);
      expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
      const w = g.randomInterval(2 ** 40 + 3);
      expect(w >= 0 && w <= 2 ** 40 + 3).toBe(true);
    }
  });

  it("uniform / normal", () => {
    expect(() => uniform(g, -Number.MAX_VALUE, Number.MAX_VALUE, 1)).toThrow("Range exceeds valid bounds");
    expect(() => normal(g, 0, -1, 1)).toThrow("scale < 0");
    expect(Array.from(uniform(g, 2, 2, 3))).toEqual([2, 2, 2]);
  });

  it("choice", () => {
    expect(() => choice(g, 5, 6, { replace: false })).toThrow(
      "Cannot take a larger sample than population when 'replace=False'",
    );
    expect(() => choice(g, 3, 2, { p: [0.5, 0.5, 0.5] })).toThrow("probabilities do not sum to 1");
    expect(() => choice(g, 3, 2, { p: [0.5, 0.5] })).toThrow("'a' and 'p' must have same size");
    expect(() => choice(g, 3, 2, { p: [1.5, -0.5, 0] })).toThrow("probabilities are not non-negative");
    expect(() => choice(g, 2, 1, { p: [NaN, 1] })).toThrow("probabilities contain NaN");
    expect(() => choice(g, 3, 3, { replace: false, p: [0.5, 0.5, 0] })).toThrow(
      "Fewer non-zero entries in p than size",
    );
    expect(() => choice(g, 0, 3)).toThrow("a must be greater than 0 unless no samples are taken");
    expect(() => choice(g, 3, -1)).toThrow("negative dimensions are not allowed");
    // Within sqrt(eps) of 1 is accepted, as in NumPy.
    expect(choice(g, 2, 4, { p: [0.5, 0.5 + 1e-9] }).length).toBe(4);
  });
});
