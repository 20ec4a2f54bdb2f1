// The `models` namespace: the course's named algorithms, written out on NDArrays so lessons and
// exercises can compare a learner's version with ours.
//   lesson 03: the perceptron and the perceptron trick
//   lessons 04–05: logistic regression (log-loss, its gradient, descent and likelihood ascent)
//   lesson 06: the delta rule for a sigmoid unit with squared error
export { perceptronPredict, perceptronTrick, perceptronStep, trainPerceptron, decisionBoundary } from "./perceptron";
export type { PerceptronOptions, PerceptronResult, PerceptronSnapshot } from "./perceptron";
export {
  logisticPredict, logLoss, logisticGradient, logisticRegressionStep, trainLogisticRegression,
  logLikelihood, logLikelihoodGradient, trainByLikelihoodAscent,
} from "./logistic-regression";
export type { LogisticRegressionOptions, LogisticRegressionResult, LikelihoodAscentResult } from "./logistic-regression";
export { deltaRuleStep, trainDeltaRule, deltaRuleInit, sigmoidUnitMSE } from "./delta-rule";
export type { DeltaRuleForm, DeltaRuleOptions, DeltaRuleResult, DeltaRuleStepOptions } from "./delta-rule";
