// The committed lessons keep the format the README describes: under 1 MB each (charts load
// plotly.js from assets/, nothing inlined), our kernel, a first code cell that imports the lib and
// seeds, outputs from a run (for the regression tests), and exercises at the end.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const dir = join(__dirname, "..", "notebooks");
const lessons = readdirSync(dir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();

interface Cell { cell_type: string; source: string | string[]; metadata?: { tags?: string[] }; execution_count?: number | null }
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);

describe("committed lessons", () => {
  it("there are lessons", () => expect(lessons.length).toBeGreaterThanOrEqual(3));

  it.each(lessons)("%s keeps the lesson format", (name) => {
    const file = join(dir, name);
    expect(statSync(file).size, `${name} is ${statSync(file).size} bytes; keep lessons under 1 MB`).toBeLessThan(1_000_000);
    const nb = JSON.parse(readFileSync(file, "utf8")) as { metadata: { kernelspec?: { name?: string } }; cells: Cell[] };
    expect(nb.metadata.kernelspec?.name).toBe("nnbook");
    expect(text(nb.cells[0]), "the first cell is the lesson's title").toMatch(/^# \d\d · /);
    const code = nb.cells.filter((c) => c.cell_type === "code");
    expect(text(code[0])).toContain('from "./lib/index"');
    expect(text(code[0])).toMatch(/np\.random\.seed\(\d+\)/);
    const notRun = code.filter((c) => !(c.metadata?.tags ?? []).includes("skip-test") && typeof c.execution_count !== "number");
    expect(notRun.map((c) => text(c).split("\n")[0]), "cells committed without outputs: npm run notebooks -- --full --update").toEqual([]);
    const tags = (c: Cell) => c.metadata?.tags ?? [];
    const solutions = code.filter((c) => tags(c).includes("exercise"));
    expect(solutions.length, "a lesson ends with exercises").toBeGreaterThan(0);
    expect(tags(code[code.length - 1]), "the last code cell tests an exercise").toContain("exercise-tests");
  });
});
