// Resident arrays (lib/kernels/resident.ts): parameters and optimizer state kept in the kernels'
// WebAssembly memory. They must behave as ordinary arrays everywhere, give the same bits in
// products and optimizer steps as ordinary arrays, and give their memory back when collected.
import { afterEach, describe, expect, it } from "vitest";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { np, nn, optim, ops, tensor, Tensor, NDArray } from "../../lib/index";
import { blockBytes, giveBlock, scratchBase, takeBlock } from "../../lib/kernels/arena";
import { isResident, longLivedCopy, longLivedZeros } from "../../lib/ndarray/placement";
import { LIMIT_BYTES } from "../../lib/kernels/resident";

afterEach(() => np.setBackend("wasm"));

describe("the arena", () => {
  it("reuses freed blocks, merges neighbours and lowers the top when the highest block goes", () => {
    const start = scratchBase(), held = blockBytes();
    const a = takeBlock(100), b = takeBlock(64), c = takeBlock(1);
    expect([a.size, b.size, c.size]).toEqual([128, 64, 64]);
    expect([b.at - a.at, c.at - b.at]).toEqual([128, 64]);
    expect(scratchBase()).toBe(c.at + 64);
    giveBlock(a.at, a.size);
    const d = takeBlock(64); // first fit: in a's hole
    expect(d.at).toBe(a.at);
    giveBlock(b.at, b.size);
    giveBlock(d.at, d.size); // a's hole, d and b merge into one hole of 192 bytes
    const e = takeBlock(192);
    expect(e.at).toBe(a.at);
    giveBlock(c.at, c.size);
    giveBlock(e.at, e.size);
    expect(scratchBase()).toBe(start);
    expect(blockBytes()).toBe(held);
  });
});

/** A model's parameters copied into ordinary arrays: the same values, not resident. */
function ordinaryTwin(model: nn.Module): Tensor[] {
  return model.parameters().map((p) => tensor(p.value.copy(), { requiresGrad: true }));
}

describe("resident parameters", () => {
  it("Linear layers keep their parameters in the kernels' memory, and they act as ordinary arrays", () => {
    np.random.seed(1);
    const layer = new nn.Linear(5, 3);
    expect(isResident(layer.weight.value)).toBe(true);
    expect(isResident(layer.bias!.value)).toBe(true);
    const w = layer.weight.value;
    expect(w.copy().toArray()).toEqual(w.toArray());
    expect(isResident(w.copy())).toBe(false);
    expect(w.T.sum({ axis: 1 }).toArray()).toEqual(w.sum({ axis: 0 }).toArray());
    expect(String(w)).toContain("[[ 0.7264");
    expect(layer.bias!.value.toArray()).toEqual([0, 0, 0]);
  });

  for (const dtype of ["float64", "float32"] as const) {
    it(`products read resident operands in place, with the bits of ordinary ones (${dtype})`, () => {
      np.random.seed(2);
      const a = longLivedCopy(np.random.randn(70, 33).astype(dtype)), b = longLivedCopy(np.random.randn(33, 45).astype(dtype));
      expect(isResident(a) && isResident(b)).toBe(true);
      const ordinary = (x: NDArray) => x.copy();
      for (const [x, y] of [[a, b], [b.T, a.T], [a.slice("1:, 3:"), b.slice("3:, ::2")]] as const) {
        expect(np.matmul(x, y).toArray()).toEqual(np.matmul(ordinary(x), ordinary(y)).toArray());
      }
    });
  }

  const optimizers: [string, (p: Tensor[]) => optim.Optimizer][] = [
    ["SGD momentum", (p) => new optim.SGD(p, { lr: 0.05, momentum: 0.9 })],
    ["SGD Nesterov + weight decay", (p) => new optim.SGD(p, { lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.1 })],
    ["AdaGrad", (p) => new optim.AdaGrad(p, { lr: 0.1 })],
    ["RMSprop", (p) => new optim.RMSprop(p, { lr: 0.01 })],
    ["Adam weight decay", (p) => new optim.Adam(p, { lr: 0.01, weightDecay: 0.01 })],
  ];
  for (const dtype of ["float64", "float32"] as const) {
    for (const [name, make] of optimizers) {
      it(`training steps on resident parameters give the bits of ordinary ones: ${name}, ${dtype}`, () => {
        np.random.seed(3);
        // 37 x 29 = 1073 weights: not a multiple of the vector width, so the last one takes the JS loop
        const model = new nn.Linear(37, 29, { dtype });
        const twin = ordinaryTwin(model);
        expect(isResident(twin[0].value)).toBe(false);
        const resident = model.parameters();
        const a = make(resident), b = make(twin);
        const x = np.random.randn(16, 37).astype(dtype);
        for (let step = 0; step < 5; step++) {
          for (const [params, opt] of [[resident, a], [twin, b]] as const) {
            opt.zeroGrad();
            const y = ops.linear(tensor(x), params[0], params[1]);
            y.mul(y).mean().backward();
            opt.step();
          }
        }
        expect(resident[0].value.toArray()).toEqual(twin[0].value.toArray());
        expect(resident[1].value.toArray()).toEqual(twin[1].value.toArray());
        expect(isResident(resident[0].value)).toBe(true);
      });
    }
  }

  it("past its limit, a long-lived array is an ordinary one", () => {
    const big = longLivedZeros([LIMIT_BYTES / 8 + 1], "float64");
    expect(isResident(big)).toBe(false);
    expect(big.size).toBe(LIMIT_BYTES / 8 + 1);
    expect(isResident(longLivedZeros([4], "float64"))).toBe(true);
  });

  it("gives a collected array's block back to the arena", async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const before = blockBytes();
    (() => { for (let i = 0; i < 20; i++) longLivedCopy(np.ones([100, 100])); })();
    expect(blockBytes()).toBeGreaterThanOrEqual(before + 20 * 80000);
    for (let tries = 0; tries < 20 && blockBytes() > before; tries++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10)); // finalizers run between tasks
    }
    expect(blockBytes()).toBeLessThanOrEqual(before);
  });
});
