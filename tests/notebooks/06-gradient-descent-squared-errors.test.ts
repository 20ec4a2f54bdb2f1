// Generated from notebooks/06-gradient-descent-squared-errors.ipynb by `npm run notebooks:tests`. Do not edit: change the notebook and regenerate.
import { beforeAll, describe, it } from "vitest";
import { notebookCase } from "../helpers/notebooks";

const nb = notebookCase("06-gradient-descent-squared-errors.ipynb");

describe("notebooks/06-gradient-descent-squared-errors.ipynb", () => {
  beforeAll(() => nb.run(), 600_000);
  it("cell 2: import { np, nn, optim, plot, tensor, Tensor, gradcheck, ...", () => nb.check(1));
  it("cell 4: const yEx = np.array([1, 0, 1, 1, 0]);", () => nb.check(3));
  it("cell 6: {", () => nb.check(5));
  it("cell 8: const xOne = np.array([0.5, -1.0, 2.0]), yOne = 1, wOne =...", () => nb.check(7));
  it("cell 10: const unitError = (w: np.NDArray) => 0.5 * (yOne - nn.sig...", () => nb.check(9));
  it("cell 12: const table = loadPenguins();", () => nb.check(11));
  it("cell 14: const measurements = [\"bill_length_mm\", \"bill_depth_mm\", ...", () => nb.check(13));
  it("cell 15: const [numTrain, numTest, catTrain, catTest, yTrain, yTes...", () => nb.check(14));
  it("cell 17: const nFeatures = XTrain.shape[1];", () => nb.check(16));
  it("cell 18: const seeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];", () => nb.check(17));
  it("cell 20: function epochLoop(W: np.NDArray, X: np.NDArray, y: np.ND...", () => nb.check(19));
  it("cell 21: np.random.seed(42);", () => nb.check(20));
  it("cell 22 [ignore-output]: const time = (f: () => void, reps: number) => { const t0 ...", () => nb.check(21));
  it("cell 24: const numEpochs = 1000;                 // the same in fa...", () => nb.check(23));
  it("cell 25: plot.line(np.array(losses), { name: \"train MSE\", title: \"...", () => nb.check(24));
  it("cell 27: const accuracy = (w: np.NDArray, X: np.NDArray, yTrue: np...", () => nb.check(26));
  it("cell 29: const lib = models.trainDeltaRule(XTrain, yTrain, { lr, e...", () => nb.check(28));
  it("cell 31: {", () => nb.check(30));
  it("cell 33: const X2 = XTrain.slice(\":, 1:4:2\");       // columns 1 a...", () => nb.check(32));
  it("cell 34: plot.surface(grid, grid, surface, { title: \"E(w₁, w₂) for...", () => nb.check(33));
  it("cell 36: let w2 = np.array([-6, 2]);", () => nb.check(35));
  it("cell 38 [exercise]: function squaredErrors(y: np.NDArray, yHat: np.NDArray): ...", () => nb.check(37));
  it("cell 39 [exercise-tests]: {", () => nb.check(38));
  it("cell 41 [exercise]: function deltaStep(W: np.NDArray, b: number, X: np.NDArra...", () => nb.check(40));
  it("cell 42 [exercise-tests]: {", () => nb.check(41));
  it("cell 44 [exercise]: function testAccuracy(W: np.NDArray, b: number, X: np.NDA...", () => nb.check(43));
  it("cell 45 [exercise-tests]: {", () => nb.check(44));
});
