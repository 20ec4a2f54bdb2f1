// Generated from notebooks/01-tensors.ipynb by `npm run notebooks:tests`. Do not edit: change the notebook and regenerate.
import { beforeAll, describe, it } from "vitest";
import { notebookCase } from "../helpers/notebooks";

const nb = notebookCase("01-tensors.ipynb");

describe("notebooks/01-tensors.ipynb", () => {
  beforeAll(() => nb.run(), 600_000);
  it("cell 2: import { np, nn, optim, train, plot, data, tensor, isFast...", () => nb.check(1));
  it("cell 4: const s = np.array(3.5);", () => nb.check(3));
  it("cell 6: console.log(np.zeros([2, 3]));", () => nb.check(5));
  it("cell 7: np.random.seed(0);", () => nb.check(6));
  it("cell 9: const mnist = loadMNIST({ split: \"test\" });", () => nb.check(8));
  it("cell 11: const a = np.arange(12);", () => nb.check(10));
  it("cell 13: const base = np.zeros([2, 3]);", () => nb.check(12));
  it("cell 15: const g = np.arange(20).reshape(4, 5);", () => nb.check(14));
  it("cell 17: const digit = images.slice(0);              // (28, 28)", () => nb.check(16));
  it("cell 19: const isSeven = labels.equal(7);                     // b...", () => nb.check(18));
  it("cell 21: const X = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 1...", () => nb.check(20));
  it("cell 23 [raises-exception]: const rowMeans = X.mean({ axis: 1 });        // shape (3,)", () => nb.check(22));
  it("cell 25: X.sub(X.mean({ axis: 1, keepdims: true }))", () => nb.check(24));
  it("cell 27: console.log(\"sum of all:\", X.sum().item());", () => nb.check(26));
  it("cell 29: const classMeanImages = np.stack(Array.from({ length: 10 ...", () => nb.check(28));
  it("cell 30: const ink = images.mean({ axis: [1, 2] });   // (10000,):...", () => nb.check(29));
  it("cell 32: const u = np.array([1, 2, 3]), w = np.array([4, 5, 6]);", () => nb.check(31));
  it("cell 34 [raises-exception]: A.matmul(A)", () => nb.check(33));
  it("cell 36: np.random.seed(0);", () => nb.check(35));
  it("cell 38: const ints = np.arange(3);", () => nb.check(37));
  it("cell 39: const n = 60000 * 784;                       // the full ...", () => nb.check(38));
  it("cell 42 [exercise]: function centerColumns(X: np.NDArray): np.NDArray {", () => nb.check(41));
  it("cell 43 [exercise-tests]: {", () => nb.check(42));
  it("cell 45 [exercise]: function classMeans(X: np.NDArray, y: np.NDArray, k: numb...", () => nb.check(44));
  it("cell 46 [exercise-tests]: {", () => nb.check(45));
  it("cell 48 [exercise]: function pairwiseSqDist(P: np.NDArray, Q: np.NDArray): np...", () => nb.check(47));
  it("cell 49 [exercise-tests]: {", () => nb.check(48));
});
