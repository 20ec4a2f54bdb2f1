// Public surface of autograd, re-exported by lib/index.ts.
export { Tensor, tensor, noGrad, isGradEnabled } from "./tensor";
export type { TensorInput, GraphNode } from "./tensor";
export { gradcheck, GradcheckError } from "./gradcheck";
export type { GradcheckOptions } from "./gradcheck";
export { GradientShapeError, AutogradError } from "./errors";
export * as ops from "./ops";
