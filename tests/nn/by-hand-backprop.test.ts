// The course's two backpropagation examples (lesson 08) computed by hand with NDArray activations
// and their derivatives, as the lesson does before showing autograd get the same numbers.
import { describe, expect, it } from "vitest";
import { np, nn } from "../../lib/index";

const s = (v: number) => nn.sigmoid(np.array(v)).item();
const sPrime = (v: number) => nn.sigmoidPrime(np.array(v)).item();

describe("backpropagation by hand", () => {
  it("two neurons in a chain (E = ½(T − a)², the version the guide's numbers follow)", () => {
    const x = 0.1, w1 = 0.15, b1 = 0.4, w2 = 0.45, b2 = 0.65, T = 0.25, lr = 0.4;
    const z1 = w1 * x + b1, a1 = s(z1);
    const z2 = w2 * a1 + b2, a2 = s(z2);
    const delta2 = (a2 - T) * sPrime(z2); // ∂E/∂z2
    const delta1 = delta2 * w2 * sPrime(z1); // ∂E/∂z1
    const updated = [w1 - lr * delta1 * x, b1 - lr * delta1, w2 - lr * delta2 * a1, b2 - lr * delta2];
    expect(+a1.toFixed(4)).toBe(0.6023);
    expect(+a2.toFixed(4)).toBe(0.7153);
    expect(delta2 * a1).toBeCloseTo(0.05707039820105493, 14);
    expect(updated.map((v) => +v.toFixed(4))).toEqual([0.1496, 0.3959, 0.4272, 0.6121]);
    // With E = (T − a)² as written, every gradient doubles and the steps no longer match the guide.
    expect(2 * delta2 * a1).toBeCloseTo(0.11414079640210986, 14);
  });

  it("two inputs, one hidden unit, one output", () => {
    const x = np.array([0.1, 0.3]), w = np.array([0.4, -0.2]), W = 0.1, y = 1, lr = 0.5;
    const h = np.dot(x, w).item(), a = s(h);
    const yHat = s(W * a);
    const deltaOut = (y - yHat) * yHat * (1 - yHat);
    const deltaHidden = deltaOut * W * a * (1 - a);
    expect(+a.toFixed(3)).toBe(0.495);
    expect(+yHat.toFixed(3)).toBe(0.512);
    expect(+deltaOut.toFixed(3)).toBe(0.122);
    expect(+deltaHidden.toFixed(3)).toBe(0.003);
    expect(+(lr * deltaOut * a).toFixed(4)).toBe(0.0302);
    np.assertAllClose(x.multiply(lr * deltaHidden), [0.000152275066186628, 0.000456825198559883], { rtol: 1e-9 });
  });
});
