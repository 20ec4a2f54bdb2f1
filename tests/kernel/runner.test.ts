// The in-process notebook runner behind `npm run notebooks` and the notebook regression tests:
// cell tags, stopping at the first failure with the notebook, cell, TypeScript line and error,
// fast mode for the cells, and live displays updated in place.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { describeFailure, runNotebook } from "../../kernel/runner";
import type { NbCell, Notebook } from "../../kernel/notebook";

const notebooksDir = join(__dirname, "..", "..", "notebooks");

function code(source: string, tags: string[] = []): NbCell {
  return { cell_type: "code", source, metadata: tags.length ? { tags } : {}, outputs: [], execution_count: null };
}
function notebook(...cells: NbCell[]): Notebook {
  return { cells: [{ cell_type: "markdown", source: "# test", metadata: {} }, ...cells], metadata: {}, nbformat: 4, nbformat_minor: 5 };
}
const IMPORT = 'import { np, isFastMode } from "./lib/index";';

describe("runNotebook", () => {
  it("runs the cells in order, leaves skip-test cells alone, lets raises-exception cells raise, and gives fast mode to the cells", async () => {
    const saved = process.env.NNBOOK_FAST;
    const nb = notebook(
      code(IMPORT),
      code("throw new Error('never run');", ["skip-test"]),
      code("np.ones([2, 3]).add(np.ones([4]))", ["raises-exception"]),
      code("isFastMode()"),
    );
    const r = await runNotebook(nb, notebooksDir, { fast: true });
    expect(r.failure).toBeNull();
    const cells = r.notebook.cells;
    expect(cells[2].execution_count).toBeNull();
    expect(cells[2].outputs).toEqual([]);
    expect(cells[3].execution_count).toBe(2);
    expect(cells[3].outputs![0]).toMatchObject({ output_type: "error", ename: "BroadcastError" });
    expect(cells[4].outputs![0]).toMatchObject({ output_type: "execute_result", data: { "text/plain": "true" } });
    expect(process.env.NNBOOK_FAST).toBe(saved);
    expect(nb.cells[4].outputs, "the input notebook is not modified").toEqual([]);
  }, 120_000);

  it("stops at the first failing cell and names the notebook, cell, execution count, TypeScript line and error", async () => {
    const nb = notebook(
      code(IMPORT),
      code("const a = np.ones([2, 3]);\nconst b = a.add(np.ones([4]));"),
      code("'not reached'"),
    );
    const r = await runNotebook(nb, notebooksDir);
    expect(r.failure).toMatchObject({ cell: 2, ename: "BroadcastError" });
    expect(r.notebook.cells[3].execution_count).toBeNull();
    const text = describeFailure("notebooks/99-test.ipynb", r.notebook, r.failure!);
    expect(text.split("\n")[0]).toBe(
      "notebooks/99-test.ipynb, cell 3 (In [2]), line 2: BroadcastError: add: operands could not be broadcast together with shapes (2,3) (4,)");
    expect(text).toContain("--> 2 | const b = a.add(np.ones([4]));");
  }, 120_000);

  it("fails a raises-exception cell that runs without an error", async () => {
    const r = await runNotebook(notebook(code("1 + 1", ["raises-exception"])), notebooksDir);
    expect(r.failure).toMatchObject({ cell: 1, ename: "NoError" });
  }, 120_000);

  it("keeps one output per display that update_display_data replaced in place (a live chart)", async () => {
    const nb = notebook(code('const h = display("epoch 1");\nh.update("epoch 2");\nh.update("epoch 3");'), code('console.log("next cell")'));
    const r = await runNotebook(nb, notebooksDir);
    expect(r.failure).toBeNull();
    expect(r.notebook.cells[1].outputs).toEqual([
      { output_type: "display_data", data: { "text/plain": "'epoch 3'" }, metadata: {} },
    ]);
  }, 120_000);
});
