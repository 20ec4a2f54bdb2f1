// The Tensor API: backward, accumulation, detach, noGrad, errors; and the course's worked
// backpropagation examples (lesson 08) reproduced by autograd.
import { describe, expect, it, vi } from "vitest";
import { inspect } from "node:util";
import { np, tensor, noGrad, Tensor, GradientShapeError, ops, NDArray } from "../../lib/index";

describe("backward", () => {
  it("d/dx Σx² = 2x, and gradients accumulate across backward calls until zeroGrad", () => {
    const x = tensor([1, -2, 3], { requiresGrad: true });
    x.mul(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([2, -4, 6]);
    x.mul(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([4, -8, 12]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });

  it("a tensor used along two paths gets both contributions", () => {
    const x = tensor(3, { requiresGrad: true });
    const y = x.mul(x).add(x.mul(4)); // y = x² + 4x, dy/dx = 2x + 4
    y.backward();
    expect(x.grad!.item()).toBe(10);
  });

  it("takes an explicit upstream gradient for non-scalar outputs", () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    x.mul(3).backward(np.array([[1, 0], [0, 2]]));
    expect(x.grad!.toArray()).toEqual([[3, 0], [0, 6]]);
  });

  it("refuses an implicit gradient for a non-scalar, and a gradient of the wrong shape", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow("backward: grad can be implicitly created only for scalar outputs, but this tensor has shape (2,)");
    expect(() => x.mul(2).backward([1, 2, 3])).toThrow("gradient of shape (3,) does not match the tensor's shape (2,)");
  });

  it("refuses backward through a graph that does not require grad", () => {
    expect(() => tensor([1, 2]).sum().backward()).toThrow(/does not require grad/);
  });

  it("names the op whose backward rule returns the wrong shape", () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const broken = new Tensor(x.value.sum({ axis: 0 }), {
      requiresGrad: true,
      node: { op: "brokenSum", parents: [x], backward: (g) => [g] },
    });
    expect(() => broken.sum().backward()).toThrow(GradientShapeError);
    expect(() => broken.sum().backward()).toThrow("brokenSum: backward produced a gradient of shape (2,) for input 0, which has shape (2,2)");
  });

  it("only float tensors can require gradients", () => {
    expect(() => tensor(np.arange(3), { requiresGrad: true, dtype: "int32" })).toThrow(/only float tensors/);
    expect(tensor([1, 2], { requiresGrad: true }).dtype).toBe("float64");
  });

  it("gives every leaf a gradient of its own, even where a backward rule shares one array", () => {
    // add's rule returns the same array for both inputs; a leaf must not see the other's edits.
    const a = tensor(np.zeros([300, 40]), { requiresGrad: true }), b = tensor(np.zeros([300, 40]), { requiresGrad: true });
    a.add(b).sum().backward();
    expect(a.grad!.data).not.toBe(b.grad!.data);
    a.grad!.data[0] = 99;
    expect(b.grad!.data[0]).toBe(1);

    // An upstream gradient passed straight through (reshape) stays the caller's array.
    const w = tensor(np.zeros([6]), { requiresGrad: true });
    const upstream = np.ones([2, 3]);
    w.reshape(2, 3).backward(upstream);
    upstream.data[0] = 42;
    expect(w.grad!.toArray()).toEqual([1, 1, 1, 1, 1, 1]);

    // A custom rule that returns an array it keeps is copied too.
    const kept = np.full([3], 5);
    const v = tensor([1, 2, 3], { requiresGrad: true });
    new Tensor(v.value.copy(), { requiresGrad: true, node: { op: "keeps", parents: [v], backward: () => [kept] } }).backward(np.ones([3]));
    kept.data[1] = -1;
    expect(v.grad!.toArray()).toEqual([5, 5, 5]);
  });

  it("hands a library op's fresh gradient to a leaf without a copy, and copies what other code returns", () => {
    const copies = vi.spyOn(NDArray.prototype, "copy");
    try {
      const x = tensor(np.ones([64, 30])), w = tensor(np.ones([30, 20]), { requiresGrad: true });
      const loss = x.matmul(w).sum();
      copies.mockClear(); // tensor() copies its input
      loss.backward();
      expect(copies).not.toHaveBeenCalled();
      expect(w.grad!.toArray()[0][0]).toBe(64);

      // A rule of the user's that returns an array it keeps (a cache) must not alias two leaves.
      let cache: NDArray | null = null;
      const p = tensor([1, 2], { requiresGrad: true }), q = tensor([3, 4], { requiresGrad: true });
      const node = (t: Tensor) => new Tensor(t.value.copy(), { requiresGrad: true, node: { op: "cached", parents: [t],
        backward: (g) => [cache ??= g.multiply(3)] } });
      node(p).add(node(q)).backward(np.ones([2]));
      expect(p.grad!.data).not.toBe(q.grad!.data);
      expect(p.grad!.data).not.toBe(cache!.data);
      p.grad!.data[0] = 0;
      expect(q.grad!.toArray()).toEqual([3, 3]);
    } finally {
      copies.mockRestore();
    }
  });

  it("relu's gradient is 0 where x ≤ 0 (even an infinite one) and passes on elsewhere, NaN too, as in PyTorch", () => {
    for (const dtype of ["float64", "float32"] as const) {
      const x = tensor([-1, 0, 2, NaN, -3], { requiresGrad: true, dtype });
      x.relu().backward(np.array([5, 5, 5, 5, Infinity], { dtype }));
      expect(x.grad!.toArray()).toEqual([0, 0, 5, 5, 0]);
      expect(x.grad!.dtype).toBe(dtype);
    }
  });

  it("gives each tensor a gradient of its own dtype when float32 meets float64, as PyTorch does", () => {
    const w = tensor([1.5, -2], { dtype: "float32", requiresGrad: true });
    const data = np.array([0.1, 0.7]); // float64
    const y = w.mul(data).sum(); // promoted to float64
    expect(y.dtype).toBe("float64");
    y.backward();
    expect(w.grad!.dtype).toBe("float32");
    expect(w.grad!.toArray()).toEqual([Math.fround(0.1), Math.fround(0.7)]);
    // a float64 upstream gradient passed by hand is taken in the tensor's dtype too
    const v = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    v.mul(3).backward(np.array([0.1, 0.2]));
    expect(v.grad!.dtype).toBe("float32");
    expect(v.grad!.toArray()).toEqual([Math.fround(0.1 * 3), Math.fround(Math.fround(0.2) * 3)]);
  });

  it("keeps float32 float32 through ops with plain numbers", () => {
    const x = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const y = x.mul(0.5).add(1).sum();
    expect(y.dtype).toBe("float32");
    y.backward();
    expect(x.grad!.dtype).toBe("float32");
  });
});

