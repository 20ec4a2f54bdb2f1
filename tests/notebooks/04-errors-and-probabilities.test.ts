// Generated from notebooks/04-errors-and-probabilities.ipynb by `npm run notebooks:tests`. Do not edit: change the notebook and regenerate.
import { beforeAll, describe, it } from "vitest";
import { notebookCase } from "../helpers/notebooks";

const nb = notebookCase("04-errors-and-probabilities.ipynb");

describe("notebooks/04-errors-and-probabilities.ipynb", () => {
  beforeAll(() => nb.run(), 600_000);
  it("cell 2: import { np, nn, data, plot, models, check } from \"./lib/...", () => nb.check(1));
  it("cell 4: const X = np.array([[1, 2], [2, 3], [3, 4], [4, 5]]);", () => nb.check(3));
  it("cell 6: const zs = np.linspace(-6, 6, 241);", () => nb.check(5));
  it("cell 8: const probs = models.logisticPredict(X, W, -2.5);", () => nb.check(7));
  it("cell 10: function softmaxByHand(z: np.NDArray): np.NDArray {", () => nb.check(9));
  it("cell 12: const twoClass = nn.softmax(np.stack([zs, np.zerosLike(zs...", () => nb.check(11));
  it("cell 14: const guideProbs = np.array([0.51, 0.18, 0.31]);         ...", () => nb.check(13));
  it("cell 16: const labels = np.array([0, 2, 1, 1, 0, 2], { dtype: \"int...", () => nb.check(15));
  it("cell 18: const pTrue = np.array([0.6, 0.2, 0.1, 0.7]);", () => nb.check(17));
  it("cell 20: const many = np.full([2000], 0.6);", () => nb.check(19));
  it("cell 22: const ce = np.log(pTrue).negative().sum().item();", () => nb.check(21));
  it("cell 24: const pBetter = np.array([0.7, 0.9, 0.8, 0.6]);", () => nb.check(23));
  it("cell 26: const yBin = np.array([1, 0, 1, 1, 0]);", () => nb.check(25));
  it("cell 28: const ps = np.linspace(0.01, 1, 100);", () => nb.check(27));
  it("cell 30: const YMulti = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, ...", () => nb.check(29));
  it("cell 32: const rows2 = np.stack([np.subtract(1, pBin), pBin], { ax...", () => nb.check(31));
  it("cell 34: const likelihood = np.where(yBin.equal(1), pBin, np.subtr...", () => nb.check(33));
  it("cell 36 [exercise]: function binaryLogLoss(y: np.NDArray, p: np.NDArray): num...", () => nb.check(35));
  it("cell 37 [exercise-tests]: {", () => nb.check(36));
  it("cell 39 [exercise]: function softmaxRows(Z: np.NDArray): np.NDArray {", () => nb.check(38));
  it("cell 40 [exercise-tests]: np.assertAllClose(softmaxRows(np.array([[0, 0], [1, 0]]))...", () => nb.check(39));
  it("cell 42 [exercise]: function multiClassLogLoss(labels: np.NDArray, P: np.NDAr...", () => nb.check(41));
  it("cell 43 [exercise-tests]: {", () => nb.check(42));
});
