// The Tensor: an NDArray plus what reverse-mode autodiff needs. A tensor made by an op remembers
// its parents and a small closure that turns the gradient of the output into gradients of the
// inputs (micrograd's design). backward() sorts the graph topologically and runs those closures in
// reverse, summing gradients that reach a tensor along several paths.
import { NDArray, ArrayInput } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { formatShape } from "../ndarray/errors";
import { isFloat, DType, logAllocations, TypedArray } from "../ndarray/dtype";
import { AutogradError, GradientShapeError } from "./errors";
import * as ops from "./ops";

/** How a non-leaf tensor was made: its op, its inputs, and its local backward rule. */
export interface GraphNode {
  readonly op: string;
  readonly parents: readonly Tensor[];
  /** Gradients for each parent given the output's gradient (null where a parent needs none). */
  readonly backward: (grad: NDArray) => (NDArray | null)[];
}

let gradEnabled = true;

// Nodes made by the library's own ops, whose backward rules return arrays they keep no reference
// to. A gradient from any other node (a user's GraphNode, ops.custom) may be an array its rule
// keeps or hands out again, so a leaf never takes one without a copy.
const libraryNodes = new WeakSet<GraphNode>();

/** Marks a node made by a library op (ops.ts) as one whose gradients a leaf may take as they are. */
export function markLibraryNode(node: GraphNode): void {
  libraryNodes.add(node);
}

/** Runs fn without recording a graph (evaluation, optimizer updates). */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

export function isGradEnabled(): boolean {
  return gradEnabled;
}

export type TensorInput = Tensor | ArrayInput;

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

export class Tensor {
  /** The data. Optimizers replace or update it under noGrad. */
  value: NDArray;
  /** d(output)/d(this) accumulated by backward(); only leaves that require grad keep one. */
  grad: NDArray | null = null;
  readonly requiresGrad: boolean;
  /** Set on tensors made by ops while gradients are recorded; null for leaves. */
  readonly node: GraphNode | null;

  constructor(value: NDArray, options: { requiresGrad?: boolean; node?: GraphNode | null } = {}) {
    this.value = value;
    this.requiresGrad = options.requiresGrad ?? false;
    this.node = options.node ?? null;
    if (this.requiresGrad && !isFloat(value.dtype)) {
      throw new AutogradError("tensor", `only float tensors can require gradients, got dtype ${value.dtype}`,
        [value.shape], "create it with { dtype: \"float64\" } or \"float32\"");
    }
  }

  get shape(): readonly number[] { return this.value.shape; }
  get ndim(): number { return this.value.ndim; }
  get size(): number { return this.value.size; }
  get dtype(): DType { return this.value.dtype; }
  /** True for tensors the user made (not produced by an op). */
  get isLeaf(): boolean { return this.node === null; }

  item(): number { return this.value.item(); }
  toArray(): any { return this.value.toArray(); }

  /** The same data, cut from the graph. */
  detach(): Tensor { return new Tensor(this.value); }

  zeroGrad(): void { this.grad = null; }

