// Loss functions and weight penalties. Each takes predictions and targets as Tensors (to train)
// or NDArrays (to evaluate by hand; the result is then an NDArray) and reduces with
// `reduction: "mean" | "sum" | "none"`. Inputs are checked: a shape mismatch, a probability
// outside [0, 1] or a label out of range is an error that says what came and what was expected.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { formatShape, ShapeError, ValueError } from "../ndarray/errors";
import * as np from "../ndarray/np";
import { Tensor } from "../autograd/tensor";
import * as ops from "../autograd/ops";
import { logSoftmax } from "./activations";

export type Reduction = "mean" | "sum" | "none";
export interface LossOptions { reduction?: Reduction }

type Input = Tensor | ArrayInput;

function asTensor(x: Input): Tensor {
  if (x instanceof Tensor) return x;
  const value = asarray(x);
  return new Tensor(value.dtype === "float64" || value.dtype === "float32" ? value : value.astype("float64"));
}

/** Tensor in → Tensor out; arrays in → NDArray out. */
function finish(result: Tensor, inputs: Input[]): any {
  return inputs.some((x) => x instanceof Tensor) ? result : result.value;
}

function reduce(op: string, perElement: Tensor, reduction: Reduction): Tensor {
  if (reduction === "none") return perElement;
  if (reduction === "sum") return perElement.sum();
  if (reduction === "mean") return perElement.mean();
  throw new ValueError(op, `reduction must be "mean", "sum" or "none", got ${JSON.stringify(reduction)}`);
}

function sameShape(op: string, pred: Tensor, target: Tensor): void {
  if (pred.ndim !== target.ndim || pred.shape.some((d, i) => d !== target.shape[i])) {
    throw new ShapeError(op, `predictions have shape ${formatShape(pred.shape)} but targets have shape ` +
      `${formatShape(target.shape)}`, [pred.shape, target.shape],
      "reshape one of them (e.g. y.reshape(-1, 1)); silent broadcasting here would compute the wrong loss");
  }
}

function checkRange(op: string, what: string, x: NDArray, lo: number, hi: number): void {
  if (x.size === 0) return;
  const min = x.min().item(), max = x.max().item();
  if (!(min >= lo && max <= hi)) {
    throw new ValueError(op, `${what} must lie in [${lo}, ${hi}], got values from ${min} to ${max}`, [x.shape],
      what === "probabilities" ? "pass logits to the ...WithLogits / crossEntropy version instead" : undefined);
  }
}

/** Mean squared error: mean((ŷ − y)²). */
export function mse(yHat: Tensor, y: Input, options?: LossOptions): Tensor;
export function mse(yHat: ArrayInput, y: ArrayInput, options?: LossOptions): NDArray;
export function mse(yHat: Input, y: Input, options: LossOptions = {}): Tensor | NDArray {
  const p = asTensor(yHat), t = asTensor(y);
  sameShape("mse", p, t);
  return finish(reduce("mse", p.sub(t).pow(2), options.reduction ?? "mean"), [yHat, y]);
}

/** Sum of squared errors with the course's ½: ½ Σ (ŷ − y)² (reduction "sum" by default). */
export function sse(yHat: Tensor, y: Input, options?: LossOptions): Tensor;
export function sse(yHat: ArrayInput, y: ArrayInput, options?: LossOptions): NDArray;
export function sse(yHat: Input, y: Input, options: LossOptions = {}): Tensor | NDArray {
  const p = asTensor(yHat), t = asTensor(y);
  sameShape("sse", p, t);
  return finish(reduce("sse", p.sub(t).pow(2).mul(0.5), options.reduction ?? "sum"), [yHat, y]);
}

/**
 * Binary cross-entropy (log-loss) on probabilities: −[y ln p + (1 − y) ln(1 − p)], with p clipped
 * to [eps, 1 − eps] (and 1 − p to at least eps) so ln never sees 0, in float64 and float32.
 */
