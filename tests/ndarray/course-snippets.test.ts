// The NumPy snippets of the course (../shared/seeds/004), written line for line with our np.
// Expected values were printed by NumPy 1.24 running the original Python.
import { describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";

const sigmoid = (z: NDArray): NDArray => np.divide(1, np.add(1, np.exp(np.negative(z))));

describe("course NumPy snippets, line for line", () => {
  it("binary log-loss of y=[1,0,1,1,0], p=[0.9,0.1,0.8,0.7,0.2]", () => {
    const yTrue = np.array([1, 0, 1, 1, 0]);
    let yPred = np.array([0.9, 0.1, 0.8, 0.7, 0.2]);
    const eps = 1e-15;
    yPred = np.clip(yPred, eps, 1 - eps);
    const N = yTrue.shape[0];
    const loss = np.sum(yTrue.multiply(np.log(yPred)).add(np.subtract(1, yTrue).multiply(np.log(np.subtract(1, yPred)))))
      .multiply(-1 / N);
    expect(loss.item()).toBeCloseTo(0.20273661557656092, 14);
    expect(loss.item().toFixed(4)).toBe("0.2027");
  });

  it("multi-class log-loss, 3 samples and 4 classes", () => {
    const yTrue = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]);
    let yPred = np.array([[0.9, 0.05, 0.03, 0.02], [0.1, 0.7, 0.1, 0.1], [0.05, 0.05, 0.8, 0.1]]);
    yPred = np.clip(yPred, 1e-15, 1 - 1e-15);
    const N = yTrue.shape[0];
    const loss = np.sum(yTrue.multiply(np.log(yPred))).multiply(-1 / N);
    expect(loss.item()).toBeCloseTo(0.22839300363692283, 14);
  });

  it("cross-entropy of the four events: -ln(0.6)-ln(0.2)-ln(0.1)-ln(0.7) ≈ 4.8", () => {
    const ce = np.log(np.array([0.6, 0.2, 0.1, 0.7])).sum().negative().item();
    expect(ce).toBeCloseTo(4.779523573132869, 13);
    expect(ce.toFixed(1)).toBe("4.8");
  });

  it("logistic regression by gradient ascent on X=[[1,2],[2,3],[3,4],[4,5]], y=[0,0,1,1]", () => {
    const gradient = (X: NDArray, y: NDArray, w: NDArray, b: number): [NDArray, number] => {
      const z = np.dot(X, w).add(b);
      const error = y.subtract(sigmoid(z));
      return [np.dot(X.T, error), np.sum(error).item()];
    };
    const X = np.array([[1, 2], [2, 3], [3, 4], [4, 5]]);
    const y = np.array([0, 0, 1, 1]);
    const [, n] = X.shape;
    let w = np.zeros(n);
    let b = 0;
    const learningRate = 0.1;
    for (let i = 0; i < 1000; i++) {
      const [gradW, gradB] = gradient(X, y, w, b);
      w = w.add(gradW.multiply(learningRate));
      b += learningRate * gradB;
    }
    np.assertAllClose(w, [6.532835893294808, -2.138293160702453], { rtol: 1e-12 });
    expect(b).toBeCloseTo(-8.67112905399728, 11);
    const z = np.dot(X, w).add(b);
    const ll = np.sum(y.multiply(np.log(sigmoid(z))).add(np.subtract(1, y).multiply(np.log(np.subtract(1, sigmoid(z))))));
    expect(ll.item()).toBeCloseTo(-0.2163166217964268, 11);
  });

  it("forward pass with weights drawn by np.random.normal(0, n**-0.5) after seed(42)", () => {
    np.random.seed(42);
    const nInputs = 3, nHidden = 2;
    const weightsInputToHidden = np.random.normal(0, nInputs ** -0.5, [nInputs, nHidden]);
    const weightsHiddenToOutput = np.random.normal(0, nHidden ** -0.5, [nHidden]);
    // NumPy draws the very same numbers (same generator, same order).
    np.assertAllClose(weightsInputToHidden, [[0.2867780499513321, -0.07982693150049895],
      [0.37394315182347, 0.8793216975810104], [-0.13518851392817732, -0.1351790351218492]], { rtol: 1e-14 });
    np.assertAllClose(weightsHiddenToOutput, [1.1166720907819767, 0.5426583011020832], { rtol: 1e-14 });
    const x = np.array([0.5, -0.2, 0.1]);
    const hiddenLayerOut = sigmoid(np.dot(x, weightsInputToHidden));
    const outputLayerOut = sigmoid(np.dot(hiddenLayerOut, weightsHiddenToOutput));
    np.assertAllClose(hiddenLayerOut, [0.513766905275053, 0.4429259170204369], { rtol: 1e-13 });
    expect(outputLayerOut.item()).toBeCloseTo(0.6929753923147134, 13);
    expect(outputLayerOut.shape).toEqual([]);
  });

  it("an epoch of weight steps accumulated with zeros(weights.shape) and divided by n_records", () => {
    const features = np.array([[0.1, 0.3], [0.2, -0.1], [-0.4, 0.5]]);
    const targets = np.array([1, 0, 1]);
    let weights = np.array([0.5, -0.5]);
    let delW = np.zeros(weights.shape);
    for (let i = 0; i < features.shape[0]; i++) {
      const x = features.slice(i), yi = targets.get(i);
      const output = sigmoid(np.dot(x, weights)).item();
      const errorTerm = (yi - output) * output * (1 - output);
      delW = delW.add(x.multiply(errorTerm));
    }
    weights = weights.add(delW.multiply(0.5 / features.shape[0]));
    // The same loop in NumPy prints these weights.
    np.assertAllClose(weights, [0.48804947304926255, -0.47912865059489435], { rtol: 1e-13 });
  });
});
