// Generated from notebooks/07-multilayer-perceptrons.ipynb by `npm run notebooks:tests`. Do not edit: change the notebook and regenerate.
import { beforeAll, describe, it } from "vitest";
import { notebookCase } from "../helpers/notebooks";

const nb = notebookCase("07-multilayer-perceptrons.ipynb");

describe("notebooks/07-multilayer-perceptrons.ipynb", () => {
  beforeAll(() => nb.run(), 600_000);
  it("cell 2: import { np, nn, optim, plot, tensor, Tensor, data, train...", () => nb.check(1));
  it("cell 4: /** f evaluated on an n×n grid over [x0, x1] × [y0, y1]: ...", () => nb.check(3));
  it("cell 5: for (const [name, f] of [[\"model A\", modelA], [\"model B\",...", () => nb.check(4));
  it("cell 7: const nInputs = 3, numHiddens = 2, nOutputs = 1;", () => nb.check(6));
  it("cell 9: const hiddenIn = X.matmul(W1).add(b1);        // (4, 2): ...", () => nb.check(8));
  it("cell 11 [raises-exception]: X.matmul(W1.T)   // (4, 3) · (2, 3): the inner sizes 3 an...", () => nb.check(10));
  it("cell 13: const layer1 = new nn.Linear(nInputs, numHiddens), layer2...", () => nb.check(12));
  it("cell 15: const Xxor = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]);", () => nb.check(14));
  it("cell 17: np.random.seed(0);", () => nb.check(16));
  it("cell 19: const W1xor = np.array([[10, -10], [10, -10]]), b1xor = n...", () => nb.check(18));
  it("cell 21: np.random.seed(0);", () => nb.check(20));
  it("cell 22 [ignore-output]: np.random.seed(1);", () => nb.check(21));
  it("cell 23 [ignore-output]: /**", () => nb.check(22));
  it("cell 25: regions((P) => nn.sigmoid(nn.sigmoid(P.matmul(W1xor).add(...", () => nb.check(24));
  it("cell 27: const penguins = loadPenguins().dropMissing([\"bill_length...", () => nb.check(26));
  it("cell 29 [ignore-output]: np.random.seed(0);", () => nb.check(28));
  it("cell 30 [ignore-output]: const probs = nn.softmax(pengNet.forward(tensor(XpTest.sl...", () => nb.check(29));
  it("cell 31 [ignore-output]: regions((P) => pengNet.forward(tensor(P)).value.argmax({ ...", () => nb.check(30));
  it("cell 33 [exercise]: function mlpForward(X: np.NDArray, W1: np.NDArray, b1: np...", () => nb.check(32));
  it("cell 34 [exercise-tests]: function referenceForward(X: np.NDArray, W1: np.NDArray, ...", () => nb.check(33));
  it("cell 36 [exercise]: function xorStepWeights(): { W1: np.NDArray; b1: np.NDArr...", () => nb.check(35));
  it("cell 37 [exercise-tests]: function stepNet(P: np.NDArray, w: { W1: np.NDArray; b1: ...", () => nb.check(36));
  it("cell 39 [exercise]: function describeLayers(sizes: number[]): { shapes: { wei...", () => nb.check(38));
  it("cell 40 [exercise-tests]: function libraryNet(sizes: number[]) {", () => nb.check(39));
});