export function binaryCrossEntropy(p: Tensor, y: Input, options?: LossOptions & { eps?: number }): Tensor;
export function binaryCrossEntropy(p: ArrayInput, y: ArrayInput, options?: LossOptions & { eps?: number }): NDArray;
export function binaryCrossEntropy(p: Input, y: Input, options: LossOptions & { eps?: number } = {}): Tensor | NDArray {
  const prob = asTensor(p), t = asTensor(y);
  sameShape("binaryCrossEntropy", prob, t);
  checkRange("binaryCrossEntropy", "probabilities", prob.value, 0, 1);
  checkRange("binaryCrossEntropy", "targets", t.value, 0, 1);
  const eps = options.eps ?? 1e-15;
  const clipped = prob.clip(eps, 1 - eps);
  // In float32, 1 − eps rounds to 1, so 1 − p is clipped again: ln(1 − p) stays finite at p = 1.
  const perElement = t.mul(clipped.log()).add(ops.sub(1, t).mul(ops.sub(1, clipped).clip(eps, null).log())).neg();
  return finish(reduce("binaryCrossEntropy", perElement, options.reduction ?? "mean"), [p, y]);
}

/** The course's name for binary cross-entropy. */
export const logLoss = binaryCrossEntropy;

/** Binary cross-entropy on logits z, stable for any z: max(z, 0) − z·y + ln(1 + e^−|z|). */
export function binaryCrossEntropyWithLogits(z: Tensor, y: Input, options?: LossOptions): Tensor;
export function binaryCrossEntropyWithLogits(z: ArrayInput, y: ArrayInput, options?: LossOptions): NDArray;
export function binaryCrossEntropyWithLogits(z: Input, y: Input, options: LossOptions = {}): Tensor | NDArray {
  const logits = asTensor(z), t = asTensor(y);
  sameShape("binaryCrossEntropyWithLogits", logits, t);
  checkRange("binaryCrossEntropyWithLogits", "targets", t.value, 0, 1);
  const perElement = ops.maximum(logits, 0).sub(logits.mul(t)).add(logits.abs().neg().exp().log1p());
  return finish(reduce("binaryCrossEntropyWithLogits", perElement, options.reduction ?? "mean"), [z, y]);
}

/**
 * Targets for the categorical losses as a one-hot (N, C) tensor: integer labels of shape (N,)
 * are checked and expanded; an (N, C) target is taken as one-hot or as class probabilities.
 */
function classTargets(op: string, pred: Tensor, y: Input): Tensor {
  if (pred.ndim !== 2) {
    throw new ShapeError(op, `predictions must have shape (N, C), got ${formatShape(pred.shape)}`, [pred.shape]);
  }
  const [n, c] = pred.shape;
  const t = y instanceof Tensor ? y.value : asarray(y);
  if (t.ndim === 1) {
    if (t.shape[0] !== n) {
      throw new ShapeError(op, `predictions have ${n} rows but there are ${t.shape[0]} labels`, [pred.shape, t.shape]);
    }
    const labels = t.toTypedArray();
    const oneHot = NDArray.zeros([n, c], pred.dtype), hot = oneHot.data;
    for (let i = 0; i < n; i++) {
      const v = labels[i];
      if (!Number.isInteger(v) || v < 0 || v >= c) {
        throw new ValueError(op, `label ${v} at position ${i} is not a class index in [0, ${c})`, [pred.shape, t.shape]);
      }
      hot[i * c + v] = 1;
    }
    return new Tensor(oneHot);
  }
  if (t.ndim !== 2 || t.shape[0] !== n || t.shape[1] !== c) {
    throw new ShapeError(op, `targets must be labels of shape (${n},) or one-hot of shape (${n}, ${c}), got ` +
      `${formatShape(t.shape)}`, [pred.shape, t.shape]);
  }
  checkRange(op, "targets", t, 0, 1);
  return y instanceof Tensor ? y : new Tensor(t.astype(pred.dtype));
}

