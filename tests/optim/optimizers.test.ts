// Optimizer steps against an independent NumPy implementation of PyTorch's update rules:
// three steps on f(w) = Σ c·w² with c = [1, 3] from w = [1, −2].
import { describe, expect, it } from "vitest";
import { np, optim, tensor, Tensor, nn } from "../../lib/index";

function threeSteps(make: (params: Tensor[]) => optim.Optimizer): number[] {
  const w = tensor([1, -2], { requiresGrad: true });
  const opt = make([w]);
  for (let i = 0; i < 3; i++) {
    opt.zeroGrad();
    w.mul(w).mul([1, 3]).sum().backward();
    opt.step();
  }
  return w.toArray();
}

describe("optimizer steps match PyTorch's rules", () => {
  const cases: [string, (p: Tensor[]) => optim.Optimizer, number[]][] = [
    ["SGD", (p) => new optim.SGD(p, { lr: 0.1 }), [0.512, -0.12799999999999995]],
    ["SGD momentum", (p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9 }), [0.06199999999999989, 1.708]],
    ["SGD Nesterov", (p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true }), [-0.108352, 0.608128]],
    ["SGD weight decay", (p) => new optim.SGD(p, { lr: 0.1, weightDecay: 0.5 }), [0.421875, -0.08575000000000002]],
    ["AdaGrad", (p) => new optim.AdaGrad(p, { lr: 0.5 }), [0.15639873604594765, -0.9836344662138985]],
    ["RMSprop", (p) => new optim.RMSprop(p, { lr: 0.01 }), [0.7799822732436351, -1.7753494426029548]],
    ["Adam", (p) => new optim.Adam(p, { lr: 0.1 }), [0.7015862729460303, -1.7006233915360325]],
    // Combinations, against the same NumPy implementation of PyTorch's rules
    ["SGD Nesterov + weight decay", (p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.5 }), [-0.25017187500000015, 0.4787457499999996]],
    ["SGD momentum + weight decay", (p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9, weightDecay: 0.1 }), [0.024318999999999924, 1.7260019999999998]],
    ["AdaGrad lr 0.3", (p) => new optim.AdaGrad(p, { lr: 0.3 }), [0.4088670015568575, -1.3564325141605653]],
    ["RMSprop alpha 0.9", (p) => new optim.RMSprop(p, { lr: 0.05, alpha: 0.9 }), [0.6543589378166749, -1.6419290744576605]],
    ["Adam weight decay", (p) => new optim.Adam(p, { lr: 0.1, weightDecay: 0.2 }), [0.7015862728043589, -1.7006233915278]],
  ];
  it.each(cases)("%s", (_n, make, want) => {
    np.assertAllClose(threeSteps(make), want, { rtol: 1e-13 });
  });

  it("skips parameters without a gradient and counts steps", () => {
    const a = tensor([1], { requiresGrad: true }), b = tensor([5], { requiresGrad: true });
    const opt = new optim.SGD([a, b], { lr: 0.5 });
    a.mul(a).sum().backward();
    opt.step();
    expect([a.item(), b.item(), opt.steps]).toEqual([0, 5, 1]);
  });

  it("bad construction is refused with a reason", () => {
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow("SGD: optimizer got an empty parameter list");
    for (const make of [() => new optim.AdaGrad([]), () => new optim.RMSprop([]), () => new optim.Adam(new nn.Sequential(new nn.ReLU()).parameters())]) {
      expect(make).toThrow(/optimizer got an empty parameter list\nhint: pass model.parameters\(\)/);
    }
    expect(() => new optim.Adam([tensor([1])])).toThrow(/parameter 0 \(shape \(1\)\) does not require grad/);
    expect(() => new optim.SGD([tensor([1], { requiresGrad: true })], { lr: -1 })).toThrow(/learning rate must be a positive number/);
    expect(() => new optim.SGD([tensor([1], { requiresGrad: true })], { lr: 0.1, nesterov: true })).toThrow(/Nesterov momentum requires/);
  });
});

describe("schedules", () => {
  const opt = () => new optim.SGD([tensor([1], { requiresGrad: true })], { lr: 0.8 });
  it("step decay, exponential decay, and the course's η0/√t", () => {
    const s = new optim.StepDecay(opt(), { stepSize: 2, gamma: 0.5 });
    expect([1, 2, 3, 4, 5].map(() => s.step())).toEqual([0.8, 0.4, 0.4, 0.2, 0.2]);
    const e = new optim.ExponentialDecay(opt(), { gamma: 0.5 });
    expect([e.step(), e.step()]).toEqual([0.4, 0.2]);
    const inv = new optim.InverseSqrtDecay(opt());
    expect(inv.lrAt(0)).toBe(0.8);
    expect(inv.step()).toBeCloseTo(0.8 / Math.SQRT2, 15);
    expect(inv.step()).toBeCloseTo(0.8 / Math.sqrt(3), 15);
    expect(inv.optimizer.lr).toBeCloseTo(0.8 / Math.sqrt(3), 15);
  });
});

describe("gradient clipping", () => {
  it("by norm keeps the direction and returns the norm before", () => {
    const a = tensor([3], { requiresGrad: true }), b = tensor([4], { requiresGrad: true });
    a.grad = np.array([3]); b.grad = np.array([4]);
    expect(optim.clipGradNorm([a, b], 1)).toBe(5);
    expect(a.grad!.item()).toBeCloseTo(0.6, 6);
    expect(b.grad!.item()).toBeCloseTo(0.8, 6);
    expect(optim.clipGradNorm([a, b], 10)).toBeCloseTo(1, 6); // under the limit: unchanged
  });
  it("by value clamps each entry", () => {
    const a = tensor([0, 0, 0], { requiresGrad: true });
    a.grad = np.array([-5, 0.5, 7]);
    optim.clipGradValue([a], 1);
    expect(a.grad!.toArray()).toEqual([-1, 0.5, 1]);
  });
});

describe("a 2-2-1 network learns XOR from a fixed seed", () => {
  function trainXor(seed: number): { loss: number; predictions: number[][] } {
    np.random.seed(seed);
    const X = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = np.array([[0], [1], [1], [0]]);
    const net = new nn.Sequential(new nn.Linear(2, 2, { init: "xavierNormal" }), new nn.Tanh(), new nn.Linear(2, 1), new nn.Sigmoid());
    const opt = new optim.SGD(net.parameters(), { lr: 0.5, momentum: 0.9 });
    let loss = Infinity;
    for (let epoch = 0; epoch < 500; epoch++) {
      opt.zeroGrad();
      const l = nn.binaryCrossEntropy(net.forward(X), y);
      l.backward();
      opt.step();
      loss = l.item();
    }
    return { loss, predictions: net.forward(X).value.greater(0.5).astype("float64").toArray() };
  }

  it("seed 3: SGD with momentum on the full batch gets every case right", () => {
    const { loss, predictions } = trainXor(3);
    expect(loss).toBeLessThan(0.01);
    expect(predictions).toEqual([[0], [1], [1], [0]]);
  });

  it("seed 0 gets stuck in XOR's local minimum (loss ≈ 0.347): why random restarts help", () => {
    const { loss, predictions } = trainXor(0);
    expect(loss).toBeCloseTo(0.347, 3);
    expect(predictions).not.toEqual([[0], [1], [1], [0]]);
  });
});
