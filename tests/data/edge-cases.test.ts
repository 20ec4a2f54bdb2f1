// Edge cases a learner meets with real data: constant features, large arrays, words in other
// scripts, custom special tokens, string labels, files that are not what their names say, and
// charts that read the usual way.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { data, nn, np, plot, train } from "../../lib/index";

describe("scalers", () => {
  it("a constant float column standardizes to exact zeros (0.1 summed ten times is not 1)", () => {
    const X = np.stack([np.full([10], 0.1), np.arange(10).astype("float64")], { axis: 1 });
    const s = new data.StandardScaler();
    const Z = s.fitTransform(X);
    expect(Z.slice(":, 0").toArray()).toEqual(Array(10).fill(0));
    expect(s.mean.toArray()[0]).toBe(0.1);
    // the other column as NumPy: (x - 4.5) / std, std = 2.8722813232690143
    expect(Z.get(9, 1)).toBeCloseTo(4.5 / 2.8722813232690143, 14);
    np.assertAllClose(s.inverseTransform(Z), X, { rtol: 1e-15 });
  });

  it("normalize of a plain (H, W) image says how to give it a channel", () => {
    expect(() => data.normalize(np.zeros([28, 28]), [0.5], [0.5])).toThrow(/reshape\(1, H, W\)/);
    expect(data.normalize(np.ones([1, 2, 2]), [0.5], [0.25]).toArray()).toEqual([[[2, 2], [2, 2]]]);
  });
});

describe("large inputs do not overflow the call stack", () => {
  it("histogram, padSequences and confusionMatrix of 200,000 values", () => {
    np.random.seed(0);
    const h = plot.histogram(np.random.randn(200_000), { bins: 10 });
    expect((h.data[0].x as number[]).length).toBe(200_000);
    expect(data.padSequences(Array.from({ length: 200_000 }, () => [1, 2])).shape).toEqual([200_000, 2]);
    const labels = np.array(Array.from({ length: 200_000 }, (_, i) => i % 3), { dtype: "int32" });
    expect(train.confusionMatrix(labels, labels).toArray()).toEqual([[66667, 0, 0], [0, 66667, 0], [0, 0, 66666]]);
  });
});

describe("text", () => {
  it("words keep their combining marks: Hindi vowel signs, a decomposed accent", () => {
    expect(data.wordTokenize("हिन्दी भाषा")).toEqual(["हिन्दी", "भाषा"]);
    expect(data.wordTokenize("cafe\u0301 au lait")).toEqual(["cafe\u0301", "au", "lait"]);
    expect(data.wordTokenize("don't stop", { punctuation: true })).toEqual(["don't", "stop"]);
  });

  it("a vocabulary with its own specials skips them, and refuses [SOS]/[EOS] it does not have", () => {
    const v = data.Vocabulary.build(["a", "b", "a"], { specials: ["<pad>", "[UNK]"] });
    expect(v.itos).toEqual(["<pad>", "[UNK]", "a", "b"]);
    expect(v.decode([0, 1, 2], { skipSpecial: true })).toEqual(["a"]);
    expect(() => v.encode(["a"], { addSpecial: true })).toThrow(/addSpecial needs \[SOS\]/);
    expect(() => data.Vocabulary.build(["a", "b", "c"], { maxSize: -1 })).toThrow(/maxSize must be a non-negative integer, got -1/);
    expect(() => data.Vocabulary.build(["a"], { maxSize: 1.5 })).toThrow(/maxSize/);
  });
});

describe("labels as strings", () => {
  it("stratify takes string labels, as scikit-learn does", () => {
    const y = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? "rare" : "common"));
    const X = np.arange(20).reshape(20, 1);
    const codes = np.array(y.map((c) => (c === "rare" ? 1 : 0))); // "common" < "rare": codes 0 and 1
    const [xTrain, , yTrain, yTest] = data.trainTestSplit(X, codes, { testSize: 0.5, seed: 0, stratify: y });
    expect([2, 3]).toContain(yTrain.sum().item()); // 5 rare rows, dealt 3 / 2 or 2 / 3
    expect(yTrain.sum().item() + yTest.sum().item()).toBe(5);
    // the same rows as with the labels given as their codes
    const [xTrain2] = data.trainTestSplit(X, codes, { testSize: 0.5, seed: 0, stratify: codes });
    expect(xTrain.toArray()).toEqual(xTrain2.toArray());
  });

  it("LabelEncoder sorts by code point, as np.unique: '！' (U+FF01) before '😀' (U+1F600)", () => {
    expect(new data.LabelEncoder().fit(["\u{1F600}", "\uFF01", "a"]).classes).toEqual(["a", "\uFF01", "\u{1F600}"]);
  });
});

describe("files", () => {
  const dir = mkdtempSync(join(tmpdir(), "nnbook-edge-"));
  it("a .gz file that is not gzip data names the file", () => {
    const p = join(dir, "plain.csv.gz");
    writeFileSync(p, "a,b\n1,2\n");
    expect(() => data.readCSV(p)).toThrow(/plain\.csv\.gz is named \.gz but is not gzip data/);
  });

  it("saveWeights into a folder that does not exist says so", () => {
    const net = new nn.Linear(2, 1);
    expect(() => train.saveWeights(net, join(dir, "no-such-folder", "w.json"))).toThrow(/saveWeights: cannot write .*no-such-folder/);
  });
});

describe("charts read the usual way", () => {
  it("imageGrid draws 0 as white paper and 1 as dark ink; a confusion matrix is pale for few, dark for many", () => {
    const grid = plot.imageGrid(np.zeros([1, 2, 2]));
    expect(grid.data[0]).toMatchObject({ colorscale: "Greys", reversescale: true });
    const cm = plot.heatmap([[5, 1], [0, 7]], { annotate: true });
    expect(cm.data[0]).toMatchObject({ colorscale: "Blues", reversescale: true });
    const colors = (cm.layout.annotations as { text: string; font: { color: string } }[]).map((a) => [a.text, a.font.color]);
    expect(colors).toEqual([["5", "white"], ["1", "black"], ["0", "black"], ["7", "white"]]);
    expect(plot.heatmap([[1, 2]], { colorscale: "Viridis" }).data[0].reversescale).toBeUndefined();
  });

  it("lines refuses series that do not match x; layout merges into the axis titles", () => {
    expect(() => plot.lines({ a: [1, 2, 3], b: [1] }, { x: [10, 20, 30] })).toThrow(/x has 3 values but b has 1/);
    const fig = plot.line([1, 2], { xLabel: "epoch", layout: { xaxis: { range: [0, 5] } } });
    expect(fig.layout.xaxis).toEqual({ title: { text: "epoch" }, range: [0, 5] });
  });
});
