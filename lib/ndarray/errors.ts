// Error classes. Each has a machine-readable `code`, the op that raised it, and the shapes
// involved; the message is NumPy's own sentence prefixed with the op, e.g.
// "add: operands could not be broadcast together with shapes (2,3) (4,)".

export type Shape = readonly number[];

export type NDArrayErrorCode =
  | "broadcast" | "reshape" | "axis" | "matmul" | "index" | "dtype" | "ragged" | "shape" | "value" | "memory";

/** Formats a shape the way NumPy prints it: (2,3), (4,), (). */
export function formatShape(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`;
}

export class NDArrayError extends Error {
  readonly code: NDArrayErrorCode;
  readonly op: string;
  readonly shapes: Shape[];

  constructor(code: NDArrayErrorCode, op: string, sentence: string, shapes: Shape[] = [], hint?: string) {
    super(`${op}: ${sentence}` + (hint ? `\nhint: ${hint}` : ""));
    this.code = code;
    this.op = op;
    this.shapes = shapes.map((s) => [...s]);
    this.name = new.target.name;
  }
}

export class BroadcastError extends NDArrayError {
  constructor(op: string, shapes: Shape[], hint?: string, sentence?: string) {
    super("broadcast", op,
      sentence ?? `operands could not be broadcast together with shapes ${shapes.map(formatShape).join(" ")}`,
      shapes, hint);
  }
}

export class ReshapeError extends NDArrayError {
  constructor(op: string, sentence: string, shapes: Shape[], hint?: string) {
    super("reshape", op, sentence, shapes, hint);
  }
}

export class AxisError extends NDArrayError {
  readonly axis: number;
  readonly ndim: number;
  constructor(op: string, axis: number, ndim: number, shape: Shape = []) {
    super("axis", op, `axis ${axis} is out of bounds for array of dimension ${ndim}`, [shape]);
    this.axis = axis;
    this.ndim = ndim;
  }
}

export class MatmulError extends NDArrayError {
  constructor(op: string, sentence: string, shapes: Shape[], hint?: string) {
    super("matmul", op, sentence, shapes, hint);
  }
}

export class IndexError extends NDArrayError {
  constructor(op: string, sentence: string, shapes: Shape[] = [], hint?: string) {
    super("index", op, sentence, shapes, hint);
  }
}

export class DTypeError extends NDArrayError {
  constructor(op: string, sentence: string, hint?: string) {
    super("dtype", op, sentence, [], hint);
  }
}

export class RaggedError extends NDArrayError {
  /** `shapes` holds the shape detected before the inhomogeneous part. */
  constructor(op: string, sentence: string, hint?: string, shapes: Shape[] = []) {
    super("ragged", op, sentence, shapes, hint);
  }
}

/** Arrays whose shapes must agree in a way other than broadcasting (concatenate, stack, ...). */
export class ShapeError extends NDArrayError {
  constructor(op: string, sentence: string, shapes: Shape[], hint?: string) {
    super("shape", op, sentence, shapes, hint);
  }
}

/** A bad argument value that is not about shapes (negative count, step of zero, ...). */
/** An array too large to allocate (NumPy's _ArrayMemoryError). */
export class MemoryError extends NDArrayError {
  constructor(op: string, sentence: string, shapes: Shape[] = [], hint?: string) {
    super("memory", op, sentence, shapes, hint);
  }
}

export class ValueError extends NDArrayError {
  constructor(op: string, sentence: string, shapes: Shape[] = [], hint?: string) {
    super("value", op, sentence, shapes, hint);
  }
}
