// Release: stubs that keep signatures and types, hidden tests gone, outputs cleared, the same
// bytes every time; and the authoring mistakes the grader refuses.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotebook, serializeNotebook, sourceOf, type NbCell, type Notebook } from "../../kernel/notebook";
import { readExercises } from "../../grading/format";
import { releaseNotebook } from "../../grading/release";

const root = path.resolve(__dirname, "../..");
const SOURCE = path.join(root, "tests/grading/fixtures/90-grading-fixture.ipynb");
const load = () => parseNotebook(fs.readFileSync(SOURCE, "utf8"));
const cell = (s: string, nnbook?: object, tags?: string[]): NbCell => ({
  cell_type: "code", source: s, outputs: [{ output_type: "stream", name: "stdout", text: "old\n" }], execution_count: 3,
  metadata: { ...(nnbook ? { nnbook } : {}), ...(tags ? { tags } : {}) },
});
const nbOf = (...cells: NbCell[]): Notebook => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
const sol = (id: string, s: string) => cell(s, { exercise: id, points: 1, role: "solution" }, ["exercise"]);
const tests = (id: string, s: string) => cell(s, { exercise: id, role: "tests" }, ["exercise-tests"]);

describe("release", () => {
  it("replaces a solution inside a function by a throwing body, keeping the signature", () => {
    const out = releaseNotebook(load()).notebook;
    const src = out.cells.map(sourceOf);
    expect(src).toContain("function addOne(x: number): number {\n  throw new Error(\"Exercise 90.1 is not done yet: write the body of addOne (replace this line with your code)\");\n}");
  });

  it("keeps top-level values declared with their types, then throws", () => {
    const src = releaseNotebook(load()).notebook.cells.map(sourceOf);
    expect(src).toContain("let W: number[][];\nlet total: number;\nthrow new Error(\"Exercise 90.2 is not done yet: define W, total (replace these lines with your code)\");");
  });

  it("removes hidden tests, clears outputs and execution counts, keeps everything else", () => {
    const nb = load();
    const out = releaseNotebook(nb).notebook;
    const text = serializeNotebook(out);
    expect(text).not.toContain("SECRET-HIDDEN-SOURCE");
    expect(text).not.toMatch(/BEGIN (SOLUTION|HIDDEN TESTS)/);
    expect(text).toContain("// (more tests, hidden, run when your notebook is graded)");
    for (const c of out.cells) if (c.cell_type === "code") expect([c.outputs, c.execution_count]).toEqual([[], null]);
    expect(out.cells.map((c) => c.metadata)).toEqual(nb.cells.map((c) => c.metadata));
    expect(readExercises(nb).map((e) => [e.id, e.points])).toEqual([["90.1", 1], ["90.2", 2], ["90.3", 2]]);
  });

  it("is deterministic: the CLI writes the same bytes twice", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-release-"));
    try {
      const run = (out: string) => execFileSync(process.execPath, [path.join(root, "grading/bin/nnbook-grading.js"), "release", SOURCE, "--out", out], { encoding: "utf8" });
      expect(run(path.join(dir, "a"))).toMatch(/90-grading-fixture.ipynb: 3 exercise\(s\)/);
      run(path.join(dir, "b"));
      const a = fs.readFileSync(path.join(dir, "a/90-grading-fixture.ipynb"), "utf8");
      expect(fs.readFileSync(path.join(dir, "b/90-grading-fixture.ipynb"), "utf8")).toBe(a);
      expect(a).toBe(serializeNotebook(releaseNotebook(load()).notebook));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("the CLI names an input that does not exist (no stack trace) and exits 2", () => {
    const r = spawnSync(process.execPath, [path.join(root, "grading/bin/nnbook-grading.js"), "release", "/nonexistent/03-x.ipynb"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("release: /nonexistent/03-x.ipynb does not exist");
  }, 60_000);

  it("handles arrow functions, several regions, and warns where types would be lost", () => {
    const nb = nbOf(
      sol("1.1", "const f = (x: number): number => {\n  // BEGIN SOLUTION\n  return 2 * x;\n  // END SOLUTION\n};\nfunction g(y) {\n    // BEGIN SOLUTION\n    return y;\n    // END SOLUTION\n}"),
      tests("1.1", "check(f(1) === 2, \"f\");"),
      sol("1.2", "// BEGIN SOLUTION\nconst k = someCall();\nconst name = \"x\", xs = [1, 2];\nfunction h(a: number): string { return String(a); }\n// END SOLUTION"),
      tests("1.2", "check(k === 1, \"k\");"),
    );
    const { notebook, warnings } = releaseNotebook(nb);
    expect(sourceOf(notebook.cells[0])).toBe("const f = (x: number): number => {\n  throw new Error(\"Exercise 1.1 is not done yet: write the body of f (replace this line with your code)\");\n};\nfunction g(y) {\n    throw new Error(\"Exercise 1.1 is not done yet: write the body of g (replace this line with your code)\");\n}");
    expect(sourceOf(notebook.cells[2])).toBe("let k: any;\nlet name: string;\nlet xs: number[];\nfunction h(a: number): string {\n  throw new Error(\"Exercise 1.2 is not done yet: write the body of h\");\n}\nthrow new Error(\"Exercise 1.2 is not done yet: define k, name, xs, h (replace these lines with your code)\");");
    expect(warnings.join("\n")).toMatch(/g has no return type annotation/);
    expect(warnings.join("\n")).toMatch(/declares k as any/);
  });

  it("warns when hidden tests declare top-level names (later cells could read them)", () => {
    const nb = nbOf(
      sol("1.1", "function f(x: number): number {\n  // BEGIN SOLUTION\n  return x;\n  // END SOLUTION\n}"),
      tests("1.1", "const seen = f(1);\n// BEGIN HIDDEN TESTS\nfunction secret(): number { return 2; }\nconst a = 1, b = 2;\n{\n  const inner = f(2);\n  check(inner === secret(), \"f\");\n}\n// END HIDDEN TESTS"),
    );
    const { warnings } = releaseNotebook(nb, "w.ipynb");
    expect(warnings).toEqual([
      "w.ipynb, cell 2: the hidden tests declare secret at the top level, where later cells can read it; wrap them in { ... }",
      "w.ipynb, cell 2: the hidden tests declare a, b at the top level, where later cells can read it; wrap them in { ... }",
    ]);
  });

  it("refuses notebooks with authoring mistakes, naming the cell", () => {
    const bad = (nb: Notebook) => () => releaseNotebook(nb, "bad.ipynb");
    expect(bad(nbOf(sol("1.1", "// BEGIN SOLUTION\nx"), tests("1.1", "")))).toThrow(/bad.ipynb, cell 1: the solution region opened at line 1 is never closed/);
    expect(bad(nbOf(sol("1.1", "// BEGIN SOLUTION\n// END SOLUTION")))).toThrow(/exercise 1.1 has a solution cell but no tests cell/);
    expect(bad(nbOf(tests("1.1", "x"), sol("1.1", "// BEGIN SOLUTION\n// END SOLUTION")))).toThrow(/cell 1: tests for exercise 1.1 come before/);
    expect(bad(nbOf(sol("1.1", "// BEGIN SOLUTION\n// END SOLUTION"), sol("1.1", "// BEGIN SOLUTION\n// END SOLUTION")))).toThrow(/a second solution cell for exercise 1.1/);
    expect(bad(nbOf(sol("1.1", "no region"), tests("1.1", "")))).toThrow(/has no \/\/ BEGIN SOLUTION/);
    expect(bad(nbOf(cell("x", { exercise: "1.1", role: "answer" })))).toThrow(/role must be "solution" or "tests"/);
    expect(bad(nbOf(sol("1.1", "// BEGIN SOLUTION\n// END SOLUTION"), tests("1.1", "// END HIDDEN TESTS")))).toThrow(/closes a hidden tests region that was never opened/);
  });
});

describe("the README documents the grading commands", () => {
  it("names npm run release / grade and every option the CLI accepts", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Exercises and grading"));
    expect(section).toMatch(/npm run release -- /);
    expect(section).toMatch(/npm run grade -- --source .* --submissions /);
    const cli = fs.readFileSync(path.join(root, "grading/cli.ts"), "utf8");
    const options = [...new Set([...cli.matchAll(/(?:a|argv\[i\]) === "(--[a-z-]+)"/g)].map((m) => m[1]))];
    expect(options.length).toBeGreaterThan(8);
    for (const o of options) expect(section, `README's grading section does not mention ${o}`).toContain(o);
    for (const s of ["release", "grade"]) expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts[s]).toBeTruthy();
  });
});
