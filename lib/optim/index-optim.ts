// The `optim` namespace: optimizers, learning-rate schedules, gradient clipping.
export { Optimizer, SGD, AdaGrad, RMSprop, Adam } from "./optimizers";
export { LRSchedule, StepDecay, ExponentialDecay, InverseSqrtDecay } from "./schedules";
export { clipGradNorm, clipGradValue } from "./clip";
