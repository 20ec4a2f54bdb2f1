// Metrics against hand-counted values.
import { describe, expect, it } from "vitest";
import { np, train } from "../../lib/index";

describe("metrics", () => {
  const yTrue = [0, 1, 2, 2, 1, 0, 2];
  const yPred = [0, 2, 2, 2, 1, 1, 0];
  it("confusion matrix: rows are true classes, columns predictions", () => {
    expect(train.confusionMatrix(yTrue, yPred).toArray()).toEqual([[1, 1, 0], [0, 1, 1], [1, 0, 2]]);
    expect(train.confusionMatrix([0, 1], [1, 1], { numClasses: 3 }).shape).toEqual([3, 3]);
  });
  it("precision and recall, per class and averaged", () => {
    // class 0: tp 1, predicted 2, actual 2; class 1: tp 1, predicted 2, actual 2; class 2: tp 2, predicted 3, actual 3
    np.assertAllClose(train.precision(yTrue, yPred, { average: "none" }) as any, [0.5, 0.5, 2 / 3]);
    np.assertAllClose(train.recall(yTrue, yPred, { average: "none" }) as any, [0.5, 0.5, 2 / 3]);
    expect(train.precision(yTrue, yPred)).toBeCloseTo((0.5 + 0.5 + 2 / 3) / 3, 15);
    expect(train.recall(yTrue, yPred, { average: "micro" })).toBeCloseTo(4 / 7, 15);
    expect(train.precision([0, 0], [1, 1], { average: "none" }).toString()).toBe("[0. 0.]");
  });
  it("accuracy from scores, probabilities, one-hot targets", () => {
    expect(train.accuracy(np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]), [1, 0, 0])).toBeCloseTo(2 / 3, 15);
    expect(train.accuracy(np.array([[0.9], [0.4], [0.6]]), np.array([[1], [0], [0]]))).toBeCloseTo(2 / 3, 15);
    expect(train.accuracy(np.array([[0.1, 0.9]]), np.array([[0, 1]]))).toBe(1);
    expect(() => train.accuracy([0.2, 0.9], [1, 0, 1])).toThrow("accuracy: predictions give 2 labels but targets give 3");
  });
});