function perSample(op: string, oneHot: Tensor, logProbs: Tensor, reduction: Reduction): Tensor {
  // Classes of target weight 0 are left out rather than multiplied by 0: a log-probability of −∞
  // there (a logit masked with −∞) would give 0·(−∞) = NaN. PyTorch's nll_loss picks the target's.
  const terms = ops.where(oneHot.value.notEqual(0), oneHot.mul(logProbs), 0);
  return reduce(op, terms.sum({ axis: 1 }).neg(), reduction);
}

/** Cross-entropy on probabilities (rows of p sum to 1): −Σ_c y_c ln p_c per sample. */
export function categoricalCrossEntropy(p: Tensor, y: Input, options?: LossOptions & { eps?: number }): Tensor;
export function categoricalCrossEntropy(p: ArrayInput, y: ArrayInput, options?: LossOptions & { eps?: number }): NDArray;
export function categoricalCrossEntropy(p: Input, y: Input, options: LossOptions & { eps?: number } = {}): Tensor | NDArray {
  const prob = asTensor(p);
  const t = classTargets("categoricalCrossEntropy", prob, y);
  checkRange("categoricalCrossEntropy", "probabilities", prob.value, 0, 1);
  const eps = options.eps ?? 1e-15;
  return finish(perSample("categoricalCrossEntropy", t, prob.clip(eps, 1 - eps).log(), options.reduction ?? "mean"), [p, y]);
}

/** Cross-entropy on logits (softmax inside, computed stably): PyTorch's CrossEntropyLoss. */
export function crossEntropy(logits: Tensor, y: Input, options?: LossOptions): Tensor;
export function crossEntropy(logits: ArrayInput, y: ArrayInput, options?: LossOptions): NDArray;
export function crossEntropy(logits: Input, y: Input, options: LossOptions = {}): Tensor | NDArray {
  const z = asTensor(logits);
  const t = classTargets("crossEntropy", z, y);
  const reduction = options.reduction ?? "mean";
  if (!t.requiresGrad && (reduction === "mean" || reduction === "sum" || reduction === "none")) {
    // logSoftmax, multiply, sum and mean as one fused op (same values and gradients)
    return finish(ops.softmaxCrossEntropy(z, t.value, reduction), [logits, y]);
  }
  return finish(perSample("crossEntropy", t, logSoftmax(z, 1), reduction), [logits, y]);
}

/** Negative log-likelihood of log-probabilities (e.g. the output of logSoftmax). */
export function nll(logProbs: Tensor, y: Input, options?: LossOptions): Tensor;
export function nll(logProbs: ArrayInput, y: ArrayInput, options?: LossOptions): NDArray;
export function nll(logProbs: Input, y: Input, options: LossOptions = {}): Tensor | NDArray {
  const lp = asTensor(logProbs);
  const t = classTargets("nll", lp, y);
  return finish(perSample("nll", t, lp, options.reduction ?? "mean"), [logProbs, y]);
}

type Params = Tensor | readonly Tensor[];
const list = (params: Params): readonly Tensor[] => (params instanceof Tensor ? [params] : params);

function sumOver(params: Params, term: (w: Tensor) => Tensor): Tensor {
  const terms = list(params).map((w) => term(w).sum());
  if (terms.length === 0) throw new ValueError("penalty", "no parameters given");
  return terms.reduce((a, b) => a.add(b));
}

/** L1 penalty λ Σ |w| (pushes weights to exactly zero). */
export function l1(params: Params, lambda: number): Tensor {
  return sumOver(params, (w) => w.abs()).mul(lambda);
}

/** L2 penalty λ Σ w² (as the course writes it; its gradient 2λw is weight decay). */
export function l2(params: Params, lambda: number): Tensor {
  return sumOver(params, (w) => w.mul(w)).mul(lambda);
}

/** Elastic net, the course's α Σ |w| + (1 − α) Σ w², scaled by λ. */
export function elasticNet(params: Params, lambda: number, alpha = 0.5): Tensor {
  if (!(alpha >= 0 && alpha <= 1)) throw new ValueError("elasticNet", `alpha must lie in [0, 1], got ${alpha}`);
  return sumOver(params, (w) => w.abs().mul(alpha).add(w.mul(w).mul(1 - alpha))).mul(lambda);
}
