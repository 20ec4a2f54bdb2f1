// Activations: values (NumPy-computed), derivatives against finite differences, no overflow,
// and the Tensor versions' gradients via gradcheck.
import { describe, expect, it } from "vitest";
import { np, nn, tensor, gradcheck, NDArray, Tensor } from "../../lib/index";

const z = np.array([-2, -0.5, 0.5, 2]);

describe("activation values", () => {
  it("sigmoid is finite and exact at the extremes", () => {
    const s = nn.sigmoid(np.array([-800, -2, 0, 2, 800]));
    np.assertAllClose(s.slice("1:4"), [0.11920292202211755, 0.5, 0.8807970779778823], { rtol: 1e-15 });
    expect(s.toArray()[0]).toBe(0);
    expect(s.toArray()[4]).toBe(1);
    expect(s.isfinite().all().item()).toBe(1);
  });
  it("elu and selu match NumPy", () => {
    np.assertAllClose(nn.elu(z), [-0.8646647167633873, -0.3934693402873666, 0.5, 2], { rtol: 1e-14 });
    np.assertAllClose(nn.selu(z), [-1.5201664685956903, -0.6917581878421604, 0.5253504936777402, 2.101401974710961], { rtol: 1e-9 });
    expect(nn.elu(np.array([-1000])).item()).toBe(-1);
  });
  it("relu, leakyRelu, tanh, step", () => {
    expect(nn.relu(z).toArray()).toEqual([0, 0, 0.5, 2]);
    expect(nn.leakyRelu(z, 0.1).toArray()).toEqual([-0.2, -0.05, 0.5, 2]);
    expect(nn.step(np.array([-1, 0, 3])).toArray()).toEqual([0, 1, 1]);
    np.assertAllClose(nn.tanh(z), np.tanh(z));
  });
  it("softmax rows sum to 1 and survive huge logits; the course's (0.51, 0.18, 0.31) example", () => {
    const s = nn.softmax(np.array([[2, 1, 0.1], [1000, 1000, -1000]]));
    np.assertAllClose(s, [[0.6590011388859679, 0.2424329707047139, 0.09856589040931818], [0.5, 0.5, 0]], { rtol: 1e-14, atol: 1e-300 });
    const course = nn.softmax(np.array([2, 1, 1.5]));
    expect(course.toArray().map((v: number) => +v.toFixed(2))).toEqual([0.51, 0.19, 0.31]);
    np.assertAllClose(nn.logSoftmax(np.array([1000, 0])), [0, -1000]);
  });
});

describe("derivatives against central differences", () => {
  const pairs: [string, (x: NDArray) => NDArray, (x: NDArray) => NDArray][] = [
    ["sigmoid", nn.sigmoid, nn.sigmoidPrime],
    ["tanh", nn.tanh, nn.tanhPrime],
    ["relu", nn.relu, nn.reluPrime],
    ["leakyRelu", (x) => nn.leakyRelu(x, 0.2), (x) => nn.leakyReluPrime(x, 0.2)],
    ["elu", (x) => nn.elu(x, 1.5), (x) => nn.eluPrime(x, 1.5)],
    ["selu", nn.selu, nn.seluPrime],
  ];
  it.each(pairs)("%s'", (_n, f, fPrime) => {
    const x = np.array([-3, -1.2, -0.3, 0.4, 1.1, 2.7]);
    const h = 1e-6;
    const numeric = f(x.add(h)).subtract(f(x.subtract(h))).divide(2 * h);
    np.assertAllClose(fPrime(x), numeric, { rtol: 1e-6, atol: 1e-9 });
  });
  it("σ'(0) = 0.25 is the largest slope: the vanishing-gradient bound", () => {
    expect(nn.sigmoidPrime(np.array([0])).item()).toBe(0.25);
    expect(nn.sigmoidPrime(np.linspace(-10, 10, 2001)).max().item()).toBe(0.25);
  });
});

describe("as Tensor ops", () => {
  const x = np.array([[-2.1, -0.4, 0.3], [0.9, 1.7, -1.3]]);
  it.each([
    ["sigmoid", (t: Tensor) => nn.sigmoid(t)], ["tanh", (t: Tensor) => nn.tanh(t)], ["relu", (t: Tensor) => nn.relu(t)],
    ["leakyRelu", (t: Tensor) => nn.leakyRelu(t, 0.1)], ["elu", (t: Tensor) => nn.elu(t, 0.7)], ["selu", (t: Tensor) => nn.selu(t)],
    ["softmax axis 1", (t: Tensor) => nn.softmax(t, 1)], ["softmax axis 0", (t: Tensor) => nn.softmax(t, 0)],
    ["logSoftmax", (t: Tensor) => nn.logSoftmax(t)],
  ])("%s", (_n, f) => expect(gradcheck(f, [x])).toBe(true));

  it("Tensor and NDArray versions give the same values", () => {
    np.assertAllClose(nn.selu(tensor(x)).value, nn.selu(x));
    np.assertAllClose(nn.softmax(tensor(x), 0).value, nn.softmax(x, 0), { rtol: 1e-14 });
  });

  it("elu's and selu's slope at exactly 0 is alpha (scale·alpha), as eluPrime and PyTorch have it", () => {
    const t = tensor([-1, 0, 1], { requiresGrad: true });
    nn.elu(t, 2).sum().backward();
    expect(t.grad!.toArray()).toEqual([2 * Math.exp(-1), 2, 1]);
    np.assertAllClose(t.grad!, nn.eluPrime(np.array([-1, 0, 1]), 2), { rtol: 1e-15 });
    const s = tensor([0], { requiresGrad: true });
    nn.selu(s).sum().backward();
    np.assertAllClose(s.grad!, nn.seluPrime(np.array([0])), { rtol: 1e-15 });
    expect(s.grad!.item()).toBeCloseTo(1.0507009873554805 * 1.6732632423543772, 14);
  });

  it("step passes values forward but no gradient back", () => {
    const t = tensor([-1, 2], { requiresGrad: true });
    const y = nn.step(t);
    expect(y.toArray()).toEqual([0, 1]);
    y.sum().backward();
    expect(t.grad!.toArray()).toEqual([0, 0]);
  });

  it("sigmoid's gradient stays finite for huge inputs", () => {
    const t = tensor([-1000, 1000], { requiresGrad: true });
    nn.sigmoid(t).sum().backward();
    expect(t.grad!.toArray()).toEqual([0, 0]);
  });
});
