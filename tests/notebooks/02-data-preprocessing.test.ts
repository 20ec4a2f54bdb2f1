// Generated from notebooks/02-data-preprocessing.ipynb by `npm run notebooks:tests`. Do not edit: change the notebook and regenerate.
import { beforeAll, describe, it } from "vitest";
import { notebookCase } from "../helpers/notebooks";

const nb = notebookCase("02-data-preprocessing.ipynb");

describe("notebooks/02-data-preprocessing.ipynb", () => {
  beforeAll(() => nb.run(), 600_000);
  it("cell 2: import { np, nn, optim, train, plot, data, isFastMode, ch...", () => nb.check(1));
  it("cell 4: const penguins = loadPenguins();", () => nb.check(3));
  it("cell 6: const clean = penguins.dropMissing();", () => nb.check(5));
  it("cell 8: const lo = X.min({ axis: 0 }), hi = X.max({ axis: 0 });", () => nb.check(7));
  it("cell 9: plot.scatter(X.slice(\":, 0\"), X.slice(\":, 3\"), { title: \"...", () => nb.check(8));
  it("cell 10: plot.scatter(XStd.slice(\":, 0\"), XStd.slice(\":, 3\"), { ti...", () => nb.check(9));
  it("cell 12: const encoder = new data.LabelEncoder();", () => nb.check(11));
  it("cell 13: const mm = new data.MinMaxScaler().fit(XTrain);", () => nb.check(12));
  it("cell 15: const pets = new data.LabelEncoder();", () => nb.check(14));
  it("cell 17: const oh = data.oneHot(np.array([0, 2, 1, 1, 0, 2], { dty...", () => nb.check(16));
  it("cell 19: console.log(\"back to labels:\", data.fromOneHot(oh));", () => nb.check(18));
  it("cell 21: const raw = loadMNIST({ split: \"test\", scale: false });", () => nb.check(20));
  it("cell 23: const digit = mnist.images.slice(0);                     ...", () => nb.check(22));
  it("cell 25: const forPlot = (x: np.NDArray) => x.astype(\"float64\").mu...", () => nb.check(24));
  it("cell 26: const augment = data.compose([", () => nb.check(25));
  it("cell 28: console.log(data.wordTokenize(\"The cat sat on the mat\"));", () => nb.check(27));
  it("cell 29: const chapters = loadMobyDick();", () => nb.check(28));
  it("cell 30: const top = vocab.itos.slice(5, 20);", () => nb.check(29));
  it("cell 32: const sentences = [\"Call me Ishmael.\", \"It is a way I hav...", () => nb.check(31));
  it("cell 34: const bow = data.bagOfWords(sentences.map((s) => data.wor...", () => nb.check(33));
  it("cell 36: const trainSet = new data.TensorDataset([XTrainStd, yTrai...", () => nb.check(35));
  it("cell 37: const firstLabels = (l: data.DataLoader<np.NDArray[]>) =>...", () => nb.check(36));
  it("cell 39: const digitSet = new data.TensorDataset([mnist.images.sli...", () => nb.check(38));
  it("cell 41: const islands = data.getDummies(clean.strings(\"island\"), ...", () => nb.check(40));
  it("cell 44 [exercise]: function minMaxColumns(X: np.NDArray): np.NDArray {", () => nb.check(43));
  it("cell 45 [exercise-tests]: np.assertAllClose(minMaxColumns(np.array([[1, 10], [2, 30...", () => nb.check(44));
  it("cell 47 [exercise]: function oneHotByHand(labels: np.NDArray, k: number): np....", () => nb.check(46));
  it("cell 48 [exercise-tests]: {", () => nb.check(47));
  it("cell 50 [exercise]: function standardizeSplits(XTrain: np.NDArray, XTest: np....", () => nb.check(49));
  it("cell 51 [exercise-tests]: {", () => nb.check(50));
});
