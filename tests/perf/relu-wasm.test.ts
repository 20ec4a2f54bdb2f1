// ReLU on the branch-free wasm kernels (lib/kernels/activation-wasm.ts) against the JS loops, bit
// for bit, signed zeros, NaN and infinities included; and maximum/minimum ties as NumPy breaks them.
import { afterEach, describe, expect, it } from "vitest";
import { np, nn, tensor, NDArray } from "../../lib/index";
import { WASM_RELU_MIN } from "../../lib/kernels/activation-wasm";

afterEach(() => np.setBackend("wasm"));

/** The elements as strings that tell −0 from +0 (and keep NaN), for exact comparisons. */
const exact = (a: NDArray) => Array.from(a.toTypedArray(), (v) => (Object.is(v, -0) ? "-0" : String(v)));

describe("ReLU on the wasm kernels", () => {
  const special = [NaN, -0, 0, Infinity, -Infinity, 1e-40, -1e-40, 3.5, -2.25];
  for (const dtype of ["float64", "float32"] as const) {
    it(`forward and backward give the JS loops' bits (${dtype}, ${WASM_RELU_MIN + 3} values)`, () => {
      np.random.seed(8);
      const n = WASM_RELU_MIN + 3; // not a whole number of vectors
      const xs = np.random.randn(n).astype(dtype).toTypedArray();
      const gs = np.random.randn(n).astype(dtype).toTypedArray();
      special.forEach((v, i) => { xs[i] = v; gs[n - 1 - i] = v; xs[n - 1 - i] = -1; xs[20 + i] = 1; gs[20 + i] = v; });
      const run = (backend: "wasm" | "ts") => {
        np.setBackend(backend);
        const x = tensor(new NDArray(xs.slice(), [n]), { requiresGrad: true });
        const y = x.relu();
        y.backward(new NDArray(gs.slice(), [n]));
        return { y: exact(y.value), g: exact(x.grad!) };
      };
      const wasm = run("wasm"), ts = run("ts");
      expect(wasm.y).toEqual(ts.y);
      expect(wasm.g).toEqual(ts.g);
      expect(wasm.y.slice(0, 5)).toEqual(["NaN", "0", "0", "Infinity", "0"]);
    });
  }

  it("nn.relu on a large NDArray (the wasm kernel) is NumPy's maximum(z, 0)", () => {
    np.random.seed(9);
    for (const dtype of ["float64", "float32"] as const) {
      const z = np.random.randn(40, 50).astype(dtype);
      special.forEach((v, i) => z.data[i * 7] = v);
      expect(exact(nn.relu(z))).toEqual(exact(np.maximum(z, 0)));
      expect(nn.relu(z).dtype).toBe(dtype);
    }
    expect(nn.relu(np.array([[-1, 2]])).toArray()).toEqual([[0, 2]]);
  });

  it("maximum and minimum break a tie of signed zeros as NumPy does (the second operand)", () => {
    expect(exact(np.maximum([-0], [0]))).toEqual(["0"]);
    expect(exact(np.maximum([0], [-0]))).toEqual(["-0"]);
    expect(exact(np.minimum([-0], [0]))).toEqual(["0"]);
    expect(exact(np.minimum([0], [-0]))).toEqual(["-0"]);
    expect(exact(np.maximum([NaN, 1], [0, NaN]))).toEqual(["NaN", "NaN"]);
  });
});
