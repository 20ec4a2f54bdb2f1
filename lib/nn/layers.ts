// Layers: Linear, Sequential, Dropout, Flatten, and activation functions as modules.
import { formatShape, ShapeError, ValueError } from "../ndarray/errors";
import { RandomState, globalState } from "../ndarray/random";
import { longLivedCopy, longLivedZeros } from "../ndarray/placement";
import { Tensor } from "../autograd/tensor";
import * as ops from "../autograd/ops";
import { Module } from "./module";
import * as act from "./activations";
import { byName, InitName } from "./init";

/** y = x·W + b, with W of shape (inFeatures, outFeatures) as in the course. */
export class Linear extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(inFeatures: number, outFeatures: number,
    options: { bias?: boolean; init?: InitName; rng?: RandomState; dtype?: "float64" | "float32" } = {}) {
    super();
    for (const [name, v] of [["inFeatures", inFeatures], ["outFeatures", outFeatures]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new ValueError("Linear", `${name} must be a positive integer, got ${v}`);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const dtype = options.dtype ?? "float64";
    const w = byName(options.init ?? "normal", [inFeatures, outFeatures], options.rng);
    // Parameters live as long as the layer: in the kernels' memory where possible (placement.ts).
    this.weight = new Tensor(longLivedCopy(w.astype(dtype)), { requiresGrad: true });
    this.bias = options.bias === false ? null : new Tensor(longLivedZeros([outFeatures], dtype), { requiresGrad: true });
  }

  forward(x: Tensor): Tensor {
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new ShapeError("Linear", `expected input with last dimension ${this.inFeatures} (inFeatures), got shape ` +
        `${formatShape(x.shape)}`, [x.shape, this.weight.shape], x.ndim > 2 ? "flatten the input first (nn.Flatten)" : undefined);
    }
    return ops.linear(x, this.weight, this.bias); // x·W + b as one fused op (same values and gradients)
  }

  override describe(): string {
    return `Linear(in=${this.inFeatures}, out=${this.outFeatures}${this.bias ? "" : ", bias=false"})`;
  }
}

/** Applies its layers in order. */
export class Sequential extends Module {
  readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    layers.forEach((l, i) => {
      if (!(l instanceof Module)) throw new ValueError("Sequential", `argument ${i} is not a Module`);
    });
    this.layers = layers;
  }

  override namedChildren(): [string, Module][] {
    return this.layers.map((l, i) => [String(i), l]);
  }

  forward(x: Tensor): Tensor {
    return this.layers.reduce((h, layer) => layer.forward(h), x);
  }
}

/**
 * Inverted dropout: in train mode each value is zeroed with probability p and the survivors are
 * scaled by 1/(1 − p), so the expected output equals the input and eval mode is the identity.
 */
export class Dropout extends Module {
  readonly p: number;
  private readonly rng: RandomState;

  constructor(p = 0.5, options: { rng?: RandomState } = {}) {
    super();
    if (!(p >= 0 && p < 1)) throw new ValueError("Dropout", `p must lie in [0, 1), got ${p}`);
    this.p = p;
    this.rng = options.rng ?? globalState;
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const keep = this.rng.random([...x.shape]).greaterEqual(this.p).astype(x.dtype);
    return x.mul(keep.multiply(1 / (1 - this.p)));
  }

  override describe(): string { return `Dropout(p=${this.p})`; }
}

/** Flattens every axis from startDim on into one: (N, 28, 28) → (N, 784). */
export class Flatten extends Module {
  constructor(readonly startDim = 1) { super(); }

  forward(x: Tensor): Tensor {
    const keep = x.shape.slice(0, this.startDim);
    // the flattened size itself, not -1: an empty batch (0, 3, 4) still flattens to (0, 12)
    return x.reshape([...keep, x.shape.slice(this.startDim).reduce((n, d) => n * d, 1)]);
  }

  override describe(): string { return `Flatten(startDim=${this.startDim})`; }
}

export class ReLU extends Module { forward(x: Tensor): Tensor { return act.relu(x); } }
export class Sigmoid extends Module { forward(x: Tensor): Tensor { return act.sigmoid(x); } }
export class Tanh extends Module { forward(x: Tensor): Tensor { return act.tanh(x); } }
export class SELU extends Module { forward(x: Tensor): Tensor { return act.selu(x); } }
/** The step function as a layer: its zero gradient is why it cannot train. */
export class Step extends Module { forward(x: Tensor): Tensor { return act.step(x); } }

export class LeakyReLU extends Module {
  constructor(readonly alpha = 0.01) { super(); }
  forward(x: Tensor): Tensor { return act.leakyRelu(x, this.alpha); }
  override describe(): string { return `LeakyReLU(alpha=${this.alpha})`; }
}

export class ELU extends Module {
  constructor(readonly alpha = 1) { super(); }
  forward(x: Tensor): Tensor { return act.elu(x, this.alpha); }
  override describe(): string { return `ELU(alpha=${this.alpha})`; }
}

export class Softmax extends Module {
  constructor(readonly axis = -1) { super(); }
  forward(x: Tensor): Tensor { return act.softmax(x, this.axis); }
}

export class LogSoftmax extends Module {
  constructor(readonly axis = -1) { super(); }
  forward(x: Tensor): Tensor { return act.logSoftmax(x, this.axis); }
}
