// fit: batching modes, reproducibility, history, early stopping, callbacks, NaN detection,
// restarts; saving and loading weights.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { np, nn, optim, train, NDArray } from "../../lib/index";

function data(n = 60) {
  np.random.seed(11);
  const X = np.random.randn(n, 2);
  const y = X.slice(":, 0").add(X.slice(":, 1").multiply(2)).greater(0).astype("float64").reshape(n, 1);
  return { X, y };
}

function model() {
  return new nn.Sequential(new nn.Linear(2, 4), new nn.Tanh(), new nn.Linear(4, 1), new nn.Sigmoid());
}

describe("fit", () => {
  it("batch size sets the number of updates: whole set, one sample, mini-batches", () => {
    const { X, y } = data(50);
    for (const [batchSize, steps] of [[50, 2], [1, 100], [16, 8]]) {
      const net = model();
      const opt = new optim.SGD(net.parameters(), { lr: 0.1 });
      const h = train.fit(net, { x: X, y, loss: nn.binaryCrossEntropy, optimizer: opt, epochs: 2, batchSize, verbose: false });
      expect(opt.steps).toBe(steps);
      expect(h.history.loss.length).toBe(2);
    }
  });

  it("a float32 model stays float32 when its targets (or inputs) are float64", () => {
    np.random.seed(0);
    const X = np.random.randn(8, 3), y = np.random.randn(8, 1); // float64, np's default
    for (const x of [X.astype("float32"), X]) {
      const net = new nn.Sequential(new nn.Linear(3, 4, { dtype: "float32" }), new nn.ReLU(), new nn.Linear(4, 1, { dtype: "float32" }));
      const before = net.parameters().map((p) => p.value.copy());
      train.fit(net, { x, y, loss: nn.mse, optimizer: new optim.Adam(net.parameters(), { lr: 0.01 }), epochs: 2, batchSize: 4, verbose: false });
      expect(net.parameters().map((p) => p.dtype)).toEqual(["float32", "float32", "float32", "float32"]);
      expect(net.parameters().some((p, i) => !np.arrayEqual(p.value, before[i]))).toBe(true); // it did train
    }
  });

  it("learns a linearly separable problem and logs loss, metrics and validation per epoch", () => {
    const { X, y } = data(200);
    np.random.seed(0);
    const net = model();
    const lines: string[] = [];
    const h = train.fit(net, {
      x: X.slice(":150"), y: y.slice(":150"), validationData: [X.slice("150:"), y.slice("150:")],
      loss: nn.binaryCrossEntropy, optimizer: new optim.Adam(net.parameters(), { lr: 0.05 }),
      epochs: 30, batchSize: 16, metrics: ["accuracy"], log: (l) => lines.push(l),
    });
    expect(Object.keys(h.history).sort()).toEqual(["accuracy", "loss", "lr", "valAccuracy", "valLoss"]);
    expect(h.history.loss[29]).toBeLessThan(h.history.loss[0] / 3);
    expect(h.history.valAccuracy[29]).toBeGreaterThan(0.95);
    expect(lines.length).toBe(30);
    expect(lines[0]).toMatch(/^Epoch 1\/30 - \d+\.\ds - loss: \d\.\d{4} - accuracy: \d\.\d{4} - valLoss: \d\.\d{4} - valAccuracy: \d\.\d{4}$/);
  });

  it("the same seed gives the same run", () => {
    const run = () => {
      const { X, y } = data();
      np.random.seed(5);
      const net = model();
      train.fit(net, { x: X, y, loss: nn.mse, optimizer: new optim.SGD(net.parameters(), { lr: 0.1 }), epochs: 3, batchSize: 8, verbose: false });
      return net.parameters()[0].value;
    };
    np.assertArrayEqual(run(), run());
  });

  it("early stopping stops after `patience` epochs without improvement and restores the best weights", () => {
    const { X, y } = data(80);
    np.random.seed(1);
    const net = model();
    const snapshots: NDArray[] = [];
    // Validation labels are flipped, so validation loss rises as training succeeds.
    const h = train.fit(net, {
      x: X, y, validationData: [X, np.subtract(1, y)], loss: nn.binaryCrossEntropy,
      optimizer: new optim.Adam(net.parameters(), { lr: 0.05 }), epochs: 50, batchSize: 16, verbose: false,
      earlyStopping: { patience: 3, restoreBestWeights: true },
      callbacks: [{ onEpochEnd: () => { snapshots.push(net.parameters()[0].value.copy()); } }],
    });
    expect(h.stoppedEarly).toBe(true);
    const best = h.bestEpoch!;
    expect(h.epochs).toBe(best + 3);
    const valLoss = h.history.valLoss;
    expect(Math.min(...valLoss)).toBe(valLoss[best - 1]);
    np.assertArrayEqual(net.parameters()[0].value, snapshots[best - 1]);
  });

  it("a schedule sets the rate per epoch, clipNorm bounds each step, callbacks see every batch", () => {
    const { X, y } = data(20);
    np.random.seed(4);
    const net = new nn.Sequential(new nn.Linear(2, 1));
    const opt = new optim.SGD(net.parameters(), { lr: 0.8 });
    const events: string[] = [];
    const h = train.fit(net, { x: X, y: y.multiply(100), loss: nn.mse, optimizer: opt, epochs: 4, batchSize: 20, verbose: false,
      schedule: new optim.StepDecay(opt, { stepSize: 2, gamma: 0.5 }),
      callbacks: [{ onTrainBegin: () => events.push("begin"), onBatchEnd: (b) => events.push(`batch ${b}`), onTrainEnd: () => events.push("end") }] });
    expect(h.history.lr).toEqual([0.8, 0.8, 0.4, 0.4]);
    expect(opt.lr).toBe(0.2);
    expect(events).toEqual(["begin", "batch 0", "batch 0", "batch 0", "batch 0", "end"]);

    const clipped = new nn.Sequential(new nn.Linear(2, 1));
    const before = clipped.parameters().map((p) => p.value.copy());
    train.fit(clipped, { x: X, y: y.multiply(100), loss: nn.mse, optimizer: new optim.SGD(clipped.parameters(), { lr: 1 }),
      epochs: 1, batchSize: 20, verbose: false, clipNorm: 0.01 });
    // one full-batch step of lr·g with ‖g‖ clipped to 0.01 (the unclipped gradient norm is in the hundreds)
    const moved = Math.sqrt(clipped.parameters().reduce((s, p, i) => s + p.value.subtract(before[i]).square().sum().item(), 0));
    expect(moved).toBeCloseTo(0.01, 6);
  });

  it("a callback can stop training", () => {
    const { X, y } = data();
    const net = model();
    const h = train.fit(net, { x: X, y, loss: nn.mse, optimizer: new optim.SGD(net.parameters(), { lr: 0.1 }), epochs: 10, verbose: false,
      callbacks: [{ onEpochEnd: (epoch) => (epoch === 1 ? "stop" : undefined) }] });
    expect(h.epochs).toBe(2);
  });

  it("a loss that blows up stops training with the epoch and batch", () => {
    const { X, y } = data(40);
    np.random.seed(0);
    const net = new nn.Sequential(new nn.Linear(2, 1));
    const Xbig = X.multiply(1e3);
    expect(() => train.fit(net, { x: Xbig, y: y.multiply(1e3), loss: nn.mse, optimizer: new optim.SGD(net.parameters(), { lr: 10 }),
      epochs: 100, batchSize: 10, verbose: false })).toThrow(/fit: loss became (Infinity|NaN) at epoch \d+, batch \d+\nhint: lower the learning rate/);
  });

  it("a NaN in the data stops training at the batch that holds it", () => {
    const { X, y } = data(9);
    X.set([7, 0], NaN); // row 7 is in the third batch of 3 when not shuffled
    const net = new nn.Sequential(new nn.Linear(2, 1));
    expect(() => train.fit(net, { x: X, y, loss: nn.mse, optimizer: new optim.SGD(net.parameters(), { lr: 0.1 }), epochs: 2,
      batchSize: 3, shuffle: false, verbose: false })).toThrow("fit: loss became NaN at epoch 1, batch 3");
  });

  it("bad arguments are named", () => {
    const { X, y } = data(10);
    const net = model();
    const opt = new optim.SGD(net.parameters(), { lr: 0.1 });
    expect(() => train.fit(net, { x: X, y: y.slice(":5"), loss: nn.mse, optimizer: opt, epochs: 1 })).toThrow(
      "fit: x has shape (10,2) but y has shape (5,1); they need the same number of samples along axis 0");
    expect(() => train.fit(net, { x: X, y, loss: nn.mse, optimizer: opt, epochs: 1, batchSize: 0 })).toThrow(/batchSize must be a positive integer, got 0/);
    expect(() => train.fit(net, { x: X, y, loss: nn.mse, optimizer: opt, epochs: 1, metrics: ["f1"] })).toThrow(/unknown metric "f1"/);
  });

  it("predict and evaluate run in eval mode without recording", () => {
    const { X, y } = data(30);
    const net = new nn.Sequential(new nn.Linear(2, 1), new nn.Dropout(0.9), new nn.Sigmoid());
    const a = train.predict(net, X, { batchSize: 7 }), b = train.predict(net, X);
    np.assertArrayEqual(a, b); // dropout off, batches joined in order
    expect(net.training).toBe(true);
    const logs = train.evaluate(net, X, y, { loss: nn.binaryCrossEntropy, metrics: ["accuracy"] });
    expect(logs.loss).toBeCloseTo(nn.binaryCrossEntropy(a, y).item(), 14);
  });
});

