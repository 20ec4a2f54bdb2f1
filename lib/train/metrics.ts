// Classification metrics on plain arrays: accuracy, confusion matrix, precision, recall.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { ShapeError, ValueError } from "../ndarray/errors";
import * as np from "../ndarray/np";

/**
 * Class labels from model outputs or targets: (N, C) scores or one-hot → argmax over classes;
 * (N,) or (N, 1) probabilities → 1 where ≥ threshold; integer labels pass through.
 */
export function toLabels(values: ArrayInput, options: { threshold?: number; isTarget?: boolean } = {}): NDArray {
  const v = asarray(values);
  if (v.ndim === 2 && v.shape[1] > 1) return v.argmax({ axis: 1 });
  const flat = v.reshape(-1);
  // Whole numbers from 0 up are class labels; anything else (probabilities, or raw scores such as
  // a perceptron's -2 and 3) is thresholded.
  const isLabels = flat.toTypedArray().every((x) => Number.isInteger(x) && x >= 0);
  if (options.isTarget || isLabels) return flat.astype("int32");
  return flat.greaterEqual(options.threshold ?? 0.5).astype("int32");
}

/** Fraction of predictions equal to the targets (outputs and targets in any form toLabels takes). */
export function accuracy(yHat: ArrayInput, y: ArrayInput, options: { threshold?: number } = {}): number {
  const predicted = toLabels(yHat, options), actual = toLabels(y, { isTarget: true });
  if (predicted.size !== actual.size) {
    throw new ShapeError("accuracy", `predictions give ${predicted.size} labels but targets give ${actual.size}`,
      [asarray(yHat).shape, asarray(y).shape]);
  }
  return predicted.size === 0 ? NaN : predicted.equal(actual).mean().item();
}

/** counts[i][j] = how many samples of true class i were predicted as class j. */
export function confusionMatrix(yTrue: ArrayInput, yPred: ArrayInput, options: { numClasses?: number } = {}): NDArray {
  const t = toLabels(yTrue, { isTarget: true }), p = toLabels(yPred);
  if (t.size !== p.size) {
    throw new ShapeError("confusionMatrix", `${t.size} true labels but ${p.size} predictions`, [t.shape, p.shape]);
  }
  const tv = t.toTypedArray(), pv = p.toTypedArray();
  let largest = 0; // a loop, not Math.max(...tv): spreading 130,000+ labels overflows the call stack
  for (let i = 0; i < tv.length; i++) largest = Math.max(largest, tv[i], pv[i]);
  const k = options.numClasses ?? largest + 1;
  const out = np.zeros([k, k], { dtype: "int32" });
  for (let i = 0; i < tv.length; i++) {
    if (tv[i] < 0 || tv[i] >= k || pv[i] < 0 || pv[i] >= k) {
      throw new ValueError("confusionMatrix", `label ${tv[i] < 0 || tv[i] >= k ? tv[i] : pv[i]} at position ${i} is outside [0, ${k})`);
    }
    out.data[tv[i] * k + pv[i]]++;
  }
  return out;
}

export type Average = "macro" | "micro" | "none";

function perClass(op: string, yTrue: ArrayInput, yPred: ArrayInput, average: Average, numClasses: number | undefined,
  ratio: (tp: number, predicted: number, actual: number) => number): number | NDArray {
  const cm = confusionMatrix(yTrue, yPred, { numClasses });
  const k = cm.shape[0];
  const tp = Array.from({ length: k }, (_, i) => cm.get(i, i));
  const predicted = cm.sum({ axis: 0 }).toArray() as number[];
  const actual = cm.sum({ axis: 1 }).toArray() as number[];
  if (average === "micro") {
    return ratio(tp.reduce((a, b) => a + b, 0), predicted.reduce((a, b) => a + b, 0), actual.reduce((a, b) => a + b, 0));
  }
  const scores = tp.map((t, i) => ratio(t, predicted[i], actual[i]));
  if (average === "none") return np.array(scores);
  if (average === "macro") {
    // Over the classes that occur in either array (scikit-learn's labels), unless numClasses names them all.
    const counted = numClasses !== undefined ? scores.map((_, i) => i) : scores.map((_, i) => i).filter((i) => predicted[i] + actual[i] > 0);
    return counted.length === 0 ? 0 : counted.reduce((a, i) => a + scores[i], 0) / counted.length;
  }
  throw new ValueError(op, `average must be "macro", "micro" or "none", got ${JSON.stringify(average)}`);
}

/** Of the samples predicted as a class, the fraction that truly are (0 when none is predicted). */
export function precision(yTrue: ArrayInput, yPred: ArrayInput, options: { average?: Average; numClasses?: number } = {}): number | NDArray {
  return perClass("precision", yTrue, yPred, options.average ?? "macro", options.numClasses,
    (tp, predicted) => (predicted === 0 ? 0 : tp / predicted));
}

/** Of the samples of a class, the fraction predicted as it (0 when the class never occurs). */
export function recall(yTrue: ArrayInput, yPred: ArrayInput, options: { average?: Average; numClasses?: number } = {}): number | NDArray {
  return perClass("recall", yTrue, yPred, options.average ?? "macro", options.numClasses,
    (tp, _predicted, actual) => (actual === 0 ? 0 : tp / actual));
}

