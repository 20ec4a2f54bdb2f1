// Differentiable ops. The primitives below each pair a forward computation on NDArrays with a
// backward rule written next to it; the rest (sub via add/neg, mean via sum, minimum via maximum,
// stacking, squeezing, ...) are compositions and need no backward of their own.
//
// Broadcasting is an explicit op, `expand`: binary ops first expand both inputs to the common
// shape, and expand's backward sums the gradient back down to the input's shape.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { isFloat } from "../ndarray/dtype";
import { broadcastShapes, normalizeAxes, normalizeAxis, sizeOf } from "../ndarray/shape";
import * as np from "../ndarray/np";
import type { IndexItem } from "../ndarray/indexing";
import { isGradEnabled, markLibraryNode, Tensor, TensorInput } from "./tensor";
import { reluBackward, reluForward, stableSigmoid } from "./kernels";

export type { IndexItem };
export interface ReduceOptions { axis?: number | readonly number[] | null; keepdims?: boolean }

/** Wraps a forward result into a tensor that records `backward` when any input needs gradients. */
function record(op: string, inputs: readonly Tensor[], value: NDArray,
  backward: (grad: NDArray) => (NDArray | null)[], library = true): Tensor {
  const requiresGrad = isGradEnabled() && inputs.some((t) => t.requiresGrad);
  const node = requiresGrad ? { op, parents: inputs, backward } : null;
  if (node && library) markLibraryNode(node);
  return new Tensor(value, { requiresGrad, node });
}

/**
 * Turns an operand into a tensor. Plain numbers become constants of the other operand's float
 * dtype, so 2 * x keeps x float32 (like NumPy's weak scalars).
 */
function lift(x: TensorInput, like?: Tensor): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === "number" && like && isFloat(like.dtype)) return new Tensor(np.full([], x, { dtype: like.dtype }));
  const value = asarray(x as ArrayInput);
  return new Tensor(isFloat(value.dtype) ? value : value.astype("float64"));
}

/** Sums `grad` down to `shape`, undoing a broadcast (leading axes, and axes that were 1). */
export function sumToShape(grad: NDArray, shape: readonly number[]): NDArray {
  if (grad.ndim === shape.length && grad.shape.every((d, i) => d === shape[i])) return grad;
  const lead = grad.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.ndim; i++) if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) axes.push(i);
  const summed = axes.length > 0 ? grad.sum({ axis: axes, keepdims: true }) : grad;
  return summed.reshape([...shape]);
}

// ---- broadcasting ----

/** Primitive: a read-only view of x stretched to `shape`; backward sums back. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (x.ndim === shape.length && x.shape.every((d, i) => d === shape[i])) return x;
  return record("expand", [x], x.value.broadcastTo(shape), (g) => [sumToShape(g, x.shape)]);
}

export function broadcastTo(x: TensorInput, shape: readonly number[]): Tensor {
  return expand(lift(x), shape);
}

/** Lifts two operands and expands them to their common shape. */
function pair(op: string, a: TensorInput, b: TensorInput): [Tensor, Tensor] {
  const x = lift(a, b instanceof Tensor ? b : undefined);
  const y = lift(b, x);
  const shape = broadcastShapes(op, x.shape, y.shape);
  return [expand(x, shape), expand(y, shape)];
}

// ---- elementwise primitives ----

export function add(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = pair("add", a, b);
  return record("add", [x, y], x.value.add(y.value), (g) => [g, g]);
}

export function sub(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = pair("sub", a, b);
  return record("sub", [x, y], x.value.subtract(y.value), (g) => [g, g.negative()]);
}

export function mul(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = pair("mul", a, b);
  return record("mul", [x, y], x.value.multiply(y.value), (g) => [
    x.requiresGrad ? g.multiply(y.value) : null,
    y.requiresGrad ? g.multiply(x.value) : null,
  ]);
}

export function div(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = pair("div", a, b);
  return record("div", [x, y], x.value.divide(y.value), (g) => [
    x.requiresGrad ? g.divide(y.value) : null,
    y.requiresGrad ? g.multiply(x.value).divide(y.value.square()).negative() : null,
  ]);
}

