// Module: the base of every layer and model. Parameters and sub-modules are found by looking at
// the module's own fields (a Tensor that requires grad is a parameter, a Module is a child, an
// array of Modules is a list of children), so a subclass just assigns them in its constructor.
import { NDArray } from "../ndarray/ndarray";
import { formatShape, ShapeError, ValueError } from "../ndarray/errors";
import { Tensor } from "../autograd/tensor";

export type StateDict = Record<string, NDArray>;

export abstract class Module {
  /** Train mode (dropout active) or eval mode. */
  training = true;

  abstract forward(x: Tensor): Tensor;

  /** Direct children with their names. */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Module) out.push([key, value]);
      else if (Array.isArray(value)) value.forEach((v, i) => { if (v instanceof Module) out.push([`${key}.${i}`, v]); });
    }
    return out;
  }

  /** Parameters of this module and all below it, named like "0.weight" or "encoder.bias". */
  /**
   * Every trainable tensor once, by the name it is first reached under: a layer used twice (shared
   * weights) is listed once, as in PyTorch, so an optimizer steps it once per step.
   */
  namedParameters(prefix = "", seen: Set<Tensor> = new Set()): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Tensor && value.requiresGrad && !seen.has(value)) {
        seen.add(value);
        out.push([prefix + key, value]);
      }
    }
    for (const [name, child] of this.namedChildren()) out.push(...child.namedParameters(`${prefix}${name}.`, seen));
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Total number of trainable numbers. */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  train(mode = true): this {
    this.training = mode;
    for (const [, child] of this.namedChildren()) child.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** Copies of every parameter's value by name. */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, p] of this.namedParameters()) out[name] = p.value.copy();
    return out;
  }

  /**
   * Writes saved values into the parameters (in place, so optimizers keep their references).
   * Every name must match and every shape agree; nothing is written unless all do.
   */
  loadStateDict(state: StateDict): void {
    const params = new Map(this.namedParameters());
    const missing = [...params.keys()].filter((k) => !(k in state));
    const unexpected = Object.keys(state).filter((k) => !params.has(k));
    if (missing.length > 0 || unexpected.length > 0) {
      throw new ValueError("loadStateDict", [
        missing.length ? `missing parameters: ${missing.join(", ")}` : "",
        unexpected.length ? `unexpected parameters: ${unexpected.join(", ")}` : "",
      ].filter(Boolean).join("; "), [], "the saved weights come from a different architecture");
    }
    for (const [name, p] of params) {
      const v = state[name];
      if (!(v instanceof NDArray)) throw new ValueError("loadStateDict", `parameter '${name}' is not an array`);
      if (v.ndim !== p.ndim || v.shape.some((d, i) => d !== p.shape[i])) {
        throw new ShapeError("loadStateDict", `parameter '${name}' has shape ${formatShape(p.shape)} in the model ` +
          `but ${formatShape(v.shape)} in the saved state`, [p.shape, v.shape]);
      }
    }
    for (const [name, p] of params) p.value.set([], state[name]);
  }

  /** One line describing this layer alone (e.g. "Linear(in=784, out=128)"). */
  describe(): string {
    return this.constructor.name + "()";
  }

  /** A table of layers, parameter shapes and counts, with the total. */
  summary(): string {
    const rows: [string, string, string, string][] = [["Layer", "Type", "Parameters", "Count"]];
    const visit = (m: Module, name: string) => {
      const own = Object.entries(m).filter(([, v]) => v instanceof Tensor && v.requiresGrad) as [string, Tensor][];
      const shapes = own.map(([k, p]) => `${k} ${formatShape(p.shape)}`).join(", ");
      const count = own.reduce((n, [, p]) => n + p.size, 0);
      if (name !== "" || own.length > 0) rows.push([name || "(root)", m.describe(), shapes || "-", count.toLocaleString("en-US")]);
      for (const [child, c] of m.namedChildren()) visit(c, name ? `${name}.${child}` : child);
    };
    visit(this, "");
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    const line = (r: string[]) => r.map((cell, c) => (c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
    const rule = "-".repeat(widths.reduce((a, b) => a + b, 0) + 6);
    const total = this.parameterCount().toLocaleString("en-US");
    return [line(rows[0]), rule, ...rows.slice(1).map(line), rule, `Total parameters: ${total}`].join("\n");
  }

  /** PyTorch-style nested description. */
  toString(): string {
    const children = this.namedChildren();
    if (children.length === 0) return this.describe();
    const inner = children.map(([name, c]) => `  (${name}): ${c.toString().replace(/\n/g, "\n  ")}`).join("\n");
    return `${this.constructor.name}(\n${inner}\n)`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
