// Modules and layers: parameter discovery and names, modes, state dicts, dropout, init statistics.
import { describe, expect, it } from "vitest";
import { np, nn, tensor, Tensor } from "../../lib/index";

function mlp() {
  np.random.seed(0);
  return new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Dropout(0.5), new nn.Linear(3, 2));
}

describe("Module", () => {
  it("finds parameters in order, with PyTorch-style names", () => {
    const net = mlp();
    expect(net.namedParameters().map(([n, p]) => [n, [...p.shape]])).toEqual([
      ["0.weight", [4, 3]], ["0.bias", [3]], ["3.weight", [3, 2]], ["3.bias", [2]],
    ]);
    expect(net.parameterCount()).toBe(4 * 3 + 3 + 3 * 2 + 2);
  });

  it("custom modules register fields, nested modules and lists of modules", () => {
    class Net extends nn.Module {
      encoder = new nn.Linear(2, 2);
      heads = [new nn.Linear(2, 1), new nn.Linear(2, 1, { bias: false })];
      scale = new Tensor(np.ones([1]), { requiresGrad: true });
      constant = tensor([1, 2]); // not trainable: not a parameter
      forward(x: Tensor) { return this.heads[0].forward(this.encoder.forward(x)).mul(this.scale); }
    }
    expect(new Net().namedParameters().map(([n]) => n)).toEqual(["scale", "encoder.weight", "encoder.bias", "heads.0.weight", "heads.0.bias", "heads.1.weight"]);
  });

  it("train and eval reach every layer; dropout is the identity in eval mode", () => {
    const net = mlp();
    const x = tensor(np.random.randn(5, 4));
    net.eval();
    expect((net.layers[2] as nn.Dropout).training).toBe(false);
    np.assertAllClose(net.forward(x).value, net.forward(x).value);
    net.train();
    expect((net.layers[2] as nn.Dropout).training).toBe(true);
  });

  it("stateDict round-trips into a fresh model and refuses other architectures", () => {
    const a = mlp(), b = new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Dropout(0.5), new nn.Linear(3, 2));
    const x = tensor(np.random.randn(3, 4));
    a.eval(); b.eval();
    const before = b.parameters()[0];
    b.loadStateDict(a.stateDict());
    expect(b.parameters()[0]).toBe(before); // same tensor objects: optimizers keep working
    np.assertArrayEqual(b.forward(x).value, a.forward(x).value);
    const wide = new nn.Sequential(new nn.Linear(4, 5), new nn.ReLU(), new nn.Dropout(0.5), new nn.Linear(5, 2));
    expect(() => wide.loadStateDict(a.stateDict())).toThrow("loadStateDict: parameter '0.weight' has shape (4,5) in the model but (4,3) in the saved state");
    expect(() => new nn.Sequential(new nn.Linear(4, 3)).loadStateDict(a.stateDict())).toThrow("unexpected parameters: 3.weight, 3.bias");
  });

  it("summary lists layers and the total", () => {
    expect(mlp().summary()).toBe([
      "Layer  Type                 Parameters               Count",
      "----------------------------------------------------------",
      "0      Linear(in=4, out=3)  weight (4,3), bias (3,)     15",
      "1      ReLU()               -                            0",
      "2      Dropout(p=0.5)       -                            0",
      "3      Linear(in=3, out=2)  weight (3,2), bias (2,)      8",
      "----------------------------------------------------------",
      "Total parameters: 23",
    ].join("\n"));
    expect(String(mlp())).toBe("Sequential(\n  (0): Linear(in=4, out=3)\n  (1): ReLU()\n  (2): Dropout(p=0.5)\n  (3): Linear(in=3, out=2)\n)");
  });
});

describe("layers", () => {
  it("Linear computes x·W + b and rejects the wrong width", () => {
    const lin = new nn.Linear(2, 1);
    lin.weight.value.set([], [[2], [3]]);
    lin.bias!.value.set([], [1]);
    expect(lin.forward(tensor([[1, 1], [0, 2]])).toArray()).toEqual([[6], [7]]);
    expect(() => lin.forward(tensor(np.zeros([5, 3])))).toThrow("Linear: expected input with last dimension 2 (inFeatures), got shape (5,3)");
    expect(() => new nn.Linear(0, 3)).toThrow(/inFeatures must be a positive integer/);
  });

  it("dropout zeroes about p of the values and keeps the mean", () => {
    np.random.seed(1);
    const d = new nn.Dropout(0.3);
    const y = d.forward(tensor(np.ones([200, 500]))).value;
    const zeros = y.equal(0).mean().item();
    expect(Math.abs(zeros - 0.3)).toBeLessThan(0.005);
    expect(Math.abs(y.mean().item() - 1)).toBeLessThan(0.01);
    expect(new Set(y.toTypedArray()).size).toBe(2); // 0 and 1/0.7
  });

  it("Flatten keeps the batch axis", () => {
    expect(new nn.Flatten().forward(tensor(np.zeros([2, 3, 4]))).shape).toEqual([2, 12]);
  });
});

describe("init", () => {
  it("scales follow their formulas (sample std within 3%)", () => {
    np.random.seed(3);
    const shape = [400, 300];
    const std = (x: ReturnType<typeof np.zeros>) => x.std().item();
    expect(std(nn.init.normal(shape)) / (1 / Math.sqrt(400))).toBeCloseTo(1, 1);
    expect(std(nn.init.xavierNormal(shape)) / Math.sqrt(2 / 700)).toBeCloseTo(1, 1);
    expect(std(nn.init.heNormal(shape)) / Math.sqrt(2 / 400)).toBeCloseTo(1, 1);
    const xu = nn.init.xavierUniform(shape);
    expect(xu.max().item()).toBeLessThanOrEqual(Math.sqrt(6 / 700));
    expect(std(xu) / (Math.sqrt(6 / 700) / Math.sqrt(3))).toBeCloseTo(1, 1);
    expect(std(nn.init.heUniform(shape)) / (Math.sqrt(6 / 400) / Math.sqrt(3))).toBeCloseTo(1, 1);
  });
  it("every initializer draws from the seeded generator (global or a given RandomState)", () => {
    for (const name of ["zeros", "normal", "xavierUniform", "xavierNormal", "heUniform", "heNormal"] as const) {
      np.random.seed(9);
      const a = nn.init.byName(name, [5, 4]);
      np.random.seed(9);
      np.assertArrayEqual(new nn.Linear(5, 4, { init: name }).weight.value, a);
      np.assertArrayEqual(nn.init.byName(name, [5, 4], new np.random.RandomState(4)), nn.init.byName(name, [5, 4], new np.random.RandomState(4)));
      if (name !== "zeros") expect(nn.init.byName(name, [5, 4]).equal(a).all().item()).toBeFalsy();
    }
  });
  it("the same seed gives the same weights", () => {
    np.random.seed(5);
    const a = new nn.Linear(3, 2).weight.value;
    np.random.seed(5);
    np.assertArrayEqual(new nn.Linear(3, 2).weight.value, a);
  });
});
