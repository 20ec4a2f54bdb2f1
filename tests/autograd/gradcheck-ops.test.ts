// Every primitive's backward against central differences, across shapes that broadcast both ways,
// keep or drop axes, and read non-contiguous views.
import { describe, expect, it } from "vitest";
import { np, gradcheck, ops, Tensor } from "../../lib/index";

np.random.seed(7);
const randn = (...shape: number[]) => np.random.randn(...shape);
/** Values away from 0 and from each other, so kinks (abs, relu, max) are not hit by ±ε. */
const spread = (...shape: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = np.random.permutation(n).astype("float64").multiply(0.37).add(0.2);
  return values.multiply(np.where(np.random.random(n).less(0.5), -1, 1)).reshape(shape);
};
const positive = (...shape: number[]) => np.random.random(shape).add(0.5);

const binaryShapes: [number[], number[]][] = [
  [[2, 3], [2, 3]], [[2, 3], [3]], [[3], [2, 3]], [[3, 1], [1, 4]], [[], [2, 2]], [[4], []], [[2, 1, 3], [4, 1]],
];

// Fixed weights, drawn once: the function under check must be the same at every evaluation.
const w4x2x3 = randn(4, 2, 3);
const w2x3x3 = randn(2, 3, 3);
const w3 = randn(3);
const w3x3 = randn(3, 3);
const w1x2 = randn(1, 2);
const w3x4 = randn(3, 4);
const w3x1x2 = randn(3, 1, 2);
const w2x7 = randn(2, 7);
const w2x3x2 = randn(2, 3, 2);
const w2x3 = randn(2, 3);

describe("binary primitives (with broadcasting)", () => {
  const cases: [string, (a: Tensor, b: Tensor) => Tensor, (s: number[]) => any, (s: number[]) => any][] = [
    ["add", (a, b) => a.add(b), (s) => randn(...s), (s) => randn(...s)],
    ["sub", (a, b) => a.sub(b), (s) => randn(...s), (s) => randn(...s)],
    ["mul", (a, b) => a.mul(b), (s) => randn(...s), (s) => randn(...s)],
    ["div", (a, b) => a.div(b), (s) => randn(...s), (s) => positive(...s)],
    ["pow", (a, b) => a.pow(b), (s) => positive(...s), (s) => randn(...s)],
    ["maximum", (a, b) => a.maximum(b), (s) => spread(...s), (s) => spread(...s).add(0.05)],
    ["minimum", (a, b) => a.minimum(b), (s) => spread(...s), (s) => spread(...s).add(0.05)],
  ];
  for (const [name, f, makeA, makeB] of cases) {
    it.each(binaryShapes)(`${name} %j %j`, (sa, sb) => {
      expect(gradcheck(f, [makeA(sa), makeB(sb)])).toBe(true);
    });
  }
  it("pow with a constant exponent", () => expect(gradcheck((a) => a.pow(3), [randn(2, 3)])).toBe(true));
  it("numbers on either side", () => {
    expect(gradcheck((a) => ops.sub(2, a).mul(3).div(a.add(5)), [positive(3)])).toBe(true);
  });
});

describe("unary primitives", () => {
  const cases: [string, (a: Tensor) => Tensor, () => any][] = [
    ["neg", (a) => a.neg(), () => randn(2, 3)],
    ["exp", (a) => a.exp(), () => randn(2, 3)],
    ["log", (a) => a.log(), () => positive(2, 3)],
    ["log1p", (a) => a.log1p(), () => positive(4)],
    ["sqrt", (a) => a.sqrt(), () => positive(3, 2)],
    ["abs", (a) => a.abs(), () => spread(2, 3)],
    ["tanh", (a) => a.tanh(), () => randn(5)],
    ["sigmoid", (a) => a.sigmoid(), () => randn(2, 2)],
    ["relu", (a) => a.relu(), () => spread(3, 3)],
    ["clip", (a) => a.clip(-0.5, 0.6), () => spread(4, 2)],
    ["clip below only", (a) => a.clip(0, null), () => spread(6)],
    ["on a transposed view", (a) => a.T.exp(), () => randn(2, 3)],
    ["0-d", (a) => a.mul(a).exp(), () => np.array(0.3)],
  ];
  it.each(cases)("%s", (_n, f, make) => expect(gradcheck(f, [make()])).toBe(true));
});

describe("reductions", () => {
  const cases: [string, (a: Tensor) => Tensor][] = [
    ["sum all", (a) => a.sum()],
    ["sum axis 0", (a) => a.sum({ axis: 0 })],
    ["sum axis -1 keepdims", (a) => a.sum({ axis: -1, keepdims: true })],
    ["sum axes [0, 2]", (a) => a.sum({ axis: [0, 2] })],
    ["mean all", (a) => a.mean()],
    ["mean axis 1", (a) => a.mean({ axis: 1 })],
    ["max all", (a) => a.max()],
    ["max axis 1 keepdims", (a) => a.max({ axis: 1, keepdims: true })],
    ["max axes [0, 1]", (a) => a.max({ axis: [0, 1] })],
  ];
  it.each(cases)("%s of (2,3,4)", (_n, f) => expect(gradcheck(f, [spread(2, 3, 4)])).toBe(true));
  it("max splits the gradient between ties", () => {
    const x = new Tensor(np.array([1, 3, 3, 2]), { requiresGrad: true });
    x.max().backward();
    expect(x.grad!.toArray()).toEqual([0, 0.5, 0.5, 0]);
  });
});