/** x ** y. The exponent's gradient (x^y · ln x) is only computed when y requires it. */
export function pow(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = pair("pow", a, b);
  const out = x.value.power(y.value);
  return record("pow", [x, y], out, (g) => [
    x.requiresGrad ? g.multiply(y.value).multiply(x.value.power(y.value.subtract(1))) : null,
    y.requiresGrad ? g.multiply(out).multiply(x.value.log()) : null,
  ]);
}

export function neg(a: TensorInput): Tensor {
  const x = lift(a);
  return record("neg", [x], x.value.negative(), (g) => [g.negative()]);
}

export function exp(a: TensorInput): Tensor {
  const x = lift(a);
  const out = x.value.exp();
  return record("exp", [x], out, (g) => [g.multiply(out)]);
}

export function log(a: TensorInput): Tensor {
  const x = lift(a);
  return record("log", [x], x.value.log(), (g) => [g.divide(x.value)]);
}

export function log1p(a: TensorInput): Tensor {
  const x = lift(a);
  return record("log1p", [x], x.value.log1p(), (g) => [g.divide(x.value.add(1))]);
}

export function sqrt(a: TensorInput): Tensor {
  const x = lift(a);
  const out = x.value.sqrt();
  return record("sqrt", [x], out, (g) => [g.divide(out.multiply(2))]);
}

/** |x|; the gradient at 0 is 0 (sign(0)). */
export function abs(a: TensorInput): Tensor {
  const x = lift(a);
  return record("abs", [x], x.value.abs(), (g) => [g.multiply(x.value.sign())]);
}

export function tanh(a: TensorInput): Tensor {
  const x = lift(a);
  const out = x.value.tanh();
  return record("tanh", [x], out, (g) => [g.multiply(np.subtract(1, out.square()))]);
}

/** 1 / (1 + e^-x), computed without overflow for any x; derivative σ(1 - σ). */
export function sigmoid(a: TensorInput): Tensor {
  const x = lift(a);
  const out = stableSigmoid(x.value);
  return record("sigmoid", [x], out, (g) => [g.multiply(out).multiply(np.subtract(1, out))]);
}

/** max(x, 0); the gradient at 0 is 0. */
export function relu(a: TensorInput): Tensor {
  const x = lift(a);
  return record("relu", [x], reluForward(x.value), (g) => [reluBackward(x.value, g)]);
}

/** Elementwise maximum; where both are equal the gradient is split evenly (as PyTorch does). */
export function maximum(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = pair("maximum", a, b);
  const share = (first: NDArray, second: NDArray) =>
    np.where(first.greater(second), 1, np.where(first.equal(second), 0.5, 0));
  return record("maximum", [x, y], np.maximum(x.value, y.value), (g) => [
    x.requiresGrad ? g.multiply(share(x.value, y.value)) : null,
    y.requiresGrad ? g.multiply(share(y.value, x.value)) : null,
  ]);
}

export function minimum(a: TensorInput, b: TensorInput): Tensor {
  return neg(maximum(neg(a), neg(lift(b, a instanceof Tensor ? a : undefined))));
}

/** Limits x to [min, max]; the gradient passes where min <= x <= max (as PyTorch's clamp). */
export function clip(a: TensorInput, min: number | null, max: number | null): Tensor {
  const x = lift(a);
  const value = np.clip(x.value, min, max);
  return record("clip", [x], value, (g) => {
    let inside: NDArray = np.ones(x.shape, { dtype: "bool" });
    if (min !== null) inside = inside.logicalAnd(x.value.greaterEqual(min));
    if (max !== null) inside = inside.logicalAnd(x.value.lessEqual(max));
    return [g.multiply(inside)];
  });
}

