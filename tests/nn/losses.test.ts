// Losses against the course's worked numbers and NumPy; gradients by gradcheck; bad input.
import { describe, expect, it } from "vitest";
import { np, nn, tensor, gradcheck, Tensor } from "../../lib/index";

describe("loss values", () => {
  it("binary log-loss of the course's y=[1,0,1,1,0], p=[0.9,0.1,0.8,0.7,0.2]", () => {
    const loss = nn.binaryCrossEntropy(np.array([0.9, 0.1, 0.8, 0.7, 0.2]), np.array([1, 0, 1, 1, 0]));
    expect(loss.item()).toBeCloseTo(0.20273661557656092, 14);
    expect(nn.logLoss([0.9, 0.1, 0.8, 0.7, 0.2], [1, 0, 1, 1, 0]).item()).toBeCloseTo(0.20273661557656092, 14);
  });

  it("log-loss stays finite for confident wrong float32 probabilities (1 − eps rounds to 1 in float32)", () => {
    const p = np.array([1, 0, 0.5], { dtype: "float32" }), y = np.array([0, 1, 1], { dtype: "float32" });
    // NumPy: -log(float32(1e-15)) = 34.53877639770508 on both saturated sides, -log(float32(0.5))
    expect(nn.binaryCrossEntropy(p, y, { reduction: "none" }).toArray()).toEqual([34.53877639770508, 34.53877639770508, 0.6931471824645996]);
    const t = tensor(p, { requiresGrad: true });
    nn.binaryCrossEntropy(t, y).backward();
    expect(t.grad!.isfinite().all().item()).toBeTruthy();
    expect(nn.binaryCrossEntropy(np.array([1, 0]), np.array([0, 1]), { reduction: "none" }).isfinite().all().item()).toBeTruthy();
  });

  it("the course's 3-sample, 4-class log-loss, with one-hot or integer labels", () => {
    const p = np.array([[0.9, 0.05, 0.03, 0.02], [0.1, 0.7, 0.1, 0.1], [0.05, 0.05, 0.8, 0.1]]);
    const oneHot = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]);
    expect(nn.categoricalCrossEntropy(p, oneHot).item()).toBeCloseTo(0.22839300363692283, 14);
    expect(nn.categoricalCrossEntropy(p, [0, 1, 2]).item()).toBeCloseTo(0.22839300363692283, 14);
  });

  it("-ln(0.6)-ln(0.2)-ln(0.1)-ln(0.7) ≈ 4.8 as a summed cross-entropy", () => {
    const p = np.array([[0.6, 0.4], [0.8, 0.2], [0.9, 0.1], [0.3, 0.7]]);
    const total = nn.categoricalCrossEntropy(p, [0, 1, 1, 1], { reduction: "sum" }).item();
    expect(total).toBeCloseTo(4.779523573132869, 13);
  });

  it("crossEntropy on logits equals categoricalCrossEntropy of the softmax, and nll of logSoftmax", () => {
    const logits = np.array([[2, 1, 0.1], [0.5, 2.5, -1]]);
    const labels = [0, 1];
    const a = nn.crossEntropy(logits, labels).item();
    expect(a).toBeCloseTo(nn.categoricalCrossEntropy(nn.softmax(logits), labels).item(), 14);
    expect(a).toBeCloseTo(nn.nll(nn.logSoftmax(logits), labels).item(), 14);
    // NumPy: -mean(log_softmax(logits)[range(2), labels])
    expect(a).toBeCloseTo(0.2851041117000608, 14);
    expect(nn.crossEntropy(np.array([[1000, -1000]]), [1]).item()).toBe(2000);
  });

  it("a logit masked with −∞ on a non-target class adds nothing (no 0·∞ = NaN), fused or through nll", () => {
    // NumPy: z = [[-inf, 0, 1], [2, -inf, 0.5]]; ls = log_softmax(z, 1); -ls[[0, 1], [1, 0]].mean()
    const z = np.array([[-Infinity, 0, 1], [2, -Infinity, 0.5]]);
    expect(nn.crossEntropy(z, [1, 0]).item()).toBeCloseTo(0.7573374827504876, 14);
    expect(nn.nll(nn.logSoftmax(z), [1, 0]).item()).toBeCloseTo(0.7573374827504876, 14);
    expect(nn.crossEntropy(z, [1, 0], { reduction: "none" }).toArray()[0]).toBeCloseTo(1.3132616875182228, 14);
    for (const fused of [true, false]) {
      const t = tensor(z, { requiresGrad: true });
      const loss = fused ? nn.crossEntropy(t, [1, 0]) : nn.nll(nn.logSoftmax(t), [1, 0]);
      loss.backward();
      const g = t.grad!.toArray() as number[][];
      expect(g.flat().every(Number.isFinite)).toBe(true);
      expect(g[0][0]).toBe(0); // softmax of −∞ is 0, and so is its target
      expect(g[0][1]).toBeCloseTo((0.2689414213699951 - 1) / 2, 14);
    }
  });

  it("binaryCrossEntropyWithLogits is stable and matches the probability version", () => {
    const zs = np.array([-3, -0.2, 0.4, 5]), y = np.array([0, 1, 1, 0]);
    expect(nn.binaryCrossEntropyWithLogits(zs, y).item()).toBeCloseTo(nn.binaryCrossEntropy(nn.sigmoid(zs), y).item(), 12);
    expect(nn.binaryCrossEntropyWithLogits(np.array([-1000, 1000]), np.array([1, 0]), { reduction: "none" }).toArray()).toEqual([1000, 1000]);
  });

  it("mse, and sse with the course's ½", () => {
    const yHat = np.array([1, 2, 4]), y = np.array([1, 3, 2]);
    expect(nn.mse(yHat, y).item()).toBeCloseTo(5 / 3, 15);
    expect(nn.sse(yHat, y).item()).toBe(2.5);
    expect(nn.mse(yHat, y, { reduction: "none" }).toArray()).toEqual([0, 1, 4]);
    expect(nn.mse(yHat, y, { reduction: "sum" }).item()).toBe(5);
  });

  it("penalties: λΣ|w|, λΣw², elastic net", () => {
    const w = tensor([[1, -2], [3, 0]], { requiresGrad: true }), b = tensor([-1], { requiresGrad: true });
    expect(nn.l1([w, b], 0.1).item()).toBeCloseTo(0.7, 15);
    expect(nn.l2([w, b], 0.1).item()).toBeCloseTo(1.5, 15);
    expect(nn.elasticNet(w, 1, 0.25).item()).toBeCloseTo(0.25 * 6 + 0.75 * 14, 14);
    nn.l2(w, 0.5).backward();
    expect(w.grad!.toArray()).toEqual([[1, -2], [3, 0]]); // 2λw
  });
});

