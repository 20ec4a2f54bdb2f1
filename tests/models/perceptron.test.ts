// The perceptron and the perceptron trick (lesson 03), on hand-computed steps.
import { describe, expect, it } from "vitest";
import { models, np } from "../../lib/index";

describe("perceptronTrick", () => {
  it("moves the line towards a positive point predicted negative: W + αx, b + α", () => {
    // score 1·1 + 1·1 − 3 = −1 < 0, so ŷ = 0 but y = 1
    const r = models.perceptronTrick([1, 1], -3, [1, 1], 1, 0.1);
    expect(r.updated).toBe(true);
    np.assertAllClose(r.W, [1.1, 1.1]);
    expect(r.b).toBeCloseTo(-2.9, 15);
  });

  it("moves the line away from a negative point predicted positive: W − αx, b − α", () => {
    // score 3 + 4 − 3 = 4 ≥ 0, so ŷ = 1 but y = 0
    const r = models.perceptronTrick([1, 1], -3, [3, 4], 0, 0.1);
    np.assertAllClose(r.W, [0.7, 0.6]);
    expect(r.b).toBeCloseTo(-3.1, 15);
  });

  it("leaves a correctly classified point alone, and a score of exactly 0 counts as positive", () => {
    const r = models.perceptronTrick([1, 1], -2, [1, 1], 1, 0.5);
    expect(r.updated).toBe(false);
    np.assertArrayEqual(r.W, [1, 1]);
    expect(r.b).toBe(-2);
    np.assertArrayEqual(models.perceptronPredict([[1, 1], [0, 0]], [1, 1], -2), [1, 0]);
  });

  it("does not modify its inputs", () => {
    const W = np.array([1, 1]);
    models.perceptronTrick(W, -3, [1, 1], 1, 0.1);
    np.assertArrayEqual(W, [1, 1]);
  });
});

describe("perceptronStep", () => {
  it("visits the points in order, each seeing the line the previous one left", () => {
    // (1,1), y=1: ŷ=0 → W=(1.1,1.1), b=−2.9; (3,4), y=0: 3.3+4.4−2.9 = 4.8 ≥ 0 → W=(0.8,0.7), b=−3.0
    const r = models.perceptronStep([1, 1], -3, [[1, 1], [3, 4]], [1, 0], 0.1);
    np.assertAllClose(r.W, [0.8, 0.7]);
    expect(r.b).toBeCloseTo(-3.0, 14);
    expect(r.updates).toBe(2);
  });
});

function separableCloud(seed: number): { X: ReturnType<typeof np.array>; y: ReturnType<typeof np.array> } {
  const rng = new np.random.RandomState(seed);
  const X = rng.uniform(-1, 1, [60, 2]);
  // label by a line x₂ = 0.5x₁ + 0.1, keeping only points at least 0.1 away from it (a margin)
  const score = X.slice(":", 1).subtract(X.slice(":", 0).multiply(0.5)).subtract(0.1);
  const keep = score.abs().greater(0.1);
  const idx = np.nonzero(keep)[0];
  return { X: np.take(X, idx, { axis: 0 }), y: np.take(score.greater(0).astype("float64"), idx) };
}

