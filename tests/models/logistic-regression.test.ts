// Logistic regression (lessons 04–05) against NumPy (values from /usr/bin/python3 running the
// same formulas in float64), on the course's data X = [[1,2],[2,3],[3,4],[4,5]], y = [0,0,1,1].
import { describe, expect, it } from "vitest";
import { gradcheck, models, nn, np, tensor } from "../../lib/index";

const X = [[1, 2], [2, 3], [3, 4], [4, 5]];
const y = [0, 0, 1, 1];

describe("log-loss and its gradient", () => {
  it("matches NumPy at W = (0.5, −0.25), b = 0.1", () => {
    expect(models.logLoss(X, y, [0.5, -0.25], 0.1)).toBeCloseTo(0.6052829586051074, 14);
    const g = models.logisticGradient(X, y, [0.5, -0.25], 0.1);
    np.assertAllClose(g.dW, [-0.14063704152828044, -0.02618198775427072], { rtol: 1e-12 });
    expect(g.db).toBeCloseTo(0.11445505377400961, 14);
  });

  it("is ln 2 at W = 0, and agrees with nn.logLoss on the predicted probabilities", () => {
    expect(models.logLoss(X, y, [0, 0], 0)).toBeCloseTo(Math.LN2, 15);
    const p = models.logisticPredict(X, [0.5, -0.25], 0.1);
    expect(nn.logLoss(p, y).item()).toBeCloseTo(models.logLoss(X, y, [0.5, -0.25], 0.1), 13);
  });

  it("stays finite where a probability rounds to 1", () => {
    expect(models.logLoss([[100]], [0], [1], 0)).toBeCloseTo(100, 10);
    expect(models.logLoss([[100]], [1], [1], 0)).toBeCloseTo(0, 15);
  });

  it("is the gradient autograd finds, −(y − ŷ)(x, 1) averaged", () => {
    const Xt = np.array(X), yt = np.array(y);
    const W = tensor([0.3, -0.7], { requiresGrad: true }), b = tensor(0.2, { requiresGrad: true });
    const loss = nn.binaryCrossEntropy(nn.sigmoid(tensor(Xt).matmul(W).add(b)), yt);
    loss.backward();
    const g = models.logisticGradient(X, y, [0.3, -0.7], 0.2);
    np.assertAllClose(W.grad!, g.dW, { rtol: 1e-10 });
    expect(b.grad!.item()).toBeCloseTo(g.db, 12);
    expect(gradcheck((w: any, bb: any) => nn.binaryCrossEntropy(nn.sigmoid(tensor(Xt).matmul(w).add(bb)), yt), [[0.3, -0.7], 0.2])).toBe(true);
  });
});

describe("trainLogisticRegression", () => {
  it("follows NumPy's batch gradient descent (lr 0.1, 1000 epochs, from zeros)", () => {
    const r = models.trainLogisticRegression(X, y, { lr: 0.1, epochs: 1000 });
    np.assertAllClose(r.W, [3.676401080831826, -1.1737126217476566], { rtol: 1e-9 });
    expect(r.b).toBeCloseTo(-4.85011370257949, 8);
    expect(r.losses.length).toBe(1001);
    expect(r.losses[0]).toBeCloseTo(0.6931471805599453, 14);
    expect(r.losses[1]).toBeCloseTo(0.6558818922711519, 14);
    expect(r.losses[1000]).toBeCloseTo(0.14004100260740554, 10);
    np.assertArrayEqual(models.logisticPredict(X, r.W, r.b).greaterEqual(0.5), [false, false, true, true]);
  });

  it("one step is logisticRegressionStep", () => {
    const step = models.logisticRegressionStep([0, 0], 0, X, y, 0.1);
    const r = models.trainLogisticRegression(X, y, { lr: 0.1, epochs: 1 });
    np.assertAllClose(r.W, step.W);
    expect(r.b).toBe(step.b);
  });

  it("stochastic mode is the course's per-point update W + α(y − ŷ)x", () => {
    const r = models.trainLogisticRegression(X, y, { lr: 0.1, epochs: 1, mode: "stochastic" });
    np.assertAllClose(r.W, [0.2229826438829327, 0.24157163298765796], { rtol: 1e-12 });
    expect(r.b).toBeCloseTo(0.018588989104725295, 14);
  });

  it("starts from seeded random weights of scale 1/√n when a seed is given", () => {
    const r = models.trainLogisticRegression(X, y, { epochs: 0, seed: 5 });
    np.assertArrayEqual(r.W, new np.random.RandomState(5).normal(0, 1 / Math.SQRT2, [2]));
    expect(r.b).toBe(0);
  });
});

describe("gradient ascent on the log-likelihood", () => {
  it("reproduces the course's MLE code (lr 0.1, 1000 iterations, from zeros) as NumPy runs it", () => {
    const r = models.trainByLikelihoodAscent(X, y, { lr: 0.1, epochs: 1000 });
    np.assertAllClose(r.W, [6.532835893294808, -2.138293160702453], { rtol: 1e-9 });
    expect(r.b).toBeCloseTo(-8.67112905399728, 8);
    expect(r.logLikelihoods[1000]).toBeCloseTo(-0.2163166217964268, 9);
    expect(r.logLikelihoods[0]).toBeCloseTo(-4 * Math.LN2, 14);
  });

  it("ℓ = −m·E, its gradient is −m times E's, and ascent with lr equals descent with lr·m", () => {
    expect(models.logLikelihood(X, y, [0.5, -0.25], 0.1)).toBeCloseTo(-4 * 0.6052829586051074, 13);
    const up = models.logLikelihoodGradient(X, y, [0.5, -0.25], 0.1), down = models.logisticGradient(X, y, [0.5, -0.25], 0.1);
    np.assertAllClose(up.dW, down.dW.multiply(-4));
    const a = models.trainByLikelihoodAscent(X, y, { lr: 0.05, epochs: 50 });
    const d = models.trainLogisticRegression(X, y, { lr: 0.2, epochs: 50 });
    np.assertAllClose(a.W, d.W, { rtol: 1e-12 });
  });
});

describe("bad inputs", () => {
  it("says what is wrong", () => {
    expect(() => models.trainLogisticRegression(X, [0, 1, 1])).toThrow("trainLogisticRegression: y must have shape (4,), one target per row of X, got (3,)");
    expect(() => models.trainLogisticRegression(X, [[0], [0], [1], [1]])).toThrow(/hint: flatten a column of targets with y.reshape\(-1\)/);
    expect(() => models.trainLogisticRegression(X, [0, 0, 1, 2])).toThrow("targets must lie in [0, 1], got 2 at position 3");
    expect(() => models.trainLogisticRegression(X, y, { mode: "minibatch" as any })).toThrow('mode must be "batch" or "stochastic"');
    expect(() => models.logisticGradient(X, y, [[1], [2]], 0)).toThrow(/W must have shape \(2,\).*\nhint: flatten it with W.reshape\(-1\)/);
    expect(() => models.logisticRegressionStep([0, 0], 0, X, y, -1)).toThrow("lr must be a positive number, got -1");
    expect(() => models.logLoss([1, 2, 3], y, [0], 0)).toThrow("logLoss: X must be 2-D");
    expect(() => models.trainByLikelihoodAscent(X, y, { epochs: -1 })).toThrow("epochs must be a whole number >= 0, got -1");
  });
});
