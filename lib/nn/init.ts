// Weight initialization, all drawn from a seeded generator (np.random's global one unless another
// RandomState is given). Shapes are (fanIn, fanOut), the course's layout: y = x·W + b.
import { NDArray } from "../ndarray/ndarray";
import * as np from "../ndarray/np";
import { RandomState, globalState } from "../ndarray/random";
import { ValueError } from "../ndarray/errors";

export type InitName = "zeros" | "normal" | "xavierUniform" | "xavierNormal" | "heUniform" | "heNormal";

function fans(op: string, shape: readonly number[]): [number, number] {
  if (shape.length < 1) throw new ValueError(op, "initialization needs at least a 1-D shape", [shape]);
  const fanIn = shape[0], fanOut = shape.length > 1 ? shape.slice(1).reduce((a, b) => a * b, 1) : 1;
  return [fanIn, fanOut];
}

export function zeros(shape: readonly number[]): NDArray {
  return np.zeros([...shape]);
}

/** N(0, σ²) with σ = scale, or 1/√fanIn when no scale is given (the course's choice). */
export function normal(shape: readonly number[], options: { scale?: number; rng?: RandomState } = {}): NDArray {
  const [fanIn] = fans("normal", shape);
  const scale = options.scale ?? 1 / Math.sqrt(fanIn);
  return (options.rng ?? globalState).normal(0, scale, [...shape]);
}

/** Glorot/Xavier uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)); keeps variance for tanh/sigmoid. */
export function xavierUniform(shape: readonly number[], options: { rng?: RandomState } = {}): NDArray {
  const [fanIn, fanOut] = fans("xavierUniform", shape);
  const a = Math.sqrt(6 / (fanIn + fanOut));
  return (options.rng ?? globalState).uniform(-a, a, [...shape]);
}

/** Glorot/Xavier normal: N(0, 2 / (fanIn + fanOut)). */
export function xavierNormal(shape: readonly number[], options: { rng?: RandomState } = {}): NDArray {
  const [fanIn, fanOut] = fans("xavierNormal", shape);
  return (options.rng ?? globalState).normal(0, Math.sqrt(2 / (fanIn + fanOut)), [...shape]);
}

/** He/Kaiming uniform: U(−a, a) with a = √(6 / fanIn); keeps variance through ReLUs. */
export function heUniform(shape: readonly number[], options: { rng?: RandomState } = {}): NDArray {
  const [fanIn] = fans("heUniform", shape);
  const a = Math.sqrt(6 / fanIn);
  return (options.rng ?? globalState).uniform(-a, a, [...shape]);
}

/** He/Kaiming normal: N(0, 2 / fanIn). */
export function heNormal(shape: readonly number[], options: { rng?: RandomState } = {}): NDArray {
  const [fanIn] = fans("heNormal", shape);
  return (options.rng ?? globalState).normal(0, Math.sqrt(2 / fanIn), [...shape]);
}

export function byName(name: InitName, shape: readonly number[], rng?: RandomState): NDArray {
  switch (name) {
    case "zeros": return zeros(shape);
    case "normal": return normal(shape, { rng });
    case "xavierUniform": return xavierUniform(shape, { rng });
    case "xavierNormal": return xavierNormal(shape, { rng });
    case "heUniform": return heUniform(shape, { rng });
    case "heNormal": return heNormal(shape, { rng });
    default: throw new ValueError("init", `unknown initialization ${JSON.stringify(name)}`, [shape],
      "use zeros, normal, xavierUniform, xavierNormal, heUniform or heNormal");
  }
}
