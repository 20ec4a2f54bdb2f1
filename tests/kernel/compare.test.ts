// The output comparison behind the notebook regression tests.
import { describe, expect, it } from "vitest";
import { compareOutputs, compareText } from "../../kernel/compare";

describe("compareText", () => {
  it("numbers within the tolerance pass, beyond it fail with the number shown", () => {
    expect(compareText("loss 0.2027366", "loss 0.20273661")).toBeNull();
    expect(compareText("loss 0.2028", "loss 0.2027")).toMatch(/number 1 differs: got 0.2028, expected 0.2027/);
  });
  it("whitespace runs and plot ids do not matter; words do", () => {
    expect(compareText('<div id="nnbook-plot-abc-1">  a\n b', '<div id="nnbook-plot-xyz-9"> a b')).toBeNull();
    expect(compareText("accuracy 0.9", "loss 0.9")).toMatch(/text differs/);
  });
});

describe("compareOutputs", () => {
  const chart = (y: number[], html: string) => ({ output_type: "execute_result" as const, execution_count: 1,
    data: { "application/vnd.plotly.v1+json": { data: [{ y }] }, "text/html": html, "text/plain": "Figure" }, metadata: {} });
  it("charts are compared by their data, not their loader HTML", () => {
    expect(compareOutputs([chart([1, 2], "<script>new loader</script>")], [chart([1, 2], "<script>old loader</script>")])).toEqual([]);
    expect(compareOutputs([chart([1, 3], "x")], [chart([1, 2], "x")])[0]).toMatch(/y\[1\]: got 3, expected 2/);
  });
  it("the kinds and order of outputs must match", () => {
    const stream = { output_type: "stream" as const, name: "stdout", text: "hi\n" };
    expect(compareOutputs([stream], [])[0]).toBe("outputs are [stream:stdout], expected []");
    expect(compareOutputs([{ output_type: "error", ename: "ValueError", evalue: "x", traceback: [] }],
      [{ output_type: "error", ename: "ShapeError", evalue: "x", traceback: [] }])[0]).toMatch(/error ValueError, expected ShapeError/);
  });
});