/** Picks a where cond holds, b elsewhere; cond is data, not differentiated. */
export function where(cond: ArrayInput, a: TensorInput, b: TensorInput): Tensor {
  const c = asarray(cond);
  const [x0, y0] = pair("where", a, b);
  const shape = broadcastShapes("where", c.shape, x0.shape);
  const x = expand(x0, shape), y = expand(y0, shape);
  const mask = c.broadcastTo(shape).astype("bool");
  return record("where", [x, y], np.where(mask, x.value, y.value), (g) => [
    x.requiresGrad ? np.where(mask, g, 0).astype(g.dtype) : null,
    y.requiresGrad ? np.where(mask, 0, g).astype(g.dtype) : null,
  ]);
}

// ---- reductions ----

/** Primitive: sum over axes; backward spreads the gradient back over the summed axes. */
export function sum(a: TensorInput, options: ReduceOptions = {}): Tensor {
  const x = lift(a);
  const axes = normalizeAxes("sum", options.axis, x.ndim, x.shape);
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return record("sum", [x], x.value.sum({ axis: axes, keepdims: options.keepdims }),
    (g) => [g.reshape(kept).broadcastTo(x.shape)]);
}

export function mean(a: TensorInput, options: ReduceOptions = {}): Tensor {
  const x = lift(a);
  const axes = normalizeAxes("mean", options.axis, x.ndim, x.shape);
  const count = axes.reduce((n, ax) => n * x.shape[ax], 1);
  return div(sum(x, options), count);
}

/** Primitive: max over axes; the gradient goes to the maxima, split evenly among ties. */
export function max(a: TensorInput, options: ReduceOptions = {}): Tensor {
  const x = lift(a);
  const axes = normalizeAxes("max", options.axis, x.ndim, x.shape);
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = x.value.max({ axis: axes, keepdims: options.keepdims });
  return record("max", [x], out, (g) => {
    const isMax = x.value.equal(out.reshape(kept));
    const count = isMax.sum({ axis: axes, keepdims: true });
    return [g.reshape(kept).multiply(isMax).divide(count)];
  });
}

// ---- shape ----

export function reshape(a: TensorInput, shape: readonly number[]): Tensor {
  const x = lift(a);
  return record("reshape", [x], x.value.reshape([...shape]), (g) => [g.reshape([...x.shape])]);
}

export function transpose(a: TensorInput, axes?: readonly number[]): Tensor {
  const x = lift(a);
  const perm = axes ? axes.map((ax) => normalizeAxis("transpose", ax, x.ndim, x.shape)) : x.shape.map((_, i) => x.ndim - 1 - i);
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return record("transpose", [x], x.value.transpose(perm), (g) => [g.transpose(inverse)]);
}

export function expandDims(a: TensorInput, axis: number | readonly number[]): Tensor {
  const x = lift(a);
  return reshape(x, np.expandDims(x.value, axis).shape);
}

export function squeeze(a: TensorInput, axis?: number | readonly number[]): Tensor {
  const x = lift(a);
  return reshape(x, np.squeeze(x.value, axis).shape);
}

/** Primitive: basic slicing (NumPy syntax, as NDArray.slice); backward writes g into zeros. */
export function slice(a: TensorInput, ...index: IndexItem[]): Tensor {
  const x = lift(a);
  return record("slice", [x], x.value.slice(...index), (g) => {
    const out = np.zeros(x.shape, { dtype: g.dtype });
    out.slice(...index).set([], g);
    return [out];
  });
}

/** Primitive: joins tensors along an axis; backward splits the gradient into the pieces. */
export function concatenate(items: readonly TensorInput[], options: { axis?: number } = {}): Tensor {
  const xs = items.map((t) => lift(t));
  if (xs.length === 0) throw new np.ValueError("concatenate", "need at least one array to concatenate");
  const value = np.concatenate(xs.map((t) => t.value), { axis: options.axis ?? 0 });
  const axis = normalizeAxis("concatenate", options.axis ?? 0, value.ndim, value.shape);
  const bounds: number[] = [];
  let at = 0;
  for (const t of xs.slice(0, -1)) bounds.push((at += t.shape[axis]));
  return record("concatenate", xs, value, (g) => np.split(g, bounds, { axis }).map((part) => part.copy()));
}

