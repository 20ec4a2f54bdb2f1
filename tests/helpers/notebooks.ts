// Support for the generated notebook regression tests (tests/notebooks/*.test.ts): run a lesson
// once in fast mode through the in-process kernel, then compare each cell with the committed one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { runNotebookFile, describeFailure, type RunResult } from "../../kernel/runner";
import { parseNotebook, tagsOf, type Notebook } from "../../kernel/notebook";
import { compareOutputs } from "../../kernel/compare";

export const notebooksDir = join(__dirname, "..", "..", "notebooks");

export function notebookCase(name: string) {
  const file = join(notebooksDir, name);
  const committed: Notebook = parseNotebook(readFileSync(file, "utf8"), `notebooks/${name}`);
  let result: RunResult | null = null;
  return {
    /** Runs the whole notebook (fast mode); fails with the cell, line and error if a cell fails. */
    async run(): Promise<void> {
      result = await runNotebookFile(file, { fast: true });
      if (result.failure) throw new Error(describeFailure(`notebooks/${name}`, result.notebook, result.failure));
    },
    /** The cell ran and, unless tagged ignore-output, produced the committed outputs. */
    check(index: number): void {
      expect(result, "the notebook did not run (see the first failure)").not.toBeNull();
      const cell = result!.notebook.cells[index];
      expect(cell.execution_count, `cell ${index + 1} did not run`).not.toBeNull();
      if (tagsOf(committed.cells[index]).includes("ignore-output")) return;
      const diffs = compareOutputs(cell.outputs ?? [], committed.cells[index].outputs ?? []);
      expect(diffs, `notebooks/${name}, cell ${index + 1}`).toEqual([]);
    },
  };
}
