// The one-pass optimizer loops (lib/optim/fused.ts) against the readable array-op rules in
// optimizers.ts, bit for bit. A packed parameter takes the loop; the same values held as a
// transposed (non-contiguous) view take the array ops. Both see the same gradients.
import { describe, expect, it } from "vitest";
import { np, optim, tensor, Tensor } from "../../lib/index";
import { adagradLoops, adamLoops, Loops, rmspropLoops, sgdLoops } from "../../lib/optim/fused";
import { UpdateRule, wasmUpdateF32 } from "../../lib/kernels/update-wasm";

type Make = (p: Tensor[]) => optim.Optimizer;

function run(make: Make, dtype: "float64" | "float32", shape: [number, number] = [4, 5], steps = 4): { fused: number[][]; composed: number[][] } {
  np.random.seed(3);
  const w0 = np.random.randn(...shape).astype(dtype);
  const packed = tensor(w0.copy(), { requiresGrad: true });
  const strided = tensor(w0.copy(), { requiresGrad: true });
  strided.value = w0.T.copy().T; // the same values, column-major
  expect(packed.value.isContiguous).toBe(true);
  expect(strided.value.isContiguous).toBe(false);
  const a = make([packed]), b = make([strided]);
  for (let s = 0; s < steps; s++) {
    const g = np.random.randn(...shape).astype(dtype);
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

  // 37 x 29 float32 values run on the wasm kernels (not a multiple of 4: the last lanes are padding).
  for (const backend of ["wasm", "ts"] as const) {
    it.each(cases)(`%s (float32, 37 x 29, ${backend} backend)`, (_name, make) => {
      np.setBackend(backend);
      try {
        const { fused, composed } = run(make, "float32", [37, 29], 6);
        expect(fused).toEqual(composed);
      } finally {
        np.setBackend("wasm");
      }
    });
  }

  it("the wasm float32 kernels run here and round exactly like the JS loops", () => {
    np.random.seed(9);
    const n = 1001;
    const values = () => Float32Array.from(np.random.randn(n).multiply(np.random.choice([1e-30, 1e-3, 1, 1e20], n)).toTypedArray());
    const rules: [UpdateRule, Loops, number[], number][] = [
      ["sgd", sgdLoops({ momentum: true, nesterov: true, weightDecay: true, first: false }), [0.05, 0.8, 0.3], 7],
      ["adagrad", adagradLoops, [0.3, 1e-10], 0],
      ["rmsprop", rmspropLoops, [0.01, 0.9, 0.1, 1e-8], 0],
      ["adam", adamLoops({ weightDecay: true }), [0.01, 0.8, 0.2, 0.99, 0.01, 0.36, 0.0199, 1e-8, 0.2], 4],
    ];
    for (const [rule, loops, c, flags] of rules) {
      const consts = c.map(Math.fround);
      const w = values(), g = values(), s0 = values().map(Math.abs), s1 = values().map(Math.abs);
      const jw = w.slice(), js0 = s0.slice(), js1 = s1.slice();
      np.setBackend("ts");
      loops.float32(jw, g, js0, js1, consts);
      np.setBackend("wasm");
      expect(wasmUpdateF32(rule, w, g, s0, s1, consts, flags)).toBe(true);
      expect(Array.from(w), rule).toEqual(Array.from(jw));
      expect(Array.from(s0), rule).toEqual(Array.from(js0));
      if (rule === "adam") expect(Array.from(s1), rule).toEqual(Array.from(js1));
    }
  });

  it("flushes decaying state that turns subnormal to zero, on every path alike", () => {
    // One tiny gradient, then zeros: the state decays each step and goes below the smallest normal
    // number within about 50 steps. Flushed, it stops moving the (tiny) weights; not flushed, it
    // would go on moving them for over a hundred more steps of subnormal values.
    const makers: [string, Make][] = [
      ["SGD momentum", (p) => new optim.SGD(p, { lr: 1, momentum: 0.9 })],
      ["RMSprop", (p) => new optim.RMSprop(p, { lr: 1e-20, alpha: 0.5 })],
      ["Adam", (p) => new optim.Adam(p, { lr: 1e-37, betas: [0.5, 0.5] })],
    ];
    for (const dtype of ["float32", "float64"] as const) {
      const tiny = dtype === "float32" ? 1e-36 : 1e-306;
      for (const [name, make] of makers) {
        const trajectories = (["wasm", "ts", "composed"] as const).map((path) => {
          np.setBackend(path === "wasm" ? "wasm" : "ts");
          const p = tensor(np.full([37, 29], tiny / 10, { dtype }), { requiresGrad: true });
          if (path === "composed") p.value = p.value.T.copy().T;
          const opt = make([p]);
          const seen: number[][] = [];
          for (let step = 0; step < 400; step++) {
            p.grad = step === 0 ? np.full([37, 29], tiny, { dtype }) : np.zeros([37, 29], { dtype });
            opt.step();
            if (step === 150 || step === 399) seen.push(Array.from(p.value.toTypedArray().slice(0, 3)));
          }
          np.setBackend("wasm");
          return seen;
        });
        expect(trajectories[1], `${name} ${dtype}: ts loop vs wasm`).toEqual(trajectories[0]);
        expect(trajectories[2], `${name} ${dtype}: array ops vs loop`).toEqual(trajectories[0]);
        expect(trajectories[0][1], `${name} ${dtype}: still moving after step 150`).toEqual(trajectories[0][0]);
      }
    }
  });

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