  /**
   * Backpropagates from this tensor. A scalar needs no argument (its gradient is 1); otherwise
   * pass the upstream gradient, shaped like this tensor.
   */
  backward(grad?: ArrayInput): void {
    if (!this.requiresGrad) {
      throw new AutogradError("backward", "this tensor does not require grad and has no graph to differentiate", [this.shape],
        "create inputs with tensor(x, { requiresGrad: true }) and compute outside noGrad()");
    }
    let seed: NDArray;
    if (grad === undefined) {
      if (this.size !== 1) {
        throw new AutogradError("backward", `grad can be implicitly created only for scalar outputs, but this tensor ` +
          `has shape ${formatShape(this.shape)}`, [this.shape], "reduce it first (e.g. .sum() or .mean()) or pass a gradient");
      }
      seed = NDArray.zeros(this.shape, this.dtype).fill(1);
    } else {
      seed = asarray(grad);
      if (seed.shape.length !== this.ndim || seed.shape.some((d, i) => d !== this.shape[i])) {
        throw new AutogradError("backward", `gradient of shape ${formatShape(seed.shape)} does not match the tensor's ` +
          `shape ${formatShape(this.shape)}`, [seed.shape, this.shape]);
      }
      if (seed.dtype !== this.dtype) seed = seed.astype(this.dtype);
    }
    const order = topologicalOrder(this);
    // A leaf's gradient must be private to it, so that later in-place updates touch nothing else.
    // A gradient array made during this pass (`made`) by a library op's rule or by summing
    // (`trusted`) that no other pending gradient shares (`holders`: how many pending gradients use
    // each buffer) already is; any other is copied.
    const made = new WeakSet<TypedArray>();
    const trusted = new WeakSet<NDArray>();
    const holders = new Map<TypedArray, number>();
    const hold = (g: NDArray, by: number) => holders.set(g.data, (holders.get(g.data) ?? 0) + by);
    const grads = new Map<Tensor, NDArray>([[this, seed]]);
    hold(seed, 1);
    logAllocations(made, () => {
      for (let i = order.length - 1; i >= 0; i--) {
        const t = order[i];
        const g = grads.get(t);
        if (g === undefined) continue;
        grads.delete(t); // free it: each tensor's gradient is complete once we reach it
        if (t.node === null) {
          const privateToLeaf = trusted.has(g) && made.has(g.data) && holders.get(g.data) === 1 && g.offset === 0 &&
            g.data.length === g.size && g.isContiguous;
          t.grad = t.grad !== null ? t.grad.add(g) : privateToLeaf ? g : g.copy();
          hold(g, -1);
          continue;
        }
        const parentGrads = t.node.backward(g);
        const library = libraryNodes.has(t.node);
        t.node.parents.forEach((p, k) => {
          let pg = parentGrads[k];
          if (!p.requiresGrad || pg === null) return;
          if (pg.ndim !== p.ndim || pg.shape.some((d, j) => d !== p.shape[j])) {
            throw new GradientShapeError(t.node!.op, k, pg.shape, p.shape);
          }
          // A tensor's gradient has the tensor's dtype, as in PyTorch: a float32 weight that met
          // float64 data (a float64 target, say) gets a float32 gradient, and stays float32.
          if (pg.dtype !== p.dtype) pg = pg.astype(p.dtype);
          const previous = grads.get(p);
          if (previous !== undefined) hold(previous, -1);
          const sum = previous === undefined ? pg : previous.add(pg);
          // A library rule's new array is trusted; one that passes g on (a view) is as trusted as g.
          if (previous !== undefined || (library && (pg.data !== g.data || trusted.has(g)))) trusted.add(sum);
          grads.set(p, sum);
          hold(sum, 1);
        });
        hold(g, -1);
      }
    });
  }