export function stack(items: readonly TensorInput[], options: { axis?: number } = {}): Tensor {
  const xs = items.map((t) => lift(t));
  if (xs.length === 0) throw new np.ValueError("stack", "need at least one array to stack");
  np.stack(xs.map((t) => t.value.slice("..."))); // validates shapes with NumPy's message
  const axis = normalizeAxis("stack", options.axis ?? 0, xs[0].ndim + 1, xs[0].shape);
  return concatenate(xs.map((t) => expandDims(t, axis)), { axis });
}

/**
 * Primitive: gathers entries along `axis` (rows of an embedding table with axis 0). Backward
 * scatter-adds, so an index picked twice collects both gradients.
 */
export function take(a: TensorInput, indices: ArrayInput, options: { axis?: number } = {}): Tensor {
  const x = lift(a);
  const idx = asarray(indices);
  const axis = normalizeAxis("take", options.axis ?? 0, x.ndim, x.shape);
  const value = np.take(x.value, idx, { axis });
  return record("take", [x], value, (g) => {
    const before = sizeOf(x.shape.slice(0, axis)), after = sizeOf(x.shape.slice(axis + 1));
    const n = x.shape[axis];
    const list = idx.toTypedArray();
    const src = g.toTypedArray();
    const out = np.zeros(x.shape, { dtype: g.dtype });
    const dst = out.data;
    for (let b = 0; b < before; b++) {
      for (let l = 0; l < list.length; l++) {
        const row = list[l] < 0 ? list[l] + n : list[l];
        const from = (b * list.length + l) * after, to = (b * n + row) * after;
        for (let k = 0; k < after; k++) dst[to + k] += src[from + k];
      }
    }
    return [out];
  });
}

// ---- linear algebra ----

/**
 * Matrix product with NumPy's matmul rules. The primitive works on stacks of matrices; 1-D
 * operands are reshaped to a row or column first and the extra axis removed after.
 */
export function matmul(a: TensorInput, b: TensorInput): Tensor {
  let x = lift(a, b instanceof Tensor ? b : undefined), y = lift(b, x);
  if (x.ndim === 0 || y.ndim === 0) {
    np.matmul(x.value, y.value); // raises NumPy's error for 0-d operands
  }
  const xVector = x.ndim === 1, yVector = y.ndim === 1;
  if (xVector) x = reshape(x, [1, x.shape[0]]);
  if (yVector) y = reshape(y, [y.shape[0], 1]);
  const xs = x, ys = y;
  const out = record("matmul", [xs, ys], np.matmul(xs.value, ys.value), (g) => [
    xs.requiresGrad ? sumToShape(np.matmul(g, np.swapaxes(ys.value, -1, -2)), xs.shape) : null,
    ys.requiresGrad ? sumToShape(np.matmul(np.swapaxes(xs.value, -1, -2), g), ys.shape) : null,
  ]);
  if (xVector && yVector) return reshape(out, out.shape.slice(0, -2));
  if (xVector) return squeeze(out, -2);
  if (yVector) return squeeze(out, -1);
  return out;
}

// ---- fused ops (speed) ----
// Each computes what a composition of the primitives above computes, as one primitive: fewer
// temporaries and graph nodes per training step. Their gradients match the compositions'
// (tests/perf/fused-ops.test.ts checks both against each other and against gradcheck).

/**
 * x·W + b for a 2-D batch x (n, in), W (in, out) and b (out,) or null: a Linear layer's forward as
 * one op. The bias is added into the fresh product in place; backward gives dx = g·Wᵀ, dW = xᵀ·g,
 * db = Σ_rows g. Other ranks or a bias that would widen the product's dtype use the composition.
 */