describe("graph control", () => {
  it("detach cuts the graph", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x).detach().mul(x).sum(); // only the last factor is differentiated
    y.backward();
    expect(x.grad!.toArray()).toEqual([1, 4]);
  });

  it("noGrad records nothing and restores recording afterwards, even after a throw", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
    expect(() => noGrad(() => { throw new Error("boom"); })).toThrow("boom");
    expect(x.mul(2).requiresGrad).toBe(true);
  });

  it("a deep chain backpropagates without recursion limits", () => {
    const x = tensor(1, { requiresGrad: true });
    let y: Tensor = x;
    for (let i = 0; i < 20000; i++) y = y.mul(1);
    y.backward();
    expect(x.grad!.item()).toBe(1);
  });

  it("prints like PyTorch", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(inspect(x)).toBe("tensor([1., 2.], requiresGrad=true)");
    expect(inspect(x.mul(2))).toBe("tensor([2., 4.], gradFn=<mul>)");
    expect(inspect(tensor([[1, 2], [3, 4]]))).toBe("tensor([[1., 2.],\n        [3., 4.]])");
  });

  it("in a notebook: the PyTorch repr, plus an HTML table for small 2-D tensors (as NDArrays)", () => {
    const bundle = (x: Tensor) => (x as any)[Symbol.for("jupyter.mimeBundle")]() as Record<string, string>;
    const b = bundle(tensor([[1, 2], [3, 4]], { requiresGrad: true }));
    expect(b["text/plain"]).toBe("tensor([[1., 2.],\n        [3., 4.]], requiresGrad=true)");
    expect(b["text/html"]).toContain("<tr><th>1</th><td>3.</td><td>4.</td></tr>");
    expect(b["text/html"]).toContain("shape (2, 2), float64");
    expect(Object.keys(bundle(tensor([1, 2])))).toEqual(["text/plain"]);
    expect(Object.keys(bundle(tensor(np.zeros([21, 2]))))).toEqual(["text/plain"]);
  });
});

