// Generated from notebooks/05-logistic-regression.ipynb by `npm run notebooks:tests`. Do not edit: change the notebook and regenerate.
import { beforeAll, describe, it } from "vitest";
import { notebookCase } from "../helpers/notebooks";

const nb = notebookCase("05-logistic-regression.ipynb");

describe("notebooks/05-logistic-regression.ipynb", () => {
  beforeAll(() => nb.run(), 600_000);
  it("cell 2: import { np, nn, plot, models, tensor, gradcheck, data, i...", () => nb.check(1));
  it("cell 4: const zs = np.linspace(-8, 8, 321);", () => nb.check(3));
  it("cell 5: plot.lines({ \"σ(z)\": s, \"σ'(z) = σ(z)(1 − σ(z))\": slopeBy...", () => nb.check(4));
  it("cell 7: const xOne = np.array([3, 4]), yOne = 1;", () => nb.check(6));
  it("cell 9: const X = np.array([[1, 2], [2, 3], [3, 4], [4, 5]]);", () => nb.check(8));
  it("cell 11: const lr = 0.1, numEpochs = 1000;", () => nb.check(10));
  it("cell 12: const fit = models.trainLogisticRegression(X, y, { lr, ep...", () => nb.check(11));
  it("cell 13: plot.line(fit.losses, { title: \"Log-loss while training (...", () => nb.check(12));
  it("cell 14: const seg = models.decisionBoundary(fit.W, fit.b, { xRang...", () => nb.check(13));
  it("cell 16: const fitPoint = models.trainLogisticRegression(X, y, { l...", () => nb.check(15));
  it("cell 18: const cancer = loadBreastCancer();", () => nb.check(17));
  it("cell 19: plot.line(cancerFit.losses, { title: \"Breast cancer: trai...", () => nb.check(18));
  it("cell 22: const mle = models.trainByLikelihoodAscent(X, y, { lr: 0....", () => nb.check(21));
  it("cell 24 [ignore-output]: const longRun = models.trainByLikelihoodAscent(X, y, { lr...", () => nb.check(23));
  it("cell 26: const WLine = np.array([1, 0]), bLine = -1.5;", () => nb.check(25));
  it("cell 28: const xc = X.slice(\":\", 0).subtract(2.5).reshape(-1, 1); ...", () => nb.check(27));
  it("cell 30: function descend(xData: number[], eta: number, steps: num...", () => nb.check(29));
  it("cell 32: console.log(\"points (0,0), (1,2), η = 0.4:\", descend([0, ...", () => nb.check(31));
  it("cell 34: const wGrid = np.linspace(-3, 7, 201);", () => nb.check(33));
  it("cell 36 [exercise]: function sigmoidDerivative(z: np.NDArray): np.NDArray {", () => nb.check(35));
  it("cell 37 [exercise-tests]: np.assertAllClose(sigmoidDerivative(np.array([0])), [0.25]);", () => nb.check(36));
  it("cell 39 [exercise]: function logLossGradient(X: np.NDArray, y: np.NDArray, W:...", () => nb.check(38));
  it("cell 40 [exercise-tests]: {", () => nb.check(39));
  it("cell 42 [exercise]: function fitLogistic(X: np.NDArray, y: np.NDArray, lr: nu...", () => nb.check(41));
  it("cell 43 [exercise-tests]: {", () => nb.check(42));
});
