// Gradient clipping, applied between backward() and step().
import { ValueError } from "../ndarray/errors";
import * as np from "../ndarray/np";
import { Tensor } from "../autograd/tensor";

/**
 * Scales all gradients together so their joint L2 norm is at most maxNorm (direction kept).
 * Returns the norm before clipping, which is worth logging: it shows exploding gradients.
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number): number {
  if (!(maxNorm > 0)) throw new ValueError("clipGradNorm", `maxNorm must be positive, got ${maxNorm}`);
  const withGrad = [...params].filter((p) => p.grad !== null);
  const total = Math.sqrt(withGrad.reduce((s, p) => s + p.grad!.square().sum().item(), 0));
  if (total > maxNorm) {
    const scale = maxNorm / (total + 1e-6);
    for (const p of withGrad) p.grad = p.grad!.multiply(scale);
  }
  return total;
}

/** Clamps every gradient entry to [−clipValue, clipValue]. */
export function clipGradValue(params: Iterable<Tensor>, clipValue: number): void {
  if (!(clipValue > 0)) throw new ValueError("clipGradValue", `clipValue must be positive, got ${clipValue}`);
  for (const p of params) if (p.grad !== null) p.grad = np.clip(p.grad, -clipValue, clipValue);
}
