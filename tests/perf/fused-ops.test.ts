// The fused ops (ops.linear, ops.softmaxCrossEntropy) against the compositions they replace:
// same values and same gradients, float64 and float32, and central differences (gradcheck).
import { describe, expect, it } from "vitest";
import { np, gradcheck, nn, ops, tensor, Tensor, NDArray } from "../../lib/index";

np.random.seed(11);

/** Value and gradients of `f` for fresh leaf copies of `inputs`. */
function run(f: (...xs: Tensor[]) => Tensor, inputs: NDArray[], seed?: NDArray): { value: NDArray; grads: NDArray[] } {
  const leaves = inputs.map((v) => tensor(v, { requiresGrad: true }));
  const out = f(...leaves);
  // a fixed, uneven upstream gradient for non-scalar outputs
  const upstream = seed ?? (out.size === 1 ? undefined
    : np.sin(np.arange(0, out.size, 1)).reshape([...out.shape]).astype(out.dtype));
  out.backward(upstream);
  return { value: out.value, grads: leaves.map((l) => l.grad!) };
}

function expectSame(a: ReturnType<typeof run>, b: ReturnType<typeof run>, tol: number): void {
  expect(a.value.shape).toEqual(b.value.shape);
  expect(a.value.dtype).toBe(b.value.dtype);
  np.assertAllClose(a.value, b.value, { rtol: tol, atol: tol });
  a.grads.forEach((g, i) => {
    expect(g.dtype).toBe(b.grads[i].dtype);
    np.assertAllClose(g, b.grads[i], { rtol: tol, atol: tol });
  });
}

describe("ops.linear = x·W + b", () => {
  for (const dtype of ["float64", "float32"] as const) {
    it(`(5,4)·(4,3) + (3,), ${dtype}`, () => {
      const inputs = [np.random.randn(5, 4), np.random.randn(4, 3), np.random.randn(3)].map((v) => v.astype(dtype));
      const fused = run((x, w, b) => ops.linear(x, w, b), inputs);
      const composed = run((x, w, b) => x.matmul(w).add(b), inputs);
      expectSame(fused, composed, dtype === "float64" ? 1e-12 : 1e-5);
    });
  }

  it("without bias, on a transposed input view, and with a float32 input to float64 weights", () => {
    const x = np.random.randn(4, 6).T, w = np.random.randn(4, 2);
    expectSame(run((a, b) => ops.linear(a, b, null), [x, w]), run((a, b) => a.matmul(b), [x, w]), 1e-12);
    const x32 = np.random.randn(3, 4).astype("float32"), b = np.random.randn(2);
    expectSame(run((a, c, d) => ops.linear(a, c, d), [x32, w, b]), run((a, c, d) => a.matmul(c).add(d), [x32, w, b]), 1e-12);
  });

  it("falls back to the composition for 1-D and 3-D inputs", () => {
    const w = np.random.randn(4, 2), b = np.random.randn(2);
    for (const x of [np.random.randn(4), np.random.randn(2, 3, 4)]) {
      expectSame(run((a, c, d) => ops.linear(a, c, d), [x, w, b]), run((a, c, d) => a.matmul(c).add(d), [x, w, b]), 1e-12);
    }
  });

  it("passes gradcheck", () => {
    expect(gradcheck((x, w, b) => ops.linear(x, w, b), [np.random.randn(3, 4), np.random.randn(4, 2), np.random.randn(2)])).toBe(true);
  });

  it("nn.Linear gives the composition's values and gradients", () => {
    np.random.seed(3);
    const layer = new nn.Linear(4, 3);
    const x = np.random.randn(5, 4);
    const y = layer.forward(tensor(x));
    np.assertAllClose(y.value, x.matmul(layer.weight.value).add(layer.bias!.value), { rtol: 1e-12 });
    y.sum().backward();
    np.assertAllClose(layer.weight.grad!, x.T.matmul(np.ones([5, 3])), { rtol: 1e-12 });
    np.assertAllClose(layer.bias!.grad!, np.full([3], 5), { rtol: 1e-12 });
  });
});

describe("ops.softmaxCrossEntropy = −Σ t·logSoftmax(z)", () => {
  const composed = (reduction: "mean" | "sum" | "none") => (z: Tensor, t: NDArray) => {
    const perRow = new Tensor(t).mul(nn.logSoftmax(z, 1)).sum({ axis: 1 }).neg();
    return reduction === "none" ? perRow : reduction === "sum" ? perRow.sum() : perRow.mean();
  };
  const oneHot = np.equal(np.array([2, 0, 1, 2, 1], { dtype: "int32" }).reshape(5, 1), np.arange(0, 3, 1, { dtype: "int32" }).reshape(1, 3)).astype("float64");
  const probabilities = nn.softmax(np.random.randn(5, 3), 1);

  for (const reduction of ["mean", "sum", "none"] as const) {
    for (const dtype of ["float64", "float32"] as const) {
      for (const [name, targets] of [["one-hot", oneHot], ["probabilities", probabilities]] as const) {
        it(`${reduction}, ${dtype}, ${name} targets`, () => {
          const z = np.random.randn(5, 3).multiply(3).astype(dtype), t = targets.astype(dtype);
          const seed = reduction === "none" ? np.random.randn(5).astype(dtype) : undefined;
          const fused = run((a) => ops.softmaxCrossEntropy(a, t, reduction), [z], seed);
          const reference = run((a) => composed(reduction)(a, t), [z], seed);
          expectSame(fused, reference, dtype === "float64" ? 1e-12 : 2e-5);
        });
      }
    }
  }

  it("stays finite for huge logits and passes gradcheck", () => {
    const big = run((a) => ops.softmaxCrossEntropy(a, oneHot), [np.array([[1000, 0, -1000], [0, 1000, 0], [5, 5, 5], [-800, 0, 0], [0, 0, 1e4]])]);
    expect(Number.isFinite(big.value.item())).toBe(true);
    expect(gradcheck((a) => ops.softmaxCrossEntropy(a, probabilities), [np.random.randn(5, 3)])).toBe(true);
  });

  it("nn.crossEntropy on labels gives the composition's loss and gradient", () => {
    const z = np.random.randn(5, 3), labels = np.array([2, 0, 1, 2, 1], { dtype: "int32" });
    const fused = run((a) => nn.crossEntropy(a, labels), [z]);
    const reference = run((a) => composed("mean")(a, oneHot), [z]);
    expectSame(fused, reference, 1e-12);
  });
});