describe("random restarts", () => {
  it("XOR: seeds 0–2 stick in the local minimum, the restart from seed 3 solves it", () => {
    const X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), y = np.array([[0], [1], [1], [0]]);
    const result = train.randomRestarts({
      restarts: 4, seed: 0,
      build: () => {
        const model = new nn.Sequential(new nn.Linear(2, 2, { init: "xavierNormal" }), new nn.Tanh(), new nn.Linear(2, 1), new nn.Sigmoid());
        return { model, optimizer: new optim.SGD(model.parameters(), { lr: 0.5, momentum: 0.9 }) };
      },
      fit: { x: X, y, loss: nn.binaryCrossEntropy, epochs: 500, batchSize: 4, shuffle: false, verbose: false },
    });
    expect(result.scores.slice(0, 3).map((s) => +s.toFixed(3))).toEqual([0.347, 0.347, 0.347]);
    expect(result.bestIndex).toBe(3);
    expect(result.scores[3]).toBeLessThan(0.01);
    expect(train.accuracy(train.predict(result.model, X), y)).toBe(1);
  });
});

describe("saving and loading weights", () => {
  const dir = mkdtempSync(join(tmpdir(), "nnbook-"));
  it("save → load gives the same outputs", () => {
    np.random.seed(1);
    const a = model();
    np.random.seed(2);
    const b = model();
    const path = join(dir, "w.json");
    train.saveWeights(a, path);
    train.loadWeights(b, path);
    const X = np.random.randn(5, 2);
    np.assertArrayEqual(train.predict(b, X), train.predict(a, X));
  });
  it("float32 weights survive byte for byte", () => {
    const lin = new nn.Linear(3, 2, { dtype: "float32" });
    const state = train.deserializeState(train.serializeState(lin.stateDict()));
    expect(state.weight.dtype).toBe("float32");
    np.assertArrayEqual(state.weight, lin.weight.value);
  });
  it("a mismatched architecture or a corrupt file gets a clear error", () => {
    const path = join(dir, "w2.json");
    train.saveWeights(model(), path);
    const other = new nn.Sequential(new nn.Linear(2, 5), new nn.Tanh(), new nn.Linear(5, 1), new nn.Sigmoid());
    expect(() => train.loadWeights(other, path)).toThrow("loadStateDict: parameter '0.weight' has shape (2,5) in the model but (2,4) in the saved state");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{not json");
    expect(() => train.loadWeights(model(), bad)).toThrow(/bad\.json is not a valid nnbook weights file: not JSON/);
    writeFileSync(bad, JSON.stringify({ format: "nnbook-weights", version: 1, params: { "0.weight": { dtype: "float64", shape: [2, 4], data: "AAAA" } } }));
    expect(() => train.loadWeights(model(), bad)).toThrow("parameter '0.weight' has 3 bytes, but shape (2,4) of float64 needs 64");
    for (const shape of [["a"], [-2, -4], [1.5, 2]]) {
      writeFileSync(bad, JSON.stringify({ format: "nnbook-weights", version: 1, params: { "0.weight": { dtype: "float64", shape, data: "" } } }));
      expect(() => train.loadWeights(model(), bad)).toThrow(
        `bad.json is not a valid nnbook weights file: parameter '0.weight' has shape ${JSON.stringify(shape)}, expected a list of non-negative integers`);
    }
    writeFileSync(bad, JSON.stringify({ format: "nnbook-weights", version: 1, params: { "0.weight": { dtype: "complex64", shape: [2, 4], data: "" } } }));
    expect(() => train.loadWeights(model(), bad)).toThrow("parameter '0.weight' is malformed");
    expect(() => train.loadWeights(model(), join(dir, "missing.json"))).toThrow(/cannot read .*missing\.json/);
  });
});
