// Shared layers, early stopping on a custom metric, scikit-learn's macro averages, raw scores as
// predictions, empty batches: what a learner following PyTorch, Keras or scikit-learn expects.
import { describe, expect, it } from "vitest";
import { np, nn, optim, tensor, train, Tensor } from "../../lib/index";

describe("a layer used twice", () => {
  it("is one parameter, stepped once (PyTorch): y = w·w·x, dy/dw = 2wx = 4, w = 2 − 0.1·4", () => {
    const lin = new nn.Linear(1, 1, { bias: false });
    lin.weight.value.set([0, 0], 2);
    const model = new nn.Sequential(lin, lin);
    expect(model.parameters()).toHaveLength(1);
    expect(model.parameterCount()).toBe(1);
    const opt = new optim.SGD([...model.parameters(), ...model.parameters()], { lr: 0.1 }); // listed twice: still once
    model.forward(tensor([[1]])).sum().backward();
    opt.step();
    expect(lin.weight.value.item()).toBeCloseTo(1.6, 15);
    expect(Object.keys(model.stateDict())).toEqual(["0.weight"]);
  });
});

describe("early stopping watches a metric in the right direction", () => {
  const run = (earlyStopping: train.EarlyStopping) => {
    np.random.seed(0);
    const X = np.random.randn(40, 2), y = X.slice(":, 0:1").greater(0).astype("float64");
    const net = new nn.Sequential(new nn.Linear(2, 1), new nn.Sigmoid());
    let epoch = 0;
    const rising = { name: "f1", fn: () => 0.5 + 0.1 * ++epoch }; // improves every epoch
    return train.fit(net, { x: X, y, loss: nn.binaryCrossEntropy, optimizer: new optim.SGD(net.parameters(), { lr: 0.1 }),
      epochs: 6, batchSize: 40, metrics: [rising], earlyStopping, verbose: false });
  };
  it("maximizes an F1 by its name (auto, as Keras), and by mode: 'max'", () => {
    expect(run({ patience: 2, monitor: "f1" })).toMatchObject({ stoppedEarly: false, bestEpoch: 6 });
    expect(run({ patience: 2, monitor: "f1", mode: "max" })).toMatchObject({ stoppedEarly: false, bestEpoch: 6 });
    // told to minimize it, it stops after patience epochs without a lower value
    expect(run({ patience: 2, monitor: "f1", mode: "min" })).toMatchObject({ stoppedEarly: true, bestEpoch: 1 });
    expect(() => run({ patience: 2, monitor: "f1", mode: "up" as "max" })).toThrow(/mode must be "min", "max" or "auto"/);
  });
});

describe("metrics", () => {
  it("macro precision and recall average over the classes that occur (scikit-learn)", () => {
    // classes 0 and 2 occur; precision: class 0 1/2, class 2 1/1 → 0.75; recall: 1/1 and 1/2 → 0.75
    expect(train.precision([0, 2, 2], [0, 2, 0])).toBe(0.75);
    expect(train.recall([0, 2, 2], [0, 2, 0])).toBe(0.75);
    // naming the classes counts every one, absent ones as 0
    expect(train.precision([0, 2, 2], [0, 2, 0], { numClasses: 3 })).toBe(0.5);
  });

  it("raw integer scores are thresholded, not read as labels: a perceptron's −2 and 3", () => {
    expect(train.accuracy(np.array([-2.0, 3.0]), np.array([0, 1]))).toBe(1);
    expect(train.accuracy(np.array([0, 2, -1]), np.array([0, 1, 0]))).toBe(1); // 2 ≥ 0.5 → 1
    expect(train.accuracy(np.array([2, 0, 1]), np.array([2, 0, 0]))).toBeCloseTo(2 / 3, 15); // labels stay labels
  });
});

describe("empty batches", () => {
  it("predict on no rows gives (0, outputs); Flatten of (0, 3, 4) gives (0, 12)", () => {
    const net = new nn.Sequential(new nn.Linear(2, 3));
    expect(train.predict(net, np.zeros([0, 2])).shape).toEqual([0, 3]);
    expect(new nn.Flatten().forward(new Tensor(np.zeros([0, 3, 4]))).shape).toEqual([0, 12]);
  });
});
