// The one-pass optimizer loops (lib/optim/fused.ts) against the readable array-op rules in
// optimizers.ts, bit for bit. A packed parameter takes the loop; the same values held as a
// transposed (non-contiguous) view take the array ops. Both see the same gradients.
import { describe, expect, it } from "vitest";
import { np, optim, tensor, Tensor } from "../../lib/index";

type Make = (p: Tensor[]) => optim.Optimizer;

function run(make: Make, dtype: "float64" | "float32", steps = 4): { fused: number[][]; composed: number[][] } {
  np.random.seed(3);
  const w0 = np.random.randn(4, 5).astype(dtype);
  const packed = tensor(w0.copy(), { requiresGrad: true });
  const strided = tensor(w0.copy(), { requiresGrad: true });
  strided.value = w0.T.copy().T; // the same values, column-major
  expect(packed.value.isContiguous).toBe(true);
  expect(strided.value.isContiguous).toBe(false);
  const a = make([packed]), b = make([strided]);
  for (let s = 0; s < steps; s++) {
    const g = np.random.randn(4, 5).astype(dtype);
    packed.grad = g.copy();
    strided.grad = g.copy();
    a.step();
    b.step();
  }
  expect(packed.value.dtype).toBe(dtype);
  return { fused: packed.value.toArray(), composed: strided.value.toArray() };
}

const cases: [string, Make][] = [
  ["SGD", (p) => new optim.SGD(p, { lr: 0.1 })],
  ["SGD momentum", (p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9 })],
  ["SGD Nesterov + weight decay", (p) => new optim.SGD(p, { lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.3 })],
  ["SGD weight decay", (p) => new optim.SGD(p, { lr: 0.2, weightDecay: 0.1 })],
  ["AdaGrad", (p) => new optim.AdaGrad(p, { lr: 0.3 })],
  ["RMSprop", (p) => new optim.RMSprop(p, { lr: 0.01, alpha: 0.9 })],
  ["Adam", (p) => new optim.Adam(p, { lr: 0.1 })],
  ["Adam weight decay", (p) => new optim.Adam(p, { lr: 0.01, betas: [0.8, 0.99], weightDecay: 0.2 })],
];

describe("one-pass optimizer updates equal the array-op rules exactly", () => {
  for (const dtype of ["float64", "float32"] as const) {
    it.each(cases)(`%s (${dtype})`, (_name, make) => {
      const { fused, composed } = run(make, dtype);
      expect(fused).toEqual(composed);
    });
  }

  it("updates a packed parameter in place, as PyTorch does, and never the gradient", () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const before = w.value;
    const opt = new optim.SGD([w], { lr: 0.5, momentum: 0.9 });
    const g = np.array([1, 1, 1]);
    w.grad = g;
    opt.step();
    w.grad = g;
    opt.step();
    expect(w.value).toBe(before);
    expect(g.toArray()).toEqual([1, 1, 1]); // the velocity buffer is the optimizer's own
    // v1 = 1, w1 = w - 0.5; v2 = 0.9 + 1 = 1.9, w2 = w1 - 0.95
    np.assertAllClose(w.value, [1 - 0.5 - 0.95, 2 - 0.5 - 0.95, 3 - 0.5 - 0.95], { rtol: 1e-15 });
  });
});