describe("trainPerceptron", () => {
  it("converges on separable data and records the line after every epoch", () => {
    const { X, y } = separableCloud(3);
    const r = models.trainPerceptron(X, y, { lr: 0.1, epochs: 200, seed: 0 });
    expect(r.converged).toBe(true);
    expect(r.history[0].epoch).toBe(0);
    expect(r.history.length).toBe(r.epochs + 1);
    expect(r.history[r.history.length - 1].errors).toBe(0);
    np.assertArrayEqual(models.perceptronPredict(X, r.W, r.b), y);
    // the final snapshot is the returned line; earlier ones are copies that later epochs did not touch
    np.assertArrayEqual(r.history[r.epochs].W, r.W);
    expect(r.history[0].W.shape).toEqual([2]);
    expect(r.history[0].errors).toBeGreaterThan(0);
  });

  it("is reproducible from its seed and replays perceptronStep epoch by epoch", () => {
    const { X, y } = separableCloud(3);
    const a = models.trainPerceptron(X, y, { lr: 0.1, epochs: 5, seed: 1, stopWhenConverged: false });
    const b = models.trainPerceptron(X, y, { lr: 0.1, epochs: 5, seed: 1, stopWhenConverged: false });
    np.assertArrayEqual(a.W, b.W);
    const start = new np.random.RandomState(1);
    const W0 = start.uniform(-1, 1, [2]), b0 = start.uniform(-1, 1);
    np.assertArrayEqual(a.history[0].W, W0);
    expect(a.history[0].b).toBe(b0);
    let W = W0, bias = b0;
    for (let e = 1; e <= 5; e++) {
      ({ W, b: bias } = models.perceptronStep(W, bias, X, y, 0.1));
      np.assertArrayEqual(a.history[e].W, W);
      expect(a.history[e].b).toBe(bias);
    }
  });

  it("never converges on XOR, which no line separates", () => {
    const r = models.trainPerceptron([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], { lr: 0.1, epochs: 100, seed: 0 });
    expect(r.converged).toBe(false);
    expect(r.epochs).toBe(100);
    expect(Math.min(...r.history.map((h) => h.errors))).toBeGreaterThanOrEqual(1);
  });

  it("starts from given weights", () => {
    const r = models.trainPerceptron([[1, 1], [3, 4]], [1, 0], { lr: 0.1, epochs: 1, W: [1, 1], b: -3, stopWhenConverged: false });
    np.assertAllClose(r.history[1].W, [0.8, 0.7]);
  });
});

describe("decisionBoundary", () => {
  const box = { xRange: [0, 2] as [number, number], yRange: [0, 2] as [number, number] };
  it("clips the line w₁x + w₂y + b = 0 to the box", () => {
    const seg = models.decisionBoundary([1, 1], -1, box)!;
    expect(seg.x).toEqual([0, 1]);
    expect(seg.y).toEqual([1, 0]);
  });
  it("handles vertical lines and lines that miss the box", () => {
    expect(models.decisionBoundary([1, 0], -1, box)).toEqual({ x: [1, 1], y: [0, 2] });
    expect(models.decisionBoundary([1, 1], 10, box)).toBeNull();
    expect(models.decisionBoundary([0, 0], 1, box)).toBeNull();
  });
});

describe("bad inputs", () => {
  it("names the function, the shapes and the fix", () => {
    expect(() => models.perceptronStep([1, 1], 0, [1, 2], [1], 0.1)).toThrow(/perceptronStep: X must be 2-D .* got shape \(2,\)\nhint: .*reshape\(1, -1\)/);
    expect(() => models.perceptronStep([1, 1], 0, [[1, 2]], [1, 0], 0.1)).toThrow("perceptronStep: y must have shape (1,), one target per row of X, got (2,)");
    expect(() => models.perceptronStep([1, 1, 1], 0, [[1, 2]], [1], 0.1)).toThrow("W must have shape (2,)");
    expect(() => models.trainPerceptron([[1, 2]], [2])).toThrow("trainPerceptron: labels must be 0 or 1, got 2 at position 0");
    expect(() => models.trainPerceptron([[1, 2]], [1], { lr: 0 })).toThrow("lr must be a positive number, got 0");
    expect(() => models.trainPerceptron([[1, 2]], [1], { epochs: 1.5 })).toThrow("epochs must be a whole number");
    expect(() => models.perceptronTrick([1, 1], 0, [1, 1], 0.5, 0.1)).toThrow("the label y must be 0 or 1");
    expect(() => models.perceptronTrick([1, 1], NaN, [1, 1], 1, 0.1)).toThrow("b must be a finite number");
    const err = (() => { try { models.perceptronStep([1, 1], 0, [[1, 2]], [[1]], 0.1); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(np.NDArrayError);
    expect((err as InstanceType<typeof np.NDArrayError>).code).toBe("shape");
  });
});