describe("the course's backpropagation examples (lesson 08)", () => {
  it("two neurons in a chain: x=0.1, w1=0.15, b1=0.4, w2=0.45, b2=0.65, T=0.25, η=0.4", () => {
    const x = 0.1, T = 0.25, lr = 0.4;
    const w1 = tensor(0.15, { requiresGrad: true }), b1 = tensor(0.4, { requiresGrad: true });
    const w2 = tensor(0.45, { requiresGrad: true }), b2 = tensor(0.65, { requiresGrad: true });
    const a1 = w1.mul(x).add(b1).sigmoid();
    const a2 = w2.mul(a1).add(b2).sigmoid();
    expect(a1.item()).toBeCloseTo(0.6023, 4);
    expect(a2.item()).toBeCloseTo(0.7153, 4);
    // The guide's updated weights follow E = ½(T − a)², not the (T − a)² it writes.
    const E = ops.sub(T, a2).pow(2).mul(0.5);
    expect(E.item()).toBeCloseTo(0.10822956298900614, 14);
    E.backward();
    expect(w2.grad!.item()).toBeCloseTo(0.05707039820105493, 14);
    const updated = [w1, b1, w2, b2].map((p) => p.value.subtract(p.grad!.multiply(lr)).item());
    // NumPy: 0.14959144164740945 0.39591441647409464 0.42717184071957803 0.6120974876123662
    expect(updated[0]).toBeCloseTo(0.14959144164740945, 14);
    expect(updated[1]).toBeCloseTo(0.39591441647409464, 14);
    expect(updated[2]).toBeCloseTo(0.42717184071957803, 14);
    expect(updated[3]).toBeCloseTo(0.6120974876123662, 14);
    expect(updated.map((v) => +v.toFixed(4))).toEqual([0.1496, 0.3959, 0.4272, 0.6121]);
  });

  it("two inputs, one hidden unit, one output: x=(0.1,0.3), w=(0.4,-0.2), W=0.1, y=1, η=0.5", () => {
    const x = np.array([0.1, 0.3]), y = 1, lr = 0.5;
    const w = tensor([0.4, -0.2], { requiresGrad: true }), W = tensor(0.1, { requiresGrad: true });
    const a = w.matmul(x).sigmoid();
    const yHat = W.mul(a).sigmoid();
    expect(a.item()).toBeCloseTo(0.495, 3);
    expect(yHat.item()).toBeCloseTo(0.512, 3);
    ops.sub(y, yHat).pow(2).mul(0.5).backward();
    // Weight steps are -η·∂E/∂w; NumPy: ΔW = 0.030153488404045865, Δw = [0.00015228, 0.00045683]
    expect(-lr * W.grad!.item()).toBeCloseTo(0.030153488404045865, 14);
    np.assertAllClose(w.grad!.multiply(-lr), [0.000152275066186628, 0.000456825198559883], { rtol: 1e-9 });
  });
});
