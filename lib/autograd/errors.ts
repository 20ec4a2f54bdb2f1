// Errors raised by autograd. Like the ndarray errors, each has a `code` and the shapes involved.
import { formatShape, NDArrayError, Shape } from "../ndarray/errors";

/** A backward rule produced a gradient whose shape differs from its input's: a bug in that rule. */
export class GradientShapeError extends NDArrayError {
  constructor(op: string, input: number, gradShape: Shape, inputShape: Shape) {
    super("shape", op, `backward produced a gradient of shape ${formatShape(gradShape)} for input ${input}, ` +
      `which has shape ${formatShape(inputShape)}`, [gradShape, inputShape]);
  }
}

/** Misuse of the autograd API (backward on a non-scalar without a gradient, ...). */
export class AutogradError extends NDArrayError {
  constructor(op: string, sentence: string, shapes: Shape[] = [], hint?: string) {
    super("value", op, sentence, shapes, hint);
  }
}
