// Finite-difference gradient checking, for tests and for exercises: compares the gradients that
// backward() computes with central differences (f(x + ε) - f(x - ε)) / 2ε, in float64.
import { NDArray } from "../ndarray/ndarray";
import { RandomState } from "../ndarray/random";
import { formatShape } from "../ndarray/errors";
import { noGrad, Tensor, tensor, TensorInput } from "./tensor";
import { AutogradError } from "./errors";

export interface GradcheckOptions { eps?: number; atol?: number; rtol?: number; seed?: number }

export class GradcheckError extends AutogradError {
  readonly input: number;
  readonly index: number[];
  readonly analytical: number;
  readonly numerical: number;
  constructor(input: number, shape: readonly number[], index: number[], analytical: number, numerical: number, tol: string) {
    super("gradcheck", `gradient mismatch for input ${input} (shape ${formatShape(shape)}) at index ` +
      `(${index.join(", ")}): backward gives ${analytical}, finite differences give ${numerical} (${tol})`, [shape]);
    this.input = input;
    this.index = index;
    this.analytical = analytical;
    this.numerical = numerical;
  }
}

function unravel(k: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) { index[d] = k % shape[d]; k = Math.floor(k / shape[d]); }
  return index;
}

/**
 * Checks fn's gradients with respect to every input. A non-scalar output is reduced with fixed
 * random weights (a vector-Jacobian product), so every output element takes part. Returns true,
 * or throws a GradcheckError naming the input, the element and both values.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly TensorInput[],
  options: GradcheckOptions = {}): true {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, seed = 0 } = options;
  const leaves = inputs.map((x) => tensor(x, { requiresGrad: true, dtype: "float64" }));
  const probe = fn(...leaves);
  if (!(probe instanceof Tensor)) throw new AutogradError("gradcheck", "fn must return a Tensor");
  const weights = new RandomState(seed).uniform(0.5, 1.5, [...probe.shape]) as NDArray;
  const objective = (out: Tensor): Tensor => out.mul(weights).sum();
  objective(probe).backward();

  leaves.forEach((leaf, i) => {
    const analytical = leaf.grad ? leaf.grad.toTypedArray() : new Float64Array(leaf.size);
    const data = leaf.value.data;
    for (let k = 0; k < leaf.size; k++) {
      const saved = data[k];
      const at = (v: number): number => {
        data[k] = v;
        const r = noGrad(() => objective(fn(...leaves)).item());
        data[k] = saved;
        return r;
      };
      const numerical = (at(saved + eps) - at(saved - eps)) / (2 * eps);
      const a = analytical[k];
      if (!(Math.abs(a - numerical) <= atol + rtol * Math.abs(numerical))) {
        throw new GradcheckError(i, leaf.shape, unravel(k, leaf.shape), a, numerical, `atol=${atol}, rtol=${rtol}`);
      }
    }
  });
  return true;
}
