// Charts keep their data readable, validate shapes, and show as plotly HTML + JSON in notebooks.
import { afterEach, describe, expect, it } from "vitest";
import { np, nn, optim, plot, train } from "../../lib/index";

describe("chart data stays readable", () => {
  it("line and lines", () => {
    const fig = plot.line(np.array([3, 1, 2]), { title: "loss", xLabel: "epoch" });
    expect(fig.data[0]).toMatchObject({ type: "scatter", x: [0, 1, 2], y: [3, 1, 2] });
    expect(fig.layout.title).toEqual({ text: "loss" });
    const history = plot.lines({ loss: [1, 0.5], valLoss: [1.2, 0.7] });
    expect(history.data.map((t) => [t.name, t.x, t.y])).toEqual([["loss", [1, 2], [1, 0.5]], ["valLoss", [1, 2], [1.2, 0.7]]]);
    expect(String(history)).toBe("Figure (2 traces: loss, valLoss)");
  });

  it("scatter splits classes into named traces", () => {
    const fig = plot.scatter([0, 1, 2, 3], [1, 1, 0, 0], { labels: [1, 0, 1, 0], classNames: ["no", "yes"] });
    expect(fig.data.map((t) => [t.name, t.x, t.y])).toEqual([["no", [1, 3], [1, 0]], ["yes", [0, 2], [1, 0]]]);
  });

  it("contour and surface take z with shape (len(y), len(x)); NaN becomes a gap", () => {
    const x = np.linspace(-1, 1, 3), y = np.linspace(0, 1, 2);
    const z = np.array([[1, 2, 3], [4, NaN, 6]]);
    expect(plot.contour(x, y, z).data[0].z).toEqual([[1, 2, 3], [4, null, 6]]);
    expect(plot.surface(x, y, z).data[0].type).toBe("surface");
    expect(() => plot.contour(x, y, z.T)).toThrow("contour: z must have shape (len(y), len(x)) = (2,3), got (3,2)");
  });

  it("heatmap with annotations, e.g. a confusion matrix", () => {
    const cm = train.confusionMatrix([0, 1, 1, 2], [0, 1, 2, 2]);
    const fig = plot.heatmap(cm, { annotate: true, x: ["a", "b", "c"], y: ["a", "b", "c"] });
    expect(fig.data[0].z).toEqual([[1, 0, 0], [0, 1, 1], [0, 0, 1]]);
    expect((fig.layout.annotations as { text: string }[]).map((a) => a.text)).toEqual(["1", "0", "0", "0", "1", "1", "0", "0", "1"]);
  });

  it("bar and histogram", () => {
    expect(plot.bar(["a", "b"], [2, 5]).data[0]).toMatchObject({ x: ["a", "b"], y: [2, 5] });
    const h = plot.histogram(np.array([0, 1, 1, 2, NaN]), { bins: 4 });
    expect(h.data[0].x).toEqual([0, 1, 1, 2]);
    expect(h.data[0].xbins).toMatchObject({ start: 0, size: 0.5 });
  });

  it("imageGrid puts images into one mosaic with their labels", () => {
    const imgs = np.arange(2 * 2 * 3).reshape(2, 2, 3).astype("float64");
    const fig = plot.imageGrid(imgs, { labels: [7, 1], columns: 2 });
    const z = fig.data[0].z as (number | null)[][];
    expect(z[6].slice(0, 3)).toEqual([0, 1, 2]); // first image's first row, below the label strip
    expect(z[6].slice(5, 8)).toEqual([6, 7, 8]); // second image, after a 2-pixel gap
    expect((fig.layout.annotations as { text: string }[]).map((a) => a.text)).toEqual(["7", "1"]);
    expect(() => plot.imageGrid(np.zeros([2, 784]))).toThrow(/images must have shape \(N, H, W\), got \(2,784\)\nhint: reshape/);
  });
});

describe("in a notebook", () => {
  it("offers text/html, plotly JSON and text/plain, without inlining plotly.js", () => {
    const fig = plot.line([1, 2, 3], { title: "t" });
    const bundle = (fig as any)[Symbol.for("jupyter.mimeBundle")]();
    expect(Object.keys(bundle).sort()).toEqual(["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
    expect(bundle["application/vnd.plotly.v1+json"].data[0].y).toEqual([1, 2, 3]);
    expect(bundle["text/html"]).toMatch(/<div id="nnbook-plot-[\w-]+" class="nnbook-plot"/);
    expect(bundle["text/html"]).toContain("files/assets/plotly.min.js");
    expect(bundle["text/html"].length).toBeLessThan(5000);
  });

  it("a title with </script> cannot break out of the script", () => {
    const html = plot.line([1], { title: "</script><script>alert(1)</script>" }).toHTML();
    expect(html.match(/<\/script>/g)!.length).toBe(1);
  });
});

describe("LiveChart", () => {
  const g = globalThis as any;
  afterEach(() => { delete g.display; delete g.updateDisplay; });

  it("displays once, then updates the same output in place; works as a fit callback", () => {
    const shown: string[] = [], updated: string[] = [];
    g.display = (value: unknown) => { shown.push(String(value)); return { displayId: "d1" }; };
    g.updateDisplay = (value: unknown, o: { displayId: string }) => { updated.push(`${o.displayId}:${String(value)}`); };
    const live = new plot.LiveChart({ title: "training" });
    np.random.seed(0);
    const X = np.random.randn(40, 2), y = X.slice(":, 0").greater(0).astype("float64").reshape(40, 1);
    const net = new nn.Sequential(new nn.Linear(2, 1), new nn.Sigmoid());
    const h = train.fit(net, { x: X, y, loss: nn.binaryCrossEntropy, optimizer: new optim.SGD(net.parameters(), { lr: 0.5 }),
      epochs: 3, verbose: false, metrics: ["accuracy"], callbacks: [live.callback()] });
    expect(shown).toEqual(["Figure: training (2 traces: loss, accuracy)"]);
    expect(updated.length).toBe(2);
    expect(updated.every((u) => u.startsWith("d1:"))).toBe(true);
    expect(live.values("loss")).toEqual(h.history.loss);
    expect(live.figure.data[0].x).toEqual([1, 2, 3]);
  });

  it("outside a notebook it just collects points", () => {
    const live = new plot.LiveChart();
    live.update({ loss: 1 }).update({ loss: NaN });
    expect(live.values("loss")).toEqual([1, null]);
  });
});

describe("imageGrid stays small", () => {
  it("stores grey levels with four significant digits", () => {
    const fig = plot.imageGrid(np.array([[[1 / 3, 0.0117647061124444]]]), { columns: 1 });
    expect((fig.data[0].z as number[][])[0].slice(0, 2)).toEqual([0.3333, 0.01176]);
  });
});
