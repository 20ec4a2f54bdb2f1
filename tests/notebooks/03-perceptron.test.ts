// Generated from notebooks/03-perceptron.ipynb by `npm run notebooks:tests`. Do not edit: change the notebook and regenerate.
import { beforeAll, describe, it } from "vitest";
import { notebookCase } from "../helpers/notebooks";

const nb = notebookCase("03-perceptron.ipynb");

describe("notebooks/03-perceptron.ipynb", () => {
  beforeAll(() => nb.run(), 600_000);
  it("cell 2: import { np, nn, plot, models, isFastMode, check } from \"...", () => nb.check(1));
  it("cell 4: const W = np.array([3, -2]);", () => nb.check(3));
  it("cell 6: const zs = np.linspace(-3, 3, 601);", () => nb.check(5));
  it("cell 8: const seg = models.decisionBoundary(W, b, { xRange: [0, 2...", () => nb.check(7));
  it("cell 10: const rng = new np.random.RandomState(1);", () => nb.check(9));
  it("cell 11: const cloudPlot = () => plot.scatter(XCloud.slice(\":\", 0)...", () => nb.check(10));
  it("cell 13: const W0 = np.array([1, 1]), b0 = -0.5, lr = 0.03;     //...", () => nb.check(12));
  it("cell 14: const sign = yWrong - (zBefore >= 0 ? 1 : 0);          //...", () => nb.check(13));
  it("cell 16: const numEpochs = 200;", () => nb.check(15));
  it("cell 17: const fit = models.trainPerceptron(XCloud, yCloud, { lr, ...", () => nb.check(16));
  it("cell 19: function boundaryPlot(history: models.PerceptronSnapshot[...", () => nb.check(18));
  it("cell 20: plot.line(fit.history.map((h) => h.errors), { x: fit.hist...", () => nb.check(19));
  it("cell 22: const seeds = [0, 1, 2, 3, 4];", () => nb.check(21));
  it("cell 24: const augmented = np.concatenate([XCloud, np.ones([40, 1]...", () => nb.check(23));
  it("cell 26: const iris = loadIris();", () => nb.check(25));
  it("cell 27: {", () => nb.check(26));
  it("cell 30: const XXor = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), ...", () => nb.check(29));
  it("cell 32 [ignore-output]: const trials = isFastMode() ? 20000 : 100000;", () => nb.check(31));
  it("cell 34 [exercise]: function predictPoints(X: np.NDArray, W: np.NDArray, b: n...", () => nb.check(33));
  it("cell 35 [exercise-tests]: np.assertArrayEqual(predictPoints(np.array([[1, 1], [2, 1...", () => nb.check(34));
  it("cell 37 [exercise]: function trick(W: np.NDArray, b: number, x: np.NDArray, y...", () => nb.check(36));
  it("cell 38 [exercise-tests]: {", () => nb.check(37));
  it("cell 40 [exercise]: function epoch(W: np.NDArray, b: number, X: np.NDArray, y...", () => nb.check(39));
  it("cell 41 [exercise-tests]: {", () => nb.check(40));
});
