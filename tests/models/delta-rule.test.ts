// The delta rule (lesson 06) against the course's NumPy loop, run by /usr/bin/python3:
//   np.random.seed(42); weights = np.random.normal(scale=1/n**.5, size=n)
//   for each epoch: del_w += (y − out)·out·(1 − out)·x over the records; weights += lr·del_w/m
import { describe, expect, it } from "vitest";
import { models, np } from "../../lib/index";

// np.random.RandomState(7).rand(6, 3) from NumPy
const F = [
  [0.07630828937395717, 0.7799187922401146, 0.4384092314408935],
  [0.7234651778309412, 0.9779895119966027, 0.5384958704104337],
  [0.5011204636599379, 0.07205113335976154, 0.26843898010187117],
  [0.49988250082555996, 0.6792299961209405, 0.8037390361043755],
  [0.3809411331485384, 0.06593634690590511, 0.28814559930799355],
  [0.9095935277196137, 0.2133853535799155, 0.4521239618176831],
];
const T = [0, 1, 1, 0, 1, 0];

describe("delta rule", () => {
  it("starts from N(0, 1/n) weights, as np.random.normal(scale=1/√n) after np.random.seed(42)", () => {
    np.random.seed(42);
    np.assertAllClose(models.deltaRuleInit(3), [0.28677804995133216, -0.07982693150049897, 0.37394315182347004], { rtol: 1e-12 });
    np.assertArrayEqual(models.deltaRuleInit(3, { seed: 42 }), new np.random.RandomState(42).normal(0, 1 / Math.sqrt(3), [3]));
  });

  it("trains like the course's loop (lr 0.5, 5 epochs) in both forms", () => {
    for (const form of ["loop", "vectorized"] as const) {
      const r = models.trainDeltaRule(F, T, { lr: 0.5, epochs: 5, seed: 42, form });
      np.assertAllClose(r.W, [0.2704450299872763, -0.12660261342460286, 0.32426222757150563], { rtol: 1e-10 });
      expect(r.b).toBe(0);
      np.assertAllClose(r.losses, [0.26140531400054723, 0.26056470811528537, 0.25975486526054725,
        0.2589748473294137, 0.2582237116839658, 0.2575005152880272], { rtol: 1e-10 });
    }
  });

  it("loop and vectorized steps agree, with a bias too", () => {
    const a = models.deltaRuleStep([0.1, -0.2, 0.3], 0.05, F, T, 0.7, { form: "loop" });
    const b = models.deltaRuleStep([0.1, -0.2, 0.3], 0.05, F, T, 0.7);
    np.assertAllClose(a.W, b.W, { rtol: 1e-13 });
    expect(a.b).toBeCloseTo(b.b, 14);
    expect(a.b).not.toBe(0.05);
    expect(models.deltaRuleStep([0.1, -0.2, 0.3], 0.05, F, T, 0.7, { updateBias: false }).b).toBe(0.05);
  });

  it("one step by hand: x = (1, 2), y = 1, W = 0, b = 0", () => {
    // ŷ = σ(0) = 0.5, δ = (1 − 0.5)·0.5·0.5 = 0.125, ΔW = 1·0.125·(1, 2) = (0.125, 0.25)
    const r = models.deltaRuleStep([0, 0], 0, [[1, 2]], [1], 1);
    np.assertAllClose(r.W, [0.125, 0.25]);
    expect(r.b).toBeCloseTo(0.125, 15);
  });

  it("learns a bias when asked and lowers the error", () => {
    const r = models.trainDeltaRule(F, T, { lr: 2, epochs: 300, seed: 0, bias: true });
    expect(r.b).not.toBe(0);
    expect(r.losses[300]).toBeLessThan(r.losses[0]);
    expect(models.sigmoidUnitMSE(F, T, r.W, r.b)).toBeCloseTo(r.losses[300], 14);
  });

  it("rejects bad inputs", () => {
    expect(() => models.trainDeltaRule(F, [0, 1, 2, 0, 1, 0])).toThrow("trainDeltaRule: targets must lie in [0, 1], got 2 at position 2");
    expect(() => models.trainDeltaRule(F, T, { form: "matrix" as any })).toThrow('form must be "vectorized" or "loop"');
    expect(() => models.deltaRuleStep([0, 0], 0, F, T, 0.5)).toThrow("deltaRuleStep: W must have shape (3,), one weight per feature of X, got (2,)");
    expect(() => models.deltaRuleInit(0)).toThrow("n must be a positive whole number");
    expect(() => models.trainDeltaRule(F, T, { lr: Infinity })).toThrow("lr must be a positive number, got Infinity");
  });
});