export function linear(a: TensorInput, weight: Tensor, bias: Tensor | null): Tensor {
  const x = lift(a, weight);
  const fusable = x.ndim === 2 && weight.ndim === 2 && (bias === null || (bias.ndim === 1 && bias.shape[0] === weight.shape[1]));
  const product = fusable ? np.matmul(x.value, weight.value) : null;
  if (product === null || (bias !== null && np.promoteTypes(product.dtype, bias.dtype) !== product.dtype)) {
    const y = matmul(x, weight);
    return bias === null ? y : add(y, bias);
  }
  if (bias !== null) {
    // product is packed and ours: add the bias row into every row
    const out = product.data, m = product.shape[1], n = product.shape[0];
    const b = bias.value.isContiguous ? bias.value : bias.value.copy();
    const bd = b.data, bo = b.offset;
    for (let i = 0, row = 0; i < n; i++, row += m) for (let j = 0; j < m; j++) out[row + j] += bd[bo + j];
  }
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  return record("linear", inputs, product, (g) => [
    x.requiresGrad ? np.matmul(g, weight.value.T) : null,
    weight.requiresGrad ? np.matmul(x.value.T, g) : null,
    ...(bias === null ? [] : [bias.requiresGrad ? g.sum({ axis: 0 }) : null]),
  ]);
}

/**
 * Cross-entropy of logits z (n, c) against targets t (n, c) (one-hot rows or class
 * probabilities), per row −Σ_c t_c·logSoftmax(z)_c, reduced by mean, sum or none: the composition
 * logSoftmax → multiply → sum → neg → mean as one op. Backward: (Σ_c t_c)·softmax(z) − t, times
 * the upstream gradient (÷ n for the mean). The targets are data (no gradient).
 */
export function softmaxCrossEntropy(logits: Tensor, targets: NDArray, reduction: "mean" | "sum" | "none" = "mean"): Tensor {
  const z = logits.value.isContiguous ? logits.value : logits.value.copy();
  const t = targets.isContiguous && targets.dtype === z.dtype ? targets : targets.astype(z.dtype);
  const [n, c] = z.shape;
  const zd = z.data, zo = z.offset, td = t.data, to = t.offset;
  const perRow = np.zeros([n], { dtype: z.dtype });
  const softmax = np.zeros([n, c], { dtype: z.dtype });
  const targetSums = new Float64Array(n);
  const pr = perRow.data, sm = softmax.data;
  for (let i = 0; i < n; i++) {
    const row = zo + i * c, trow = to + i * c, out = i * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) max = zd[row + j] > max ? zd[row + j] : max;
    let sumExp = 0;
    for (let j = 0; j < c; j++) { const e = Math.exp(zd[row + j] - max); sm[out + j] = e; sumExp += e; }
    const logSum = Math.log(sumExp);
    let loss = 0, tSum = 0;
    for (let j = 0; j < c; j++) {
      const tv = td[trow + j];
      // a class with no target weight adds nothing, even at a logit of −∞ (0·∞ would be NaN)
      if (tv !== 0) loss -= tv * (zd[row + j] - max - logSum);
      tSum += tv;
      sm[out + j] /= sumExp;
    }
    pr[i] = loss;
    targetSums[i] = tSum;
  }
  const value = reduction === "none" ? perRow
    : reduction === "sum" ? perRow.sum() : perRow.sum().divide(n);
  return record("softmaxCrossEntropy", [logits], value, (g) => {
    const grad = np.zeros([n, c], { dtype: z.dtype });
    const gd = grad.data, gv = g.toTypedArray();
    for (let i = 0; i < n; i++) {
      const scale = reduction === "none" ? gv[i] : reduction === "sum" ? gv[0] : gv[0] / n;
      for (let j = 0, k = i * c; j < c; j++, k++) gd[k] = (targetSums[i] * sm[k] - td[to + k]) * scale;
    }
    return [grad];
  });
}

/**
 * Defines a new primitive in place: `value` is its forward result, `backward` maps the output's
 * gradient to one gradient (or null) per input. Used for step's zero gradient, and by exercises
 * that write their own backward rules.
 */
export function custom(op: string, inputs: readonly TensorInput[], value: NDArray,
  backward: (grad: NDArray) => (NDArray | null)[]): Tensor {
  return record(op, inputs.map((t) => lift(t)), value, backward, false);
}

/** Turns numbers, nested arrays and NDArrays into constant tensors (tensors pass through). */
export { lift as toTensor };
