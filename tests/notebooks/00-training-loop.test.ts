// Generated from notebooks/00-training-loop.ipynb by `npm run notebooks:tests`. Do not edit: change the notebook and regenerate.
import { beforeAll, describe, it } from "vitest";
import { notebookCase } from "../helpers/notebooks";

const nb = notebookCase("00-training-loop.ipynb");

describe("notebooks/00-training-loop.ipynb", () => {
  beforeAll(() => nb.run(), 600_000);
  it("cell 2: import { np, nn, optim, train, plot, data, tensor, Tensor...", () => nb.check(1));
  it("cell 5: const mnist = loadMNIST();                  // images (60...", () => nb.check(4));
  it("cell 6: const first20 = mnist.images.slice(\"0:20\").astype(\"float6...", () => nb.check(5));
  it("cell 9: const numHiddens = 32;", () => nb.check(8));
  it("cell 10: const firstLayer = net.layers[0] as nn.Linear;", () => nb.check(9));
  it("cell 12: const logitsBefore = train.predict(net, XTest);", () => nb.check(11));
  it("cell 14: const batchSize = 64;", () => nb.check(13));
  it("cell 15: const idx = order.slice(`0:${batchSize}`);           // t...", () => nb.check(14));
  it("cell 17: const yHat = net.forward(tensor(Xb));", () => nb.check(16));
  it("cell 19: const loss = nn.crossEntropy(yHat, yb);", () => nb.check(18));
  it("cell 21: net.zeroGrad();", () => nb.check(20));
  it("cell 23: for (const p of net.parameters()) p.value = p.value.sub(p...", () => nb.check(22));
  it("cell 25 [ignore-output]: const numEpochs = isFastMode() ? 2 : 6;", () => nb.check(24));
  it("cell 27 [ignore-output]: np.random.seed(0);", () => nb.check(26));
  it("cell 28 [ignore-output]: console.log(\"by hand:  \", handLosses.map((v) => v.toFixed...", () => nb.check(27));
  it("cell 29 [ignore-output]: plot.lines({ loss: history.history.loss, valLoss: history...", () => nb.check(28));
  it("cell 31: import * as fs from \"fs\";", () => nb.check(30));
  it("cell 32 [ignore-output]: const runs = [", () => nb.check(31));
  it("cell 33 [ignore-output]: plot.lines(Object.fromEntries(runs.map((r) => [`valAccura...", () => nb.check(32));
  it("cell 35 [ignore-output]: const best = runs.reduce((a, b) => (b.testAccuracy > a.te...", () => nb.check(34));
  it("cell 36 [ignore-output]: console.log(\"weights version:\", best.version, \"-\", fs.rea...", () => nb.check(35));
  it("cell 39 [exercise]: function numUpdates(n: number, batchSize: number, numEpoc...", () => nb.check(38));
  it("cell 40 [exercise-tests]: check(numUpdates(1000, 100, 3) === 30, `numUpdates(1000, ...", () => nb.check(39));
  it("cell 42 [exercise]: function sgdStep(params: Tensor[], lr: number): void {", () => nb.check(41));
  it("cell 43 [exercise-tests]: {", () => nb.check(42));
  it("cell 45 [exercise]: function trainLoop(net: nn.Module, X: np.NDArray, y: np.N...", () => nb.check(44));
  it("cell 46 [exercise-tests]: {", () => nb.check(45));
});