describe("shape primitives", () => {
  const cases: [string, (a: Tensor) => Tensor, number[]][] = [
    ["reshape", (a) => a.reshape(3, 2).mul(np.arange(6).reshape(3, 2)), [2, 3]],
    ["transpose axes", (a) => a.transpose([2, 0, 1]).mul(w4x2x3), [2, 3, 4]],
    ["expandDims", (a) => a.expandDims(1).mul(w2x3x3), [2, 3]],
    ["squeeze", (a) => a.squeeze().mul(w3), [1, 3, 1]],
    ["broadcastTo", (a) => a.broadcastTo([4, 2, 3]).mul(w4x2x3), [2, 3]],
    ["slice rows reversed", (a) => a.slice("::-1, 1:").mul(w3x3), [3, 4]],
    ["slice with int and newaxis", (a) => a.slice("1, None, ::2").mul(w1x2), [3, 4]],
    ["take rows with repeats", (a) => a.take([2, 0, 2], { axis: 0 }).mul(w3x4), [3, 4]],
    ["take along axis 1", (a) => a.take([[1, 0]], { axis: 1 }).mul(w3x1x2), [3, 4]],
  ];
  it.each(cases)("%s", (_n, f, shape) => expect(gradcheck(f, [randn(...shape)])).toBe(true));

  it("concatenate and stack", () => {
    expect(gradcheck((a, b) => ops.concatenate([a, b, a], { axis: 1 }).mul(w2x7), [randn(2, 3), randn(2, 1)])).toBe(true);
    expect(gradcheck((a, b) => ops.stack([a, b], { axis: -1 }).mul(w2x3x2), [randn(2, 3), randn(2, 3)])).toBe(true);
  });

  it("concatenate, stack and where are also Tensor statics, and x.where(cond, y) a method", () => {
    const a = new Tensor(np.array([[1, 2], [3, 4]]), { requiresGrad: true }), b = new Tensor(np.array([[5, 6]]), { requiresGrad: true });
    const cat = Tensor.concatenate([a, b], { axis: 0 });
    expect(cat.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    cat.mul([[1, 2], [3, 4], [5, 6]]).sum().backward();
    expect(a.grad!.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(b.grad!.toArray()).toEqual([[5, 6]]);
    expect(Tensor.stack([a, a.mul(10)], { axis: 1 }).toArray()).toEqual([[[1, 2], [10, 20]], [[3, 4], [30, 40]]]);
    const cond = np.array([[true, false], [false, true]]);
    expect(Tensor.where(cond, a, 0).toArray()).toEqual([[1, 0], [0, 4]]);
    expect(a.where(cond, b).toArray()).toEqual([[1, 6], [5, 4]]);
    expect(gradcheck((x, y) => x.where(cond, y).mul(w2x3.slice(":, :2")), [randn(2, 2), randn(2)])).toBe(true);
    expect(gradcheck((x, y) => Tensor.stack([x, y]).mul(w2x3.reshape(2, 3, 1)), [randn(3, 1), randn(3, 1)])).toBe(true);
  });

  it("where routes the gradient by the condition", () => {
    const cond = np.array([[true, false, true], [false, false, true]]);
    expect(gradcheck((a, b) => ops.where(cond, a, b).mul(w2x3), [randn(2, 3), randn(3)])).toBe(true);
  });
});

describe("matmul", () => {
  const shapes: [number[], number[]][] = [
    [[2, 3], [3, 4]], [[3], [3, 2]], [[2, 3], [3]], [[3], [3]], [[5, 2, 3], [3, 4]], [[2, 3], [4, 3, 2]],
    [[2, 1, 2, 3], [3, 3, 2]],
  ];
  it.each(shapes)("%j @ %j", (sa, sb) => expect(gradcheck((a, b) => a.matmul(b), [randn(...sa), randn(...sb)])).toBe(true));
});

describe("gradcheck itself", () => {
  it("catches a wrong backward rule, naming input and element", () => {
    const wrongSquare = (a: Tensor) => new Tensor(a.value.square(), {
      requiresGrad: true,
      node: { op: "wrongSquare", parents: [a], backward: (g) => [g.multiply(a.value)] }, // should be 2·a
    });
    expect(() => gradcheck(wrongSquare, [np.array([1, 2])])).toThrow(/gradient mismatch for input 0 \(shape \(2,\)\) at index \(0\)/);
  });
});
