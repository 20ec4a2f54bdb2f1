// Generated from notebooks/08-backpropagation.ipynb by `npm run notebooks:tests`. Do not edit: change the notebook and regenerate.
import { beforeAll, describe, it } from "vitest";
import { notebookCase } from "../helpers/notebooks";

const nb = notebookCase("08-backpropagation.ipynb");

describe("notebooks/08-backpropagation.ipynb", () => {
  beforeAll(() => nb.run(), 600_000);
  it("cell 2: import { np, nn, optim, plot, tensor, Tensor, gradcheck, ...", () => nb.check(1));
  it("cell 4: const sig = (z: number) => nn.sigmoid(np.array(z)).item();", () => nb.check(3));
  it("cell 6: function beside(name: string, stated: string, computed: n...", () => nb.check(5));
  it("cell 8: const Efull = (ex1.T - a2) ** 2;", () => nb.check(7));
  it("cell 10: function chainGradients(dEda2: number) {", () => nb.check(9));
  it("cell 12: const statedNew = { w1: \"0.1496\", b1: \"0.3959\", w2: \"0.42...", () => nb.check(11));
  it("cell 14: const p1 = { w1: tensor(ex1.w1, { requiresGrad: true }), ...", () => nb.check(13));
  it("cell 16: const ex2 = { x: np.array([0.1, 0.3]), w: np.array([0.4, ...", () => nb.check(15));
  it("cell 17: const deltaOut = (ex2.y - yHat2) * yHat2 * (1 - yHat2);  ...", () => nb.check(16));
  it("cell 19: const wT = tensor(ex2.w, { requiresGrad: true }), WT = te...", () => nb.check(18));
  it("cell 21: const cancer = loadBreastCancer();", () => nb.check(20));
  it("cell 23: interface Params { W1: np.NDArray; b1: np.NDArray; W2: np...", () => nb.check(22));
  it("cell 24: const numHiddens = 8;", () => nb.check(23));
  it("cell 26: const few = 20;", () => nb.check(25));
  it("cell 28: function autogradGradients(X: np.NDArray, y: np.NDArray, ...", () => nb.check(27));
  it("cell 30: const lossAt = (p: Params) => forward(XTrain, p).yHat.sub...", () => nb.check(29));
  it("cell 32: const Xs = XTrain.slice(\":40\"), ys = yTrain.slice(\":40\");", () => nb.check(31));
  it("cell 34 [raises-exception]: function buggySigmoid(z: Tensor): Tensor {", () => nb.check(33));
  it("cell 36: const numEpochs = 600;           // the same in fast mode...", () => nb.check(35));
  it("cell 37: plot.line(np.array(history), { name: \"E\", title: \"Trainin...", () => nb.check(36));
  it("cell 38: const accOf = (X: np.NDArray, y: np.NDArray) => forward(X...", () => nb.check(37));
  it("cell 40: plot.lines({ \"‖∂E/∂W1‖ (input → hidden)\": np.array(gradNo...", () => nb.check(39));
  it("cell 42: np.random.seed(1);", () => nb.check(41));
  it("cell 43: plot.bar(deltaSize.map((_, i) => `layer ${i + 1}`), np.ar...", () => nb.check(42));
  it("cell 45 [exercise]: function twoLayerStep(x: np.NDArray, w: np.NDArray, W: nu...", () => nb.check(44));
  it("cell 46 [exercise-tests]: {", () => nb.check(45));
  it("cell 48 [exercise]: function gradients(X: np.NDArray, y: np.NDArray, p: Param...", () => nb.check(47));
  it("cell 49 [exercise-tests]: function autogradReference(X: np.NDArray, y: np.NDArray, ...", () => nb.check(48));
  it("cell 51 [exercise]: function softplus(z: Tensor): Tensor {", () => nb.check(50));
  it("cell 52 [exercise-tests]: {", () => nb.check(51));
});