  // ---- ops (see ops.ts; each returns a new tensor) ----
  add(other: TensorInput): Tensor { return ops.add(this, other); }
  sub(other: TensorInput): Tensor { return ops.sub(this, other); }
  mul(other: TensorInput): Tensor { return ops.mul(this, other); }
  div(other: TensorInput): Tensor { return ops.div(this, other); }
  pow(exponent: TensorInput): Tensor { return ops.pow(this, exponent); }
  neg(): Tensor { return ops.neg(this); }
  exp(): Tensor { return ops.exp(this); }
  log(): Tensor { return ops.log(this); }
  log1p(): Tensor { return ops.log1p(this); }
  sqrt(): Tensor { return ops.sqrt(this); }
  abs(): Tensor { return ops.abs(this); }
  tanh(): Tensor { return ops.tanh(this); }
  sigmoid(): Tensor { return ops.sigmoid(this); }
  relu(): Tensor { return ops.relu(this); }
  maximum(other: TensorInput): Tensor { return ops.maximum(this, other); }
  minimum(other: TensorInput): Tensor { return ops.minimum(this, other); }
  clip(min: number | null, max: number | null): Tensor { return ops.clip(this, min, max); }
  matmul(other: TensorInput): Tensor { return ops.matmul(this, other); }
  sum(options?: ops.ReduceOptions): Tensor { return ops.sum(this, options); }
  mean(options?: ops.ReduceOptions): Tensor { return ops.mean(this, options); }
  max(options?: ops.ReduceOptions): Tensor { return ops.max(this, options); }
  reshape(...shape: (number | readonly number[])[]): Tensor {
    return ops.reshape(this, shape.length === 1 && Array.isArray(shape[0]) ? shape[0] as number[] : shape as number[]);
  }
  transpose(axes?: readonly number[]): Tensor { return ops.transpose(this, axes); }
  get T(): Tensor { return ops.transpose(this); }
  expandDims(axis: number | readonly number[]): Tensor { return ops.expandDims(this, axis); }
  squeeze(axis?: number | readonly number[]): Tensor { return ops.squeeze(this, axis); }
  broadcastTo(shape: readonly number[]): Tensor { return ops.broadcastTo(this, shape); }
  slice(...index: ops.IndexItem[]): Tensor { return ops.slice(this, ...index); }
  take(indices: ArrayInput, options: { axis?: number } = {}): Tensor { return ops.take(this, indices, options); }
  /** This tensor where cond holds, `other` elsewhere (PyTorch's x.where(cond, y)); cond is data. */
  where(cond: ArrayInput, other: TensorInput): Tensor { return ops.where(cond, this, other); }

  // np.concatenate, np.stack and np.where are functions of several arrays; for tensors they are
  // static: Tensor.concatenate([a, b], { axis: 1 }), Tensor.stack([a, b]), Tensor.where(cond, a, b).
  static concatenate(items: readonly TensorInput[], options: { axis?: number } = {}): Tensor { return ops.concatenate(items, options); }
  static stack(items: readonly TensorInput[], options: { axis?: number } = {}): Tensor { return ops.stack(items, options); }
  static where(cond: ArrayInput, a: TensorInput, b: TensorInput): Tensor { return ops.where(cond, a, b); }

  /** tensor([1., 2.], requiresGrad=true), like PyTorch's repr. */
  toString(): string {
    const body = this.value.repr().replace(/^array\(/, "tensor(").replace(/\n/g, "\n ");
    const extra = this.node ? `, gradFn=<${this.node.op}>` : this.requiresGrad ? ", requiresGrad=true" : "";
    return extra ? body.replace(/\)$/, `${extra})`) : body;
  }
  [inspectSymbol](): string { return this.toString(); }
  /** In a notebook: PyTorch's repr, plus the value's HTML table when it is 2-D and small (as an NDArray). */
  [Symbol.for("jupyter.mimeBundle")](): Record<string, string> {
    const ofValue = (this.value as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("jupyter.mimeBundle")]();
    return { ...ofValue, "text/plain": this.toString() };
  }
}

/** Tensors reachable from `root`, each after all of its inputs (iterative DFS: deep graphs are fine). */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [t, next] = top;
    const parents = t.node ? t.node.parents : [];
    if (next < parents.length) {
      top[1]++;
      const p = parents[next];
      if (p.requiresGrad && !visited.has(p)) {
        visited.add(p);
        stack.push([p, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}

/** Makes a tensor: tensor([[1, 2]], { requiresGrad: true }). Data is copied unless it is a Tensor's. */
export function tensor(data: TensorInput, options: { requiresGrad?: boolean; dtype?: DType } = {}): Tensor {
  const source = data instanceof Tensor ? data.value : data;
  let value = source instanceof NDArray ? (options.dtype ? source.astype(options.dtype) : source.copy())
    : asarray(source as ArrayInput, { dtype: options.dtype });
  if (options.requiresGrad && !options.dtype && !isFloat(value.dtype)) value = value.astype("float64");
  return new Tensor(value, { requiresGrad: options.requiresGrad });
}