describe("every reduction, with integer or one-hot labels (NumPy values)", () => {
  const p = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3]]), z = np.array([[2, -1, 0.5], [0.3, 0.2, -2]]);
  const labels = [0, 2], oneHot = np.array([[1, 0, 0], [0, 0, 1]]);
  it.each([["labels", labels], ["one-hot", oneHot]] as const)("categorical losses with %s", (_n, y) => {
    // NumPy: -log(p[range(2), y]) and -log_softmax(z)[range(2), y]
    np.assertAllClose(nn.categoricalCrossEntropy(p, y, { reduction: "none" }), [0.35667494393873245, 1.203972804325936], { rtol: 1e-13 });
    expect(nn.categoricalCrossEntropy(p, y, { reduction: "sum" }).item()).toBeCloseTo(1.5606477482646683, 13);
    expect(nn.categoricalCrossEntropy(p, y).item()).toBeCloseTo(1.5606477482646683 / 2, 13);
    np.assertAllClose(nn.crossEntropy(z, y, { reduction: "none" }), [0.24131129665715703, 2.995692070458299], { rtol: 1e-13 });
    expect(nn.crossEntropy(z, y, { reduction: "sum" }).item()).toBeCloseTo(3.2370033671154563, 13);
    np.assertAllClose(nn.nll(nn.logSoftmax(z), y, { reduction: "none" }), [0.24131129665715703, 2.995692070458299], { rtol: 1e-13 });
    expect(nn.nll(nn.logSoftmax(z), y, { reduction: "sum" }).item()).toBeCloseTo(3.2370033671154563, 13);
  });
  it("binary losses and sse", () => {
    const pb = np.array([0.9, 0.2, 0.6]), zb = np.array([1.5, -0.3, 4]), yb = np.array([1, 0, 0]);
    np.assertAllClose(nn.binaryCrossEntropy(pb, yb, { reduction: "none" }), [0.10536051565782628, 0.2231435513142097, 0.916290731874155], { rtol: 1e-13 });
    expect(nn.binaryCrossEntropy(pb, yb, { reduction: "sum" }).item()).toBeCloseTo(1.244794798846191, 13);
    np.assertAllClose(nn.binaryCrossEntropyWithLogits(zb, yb, { reduction: "none" }), [0.20141327798275238, 0.5543552444685271, 4.0181499279178094], { rtol: 1e-13 });
    expect(nn.binaryCrossEntropyWithLogits(zb, yb, { reduction: "sum" }).item()).toBeCloseTo(4.773918450369089, 13);
    expect(nn.sse(np.array([1, 3]), np.array([0, 1]), { reduction: "none" }).toArray()).toEqual([0.5, 2]);
    expect(nn.sse(np.array([1, 3]), np.array([0, 1]), { reduction: "mean" }).item()).toBe(1.25);
  });
  it.each(["none", "sum", "mean"] as const)("gradients with reduction %s", (reduction) => {
    for (const y of [labels, oneHot]) {
      expect(gradcheck((a) => nn.crossEntropy(a, y, { reduction }), [z])).toBe(true);
      expect(gradcheck((a) => nn.nll(nn.logSoftmax(a), y, { reduction }), [z])).toBe(true);
      expect(gradcheck((a) => nn.categoricalCrossEntropy(nn.softmax(a), y, { reduction }), [z])).toBe(true);
    }
    expect(gradcheck((a) => nn.binaryCrossEntropyWithLogits(a, oneHot, { reduction }), [z])).toBe(true);
    expect(gradcheck((a) => nn.binaryCrossEntropy(nn.sigmoid(a), oneHot, { reduction }), [z])).toBe(true);
    expect(gradcheck((a) => nn.mse(a, oneHot, { reduction }), [z])).toBe(true);
    expect(gradcheck((a) => nn.sse(a, oneHot, { reduction }), [z])).toBe(true);
  });
});

