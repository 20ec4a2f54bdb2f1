// The `train` namespace: fit / evaluate / predict, metrics, random restarts, weight files.
export { fit, evaluate, predict, randomRestarts, TrainingError } from "./fit";
export type { FitOptions, History, Callback, EarlyStopping, Metric, Logs, LossFn, RestartResult } from "./fit";
export { accuracy, confusionMatrix, precision, recall, toLabels } from "./metrics";
export { saveWeights, loadWeights, serializeState, deserializeState } from "./io";
