// nnbook's public entry. `np` is the NumPy-like array library; NDArray is its array class.
// Inside lib, modules import files (never folders): tslab resolves file paths only.
export * as np from "./ndarray/np";
export { NDArray } from "./ndarray/ndarray";
export type { DType } from "./ndarray/dtype";
export type { Shape } from "./ndarray/shape";
export { Tensor, tensor, noGrad, gradcheck, GradcheckError, GradientShapeError, AutogradError, ops } from "./autograd/index-autograd";
export * as data from "./data/data";
export * as nn from "./nn/index-nn";
export * as optim from "./optim/index-optim";
export * as train from "./train/index-train";
export * as plot from "./plot/index-plot";
export * as models from "./models/index-models";
export { isFastMode } from "./env";
export { check, CheckError } from "./check";