describe("loss gradients", () => {
  const labels = [2, 0, 1];
  it.each([
    ["mse", (p: Tensor) => nn.mse(p, np.array([[0.1, 0.2], [0.3, -0.5]]))],
    ["sse", (p: Tensor) => nn.sse(p, np.array([[0.1, 0.2], [0.3, -0.5]]))],
    ["bce with logits", (p: Tensor) => nn.binaryCrossEntropyWithLogits(p, np.array([[0, 1], [1, 0]]))],
    ["bce on probabilities", (p: Tensor) => nn.binaryCrossEntropy(nn.sigmoid(p), np.array([[0, 1], [1, 0]]))],
  ])("%s", (_n, f) => expect(gradcheck(f, [np.array([[0.3, -1.2], [2.0, 0.5]])])).toBe(true));
  it("crossEntropy with labels and with one-hot", () => {
    const logits = np.array([[0.3, -1.2, 0.8], [2.0, 0.5, -0.1], [0.0, 0.1, 0.2]]);
    expect(gradcheck((z) => nn.crossEntropy(z, labels), [logits])).toBe(true);
    expect(gradcheck((z) => nn.crossEntropy(z, np.eye(3)), [logits])).toBe(true);
  });
});

describe("bad input", () => {
  it("shape mismatch names both shapes", () => {
    expect(() => nn.mse(np.zeros([4, 1]), np.zeros([4]))).toThrow("mse: predictions have shape (4,1) but targets have shape (4,)");
  });
  it("probabilities outside [0, 1]", () => {
    expect(() => nn.binaryCrossEntropy(np.array([0.5, 1.2]), np.array([1, 0]))).toThrow(
      "binaryCrossEntropy: probabilities must lie in [0, 1], got values from 0.5 to 1.2");
  });
  it("class probabilities outside [0, 1], binary targets outside [0, 1]", () => {
    expect(() => nn.categoricalCrossEntropy(np.array([[1.5, -0.5]]), [0])).toThrow(
      "categoricalCrossEntropy: probabilities must lie in [0, 1], got values from -0.5 to 1.5");
    expect(() => nn.binaryCrossEntropy(np.array([0.1, 0.5]), np.array([0, 2]))).toThrow(
      "binaryCrossEntropy: targets must lie in [0, 1], got values from 0 to 2");
    expect(() => nn.crossEntropy(np.zeros([2, 3]), [[0], [1]])).toThrow(
      "crossEntropy: targets must be labels of shape (2,) or one-hot of shape (2, 3), got (2,1)");
    expect(() => nn.nll(np.zeros([2, 3]), [-1, 1])).toThrow("nll: label -1 at position 0 is not a class index in [0, 3)");
  });
  it("labels out of range, not integers, or of the wrong count", () => {
    const p = np.full([2, 3], 1 / 3);
    expect(() => nn.categoricalCrossEntropy(p, [0, 3])).toThrow("label 3 at position 1 is not a class index in [0, 3)");
    expect(() => nn.crossEntropy(p, [0.5, 1])).toThrow(/label 0.5 at position 0/);
    expect(() => nn.crossEntropy(p, [0, 1, 2])).toThrow("predictions have 2 rows but there are 3 labels");
    expect(() => nn.crossEntropy(p, np.zeros([2, 4]))).toThrow(/one-hot of shape \(2, 3\), got \(2,4\)/);
  });
  it("an unknown reduction", () => {
    expect(() => nn.mse([1], [2], { reduction: "avg" as any })).toThrow(/reduction must be "mean", "sum" or "none"/);
  });
});
