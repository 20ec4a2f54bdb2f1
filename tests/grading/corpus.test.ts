// The grader against a corpus of submissions of tests/grading/fixtures/90-grading-fixture.ipynb
// (exercises 90.1: 1 point, 90.2: 2 points, 90.3: 2 points over two tests cells): correct,
// partial, released, and every hostile case of issue 7, each with its expected score and reason.
// The whole class is graded in one run, two at a time, as `npm run grade` does.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNotebook, serializeNotebook, sourceOf, type NbCell, type Notebook } from "../../kernel/notebook";
import { gradeAll, gradeFile, planTasks, type GradeResult } from "../../grading/grade";
import { releaseNotebook } from "../../grading/release";
import type { Limits } from "../../grading/run";

const root = path.resolve(__dirname, "../..");
const SOURCE = path.join(root, "tests/grading/fixtures/90-grading-fixture.ipynb");
const LIMITS: Partial<Limits> = { cellSeconds: 5, notebookSeconds: 90, memoryMB: 700, outputBytes: 100_000 };

const S1 = "function addOne(x: number): number {\n  return x + 1;\n}";
const S2 = "const W: number[][] = [[1, 2], [3, 4]];\nconst total = 10;";
const S3 = "function rowSums(X: number[][]): number[] {\n  return X.map((row) => row.reduce((a, b) => a + b, 0));\n}";

const source = parseNotebook(fs.readFileSync(SOURCE, "utf8"));
const released = releaseNotebook(source, "90-grading-fixture.ipynb").notebook;

const nnbook = (c: NbCell) => (c.metadata.nnbook ?? {}) as { exercise?: string; role?: string };
const code = (s: string): NbCell => ({ cell_type: "code", metadata: {}, source: s, outputs: [], execution_count: null });

/** A learner's notebook: the released one with solutions filled in and other edits. */
function submission(edit: { solutions?: Record<string, string>; before?: Record<string, string[]>; extra?: string[]; change?: (nb: Notebook) => void }): Notebook {
  const nb = structuredClone(released);
  const solutions = { "90.1": S1, "90.2": S2, "90.3": S3, ...edit.solutions };
  for (const c of nb.cells) {
    const m = nnbook(c);
    if (m.role === "solution") c.source = solutions[m.exercise as keyof typeof solutions];
  }
  for (const [id, cells] of Object.entries(edit.before ?? {})) {
    const at = nb.cells.findIndex((c) => nnbook(c).role === "solution" && nnbook(c).exercise === id);
    nb.cells.splice(at, 0, ...cells.map(code));
  }
  nb.cells.push(...(edit.extra ?? []).map(code));
  edit.change?.(nb);
  return nb;
}

let work: string;
let subsDir: string;
let out: string;
const results = new Map<string, GradeResult>();
let gradebook = "";
const hashes = new Map<string, string>();

function hashTree(dir: string): string {
  const h = createHash("sha256");
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) h.update(p).update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest("hex");
}

const CASES: Record<string, Notebook | string> = {};
const LONG_NAME = "long-" + "c".repeat(235);

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-grading-"));
  subsDir = path.join(work, "class");
  out = path.join(work, "out");
  fs.mkdirSync(subsDir);
  const canary = path.join(work, "canary.txt");
  fs.writeFileSync(canary, "still here");
  const target = (name: string) => path.join(subsDir, `${name}.ipynb`);

  CASES.correct = submission({});
  CASES.partial = submission({ solutions: {
    "90.2": "const W: number[][] = [[1, 2], [3, 4]];\nconst total = 11;",
    "90.3": "function rowSums(X: number[][]): number[] {\n  return X.map((row) => (row.length ? row.reduce((a, b) => a + b) : NaN));\n}",
  } });
  CASES.released = structuredClone(released);
  CASES.hangs = submission({
    solutions: { "90.1": "function addOne(x: number): number {\n  while (true) {}\n}" },
    extra: ["await new Promise(() => {});"],
  });
  CASES["hang-uninterruptible-and-output-flood"] = submission({
    before: { "90.1": ['setTimeout(() => { for (;;) {} }, 0);', 'for (let i = 0; i < 2000; i++) console.log("x".repeat(10000));'] },
  });
  CASES.memory = submission({ solutions: {
    "90.2": "const keep: Float64Array[] = [];\nwhile (true) keep.push(new Float64Array(1 << 20).fill(1));\n" + S2,
    "90.3": "const grow: number[][] = [];\nwhile (true) grow.push(new Array(100000).fill(Math.random()));\n" + S3,
  } });
  CASES["exit-throw-type-error"] = submission({
    solutions: {
      "90.1": 'function addOne(x: number): number {\n  throw new RangeError("boom");\n}',
      "90.3": 'function rowSums(X: number[][]): number[] {\n  return "not an array";\n}',
    },
    before: { "90.2": ["process.exit(0);", "(process as any).reallyExit(0);", 'process.kill(process.pid, "SIGKILL");', "process.abort();"] },
  });
  const escapes = [
    path.join(root, "lib/check.ts"), path.join(root, "README.md"), canary, target("files-and-secrets"), SOURCE,
  ];
  CASES["files-and-secrets"] = submission({
    solutions: { "90.1": `function addOne(x: number): number {\n  const text = require("fs").readFileSync(${JSON.stringify(SOURCE)}, "utf8");\n  return x + 1;\n}` },
    before: { "90.1": [
      `import * as fs from "fs";\nconst denied: string[] = [];\nconst attempt = (f: () => void) => { try { f(); denied.push("allowed"); } catch (e) { denied.push((e as any).code ?? String(e)); } };\n` +
      `for (const p of ${JSON.stringify(escapes)}) { attempt(() => fs.writeFileSync(p, "overwritten")); attempt(() => fs.rmSync(p, { force: true })); attempt(() => fs.readFileSync(p)); }\n` +
      `attempt(() => fs.rmSync("lib", { recursive: true, force: true }));\nattempt(() => fs.writeFileSync("lib/check.ts", "export function check() {}"));\n` +
      `attempt(() => fs.readFileSync("../../../../tests/grading/fixtures/90-grading-fixture.ipynb"));\nattempt(() => require(${JSON.stringify(SOURCE)}));\n` +
      `attempt(() => require("v8").getHeapSnapshot());\nattempt(() => new (require("inspector").Session)().connect());\nattempt(() => (process as any).binding("fs"));\n` +
      `attempt(() => require("child_process").execSync("rm -rf /tmp/x"));\nattempt(() => fs.symlinkSync(${JSON.stringify(SOURCE)}, "leak"));\n` +
      `fs.writeFileSync(require("os").tmpdir() + "/scratch.txt", "a scratch file in the sandbox is fine");\n` +
      `console.log(denied);\ncheck(denied.every((d) => d === "ERR_ACCESS_DENIED" || d === "ERR_GRADING_DENIED"), "escaped: " + denied.join(","));`,
    ] },
  });
  CASES.patching = submission({
    solutions: {
      "90.1": "function addOne(x: number): number {\n  return 0;\n}",
      "90.2": "const W: number[][] = [[0]];\nconst total = 0;",
      "90.3": "function rowSums(X: number[][]): number[] {\n  return [];\n}",
    },
    before: { "90.1": [
      "Array.prototype.every = function () { return true; };\nMath.abs = () => 0;\nArray.isArray = ((v: unknown) => true) as any;\n" +
      "JSON.stringify = ((v: any) => (Array.isArray(v[0]) ? \"[[1,2],[3,4]]\" : \"[6,15]\")) as any;\n" +
      "try { Object.defineProperty(check, \"call\", { value: () => {} }); } catch {}\n" +
      "(globalThis as any).__tslab__.exports.check = () => {};",
      "function check(condition: unknown, message: string): asserts condition {}",
    ] },
  });
  CASES["tests-tampered"] = submission({
    solutions: { "90.2": "const W: number[][] = [[0]];\nconst total = 0;", "90.3": "function rowSums(X: number[][]): number[] {\n  return [];\n}" },
    change: (nb) => {
      const tests = nb.cells.filter((c) => nnbook(c).role === "tests");
      tests[0].source = 'check(true, "trust me");';
      tests[2].source = 'console.log("rowSums is perfect");';
      nb.cells = nb.cells.filter((c) => !(nnbook(c).role === "tests" && nnbook(c).exercise === "90.2") && c !== tests[3]);
    },
  });
  CASES["ids-changed"] = submission({
    change: (nb) => {
      const sol = (id: string) => nb.cells.find((c) => nnbook(c).role === "solution" && nnbook(c).exercise === id)!;
      (sol("90.1").metadata.nnbook as { exercise: string }).exercise = "99.9";
      delete sol("90.3").metadata.nnbook;
      nb.cells = nb.cells.filter((c) => c !== sol("90.2"));
    },
  });
  CASES["raises-exception"] = submission({
    change: (nb) => {
      const tagged = (src: string, tags: string[]): NbCell => ({ ...code(src), metadata: { tags } });
      nb.cells.push(
        tagged('throw new RangeError("meant to fail");', ["raises-exception"]),
        tagged("const quiet = 1; // tagged to raise, but does not", ["raises-exception"]),
        code('throw new TypeError("not meant to fail");'),
      );
    },
  });
  // A solution that, called by the tests, reaches for their source (f.caller, the call sites'
  // functions) and throws it into its feedback; and one that patches a built-in the hidden tests call.
  CASES["leak-hidden-tests"] = submission({ solutions: {
    "90.1": "function addOne(x: number): number {\n  let out = \"\";\n" +
      "  try { out += \"caller:\" + String((addOne as any).caller); } catch (e) { out += \"caller denied\"; }\n" +
      "  const prev = (Error as any).prepareStackTrace;\n" +
      "  (Error as any).prepareStackTrace = (_e: unknown, frames: any[]) => frames.map((f) => String(f.getFunction())).join(\"\\n\");\n" +
      "  const stack = String(new Error().stack);\n  (Error as any).prepareStackTrace = prev;\n  throw new Error(out + \"\\n\" + stack);\n}",
  } });
  // A solution the tests call replaces Array.prototype.every, so the hidden every-check would pass.
  CASES["patch-during-tests"] = submission({ solutions: {
    "90.1": "function addOne(x: number): number {\n  (Array.prototype as any).every = function () { return true; };\n  return x === 2 ? 99 : x + 1;\n}",
  } });
  // The same, but the replacement throws the tests' callback as its message and puts every back.
  CASES["leak-through-builtin"] = submission({ solutions: {
    "90.1": "function addOne(x: number): number {\n  const g = globalThis as any;\n  g.realEvery ??= Array.prototype.every;\n" +
      "  (Array.prototype as any).every = function (f: unknown) {\n    (Array.prototype as any).every = g.realEvery;\n" +
      "    throw new Error(\"LEAK \" + String(f));\n  };\n  return x + 1;\n}",
  } });
  // Errors thrown in callbacks and rejections nobody awaits: JupyterLab's kernel logs them and goes on.
  CASES["async-errors"] = submission({
    solutions: { "90.1": "function addOne(x: number): number {\n  return x + 1 + offset;\n}" },
    before: { "90.1": [
      'const helper = 1;\nsetTimeout(() => { throw new Error("late async error"); }, 20);\nawait new Promise((r) => setTimeout(r, 60));',
      'async function load(): Promise<number> { throw new Error("network down"); }\nconst offset = 0;\nload();',
    ] },
  });
  // JupyterLab's split-cell keeps the metadata on both halves: two cells claim 90.1's solution.
  CASES["split-solution"] = submission({
    change: (nb) => {
      const at = nb.cells.findIndex((c) => nnbook(c).role === "solution" && nnbook(c).exercise === "90.1");
      nb.cells.splice(at, 0, { ...structuredClone(nb.cells[at]), source: "// my notes for 90.1" });
    },
  });
  CASES["console-patched"] = submission({ before: { "90.1": ['console.log = () => { throw new Error("no logs"); };'] } });
  // 240 characters: the result files need a shorter name, and the sandbox folder too.
  CASES[LONG_NAME] = submission({});
  for (const [name, nb] of Object.entries(CASES)) fs.writeFileSync(target(name), serializeNotebook(nb as Notebook));
  fs.writeFileSync(target("not-json"), "this is not a notebook {");
  fs.writeFileSync(target("not-nbformat"), JSON.stringify({ cells: "no", nbformat: 3 }));

  for (const [k, p] of [["fixtures", path.join(root, "tests/grading/fixtures")], ["lib", path.join(root, "lib")], ["subs", subsDir]]) hashes.set(k, hashTree(p));
  const { tasks } = planTasks(SOURCE, subsDir);
  const rows = await gradeAll(tasks, out, { limits: LIMITS, fast: true, jobs: 3 }); // 3: the hanging ones mostly wait
  for (const r of rows) results.set(r.student, r.result);
  gradebook = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const scores = (name: string) => Object.fromEntries(results.get(name)!.exercises.map((e) => [e.id, e.score]));
const reasons = (name: string, id: string) => results.get(name)!.exercises.find((e) => e.id === id)!.tests.map((t) => t.reason ?? "").join("\n");
const notes = (name: string, id?: string) => (id ? results.get(name)!.exercises.find((e) => e.id === id)!.notes : results.get(name)!.notes).join("\n");

describe("grading a class of submissions", () => {
  it("gives the reference solutions full marks", () => {
    expect(results.get("correct")).toMatchObject({ status: "graded", score: 5, maxScore: 5 });
  });

  it("gives partial credit per tests cell, with the failing check's message and where it is", () => {
    expect(scores("partial")).toEqual({ "90.1": 1, "90.2": 0, "90.3": 1 });
    expect(reasons("partial", "90.2")).toMatch(/CheckError: total should be the sum of W's entries, got 11 \(in the hidden tests\)/);
    expect(reasons("partial", "90.3")).toMatch(/CheckError: an empty row sums to 0, got NaN \(in the hidden tests\)/);
  });

  it("gives the released notebook zero, saying what is not done yet", () => {
    expect(results.get("released")!.score).toBe(0);
    expect(reasons("released", "90.1")).toMatch(/Exercise 90.1 is not done yet: write the body of addOne/);
    expect(notes("released", "90.2")).toMatch(/Exercise 90.2 is not done yet: define W, total/);
    expect(reasons("released", "90.3")).toMatch(/Exercise 90.3 is not done yet/);
  });

  it("interrupts a cell that never ends (a loop, an await) and grades the rest", () => {
    expect(scores("hangs")).toEqual({ "90.1": 0, "90.2": 2, "90.3": 2 });
    expect(reasons("hangs", "90.1")).toMatch(/did not finish within 5 s/);
    expect(notes("hangs")).toMatch(/did not finish within 5 s/);
  });

  it("kills a cell that ignores the interrupt, runs the notebook again without it, and caps output", () => {
    const r = results.get("hang-uninterruptible-and-output-flood")!;
    expect(r.score).toBe(5);
    expect(r.attempts).toBe(2);
    expect(notes("hang-uninterruptible-and-output-flood")).toMatch(/did not stop when interrupted/);
    expect(notes("hang-uninterruptible-and-output-flood")).toMatch(/printed more than 100000 bytes/);
  });

  it("stops unbounded allocation (typed arrays by the resident size, JS objects by the heap limit)", () => {
    expect(scores("memory")).toEqual({ "90.1": 1, "90.2": 0, "90.3": 0 });
    expect(notes("memory", "90.2")).toMatch(/memory/);
    expect(notes("memory", "90.3")).toMatch(/memory/);
  });

  it("turns process.exit and friends into errors, and grades throws and type errors as failures", () => {
    expect(scores("exit-throw-type-error")).toEqual({ "90.1": 0, "90.2": 2, "90.3": 0 });
    expect(reasons("exit-throw-type-error", "90.1")).toMatch(/RangeError: boom/);
    expect(notes("exit-throw-type-error", "90.3")).toMatch(/TSError: .*not assignable to type 'number\[\]'/);
    expect(notes("exit-throw-type-error")).toMatch(/process\.exit is not allowed in a graded notebook/);
    expect(results.get("exit-throw-type-error")!.attempts).toBe(1);
  });

  it("denies writes and deletes outside the sandbox's tmp and reads of the instructor's files", () => {
    expect(scores("files-and-secrets")).toEqual({ "90.1": 0, "90.2": 2, "90.3": 2 });
    expect(reasons("files-and-secrets", "90.1")).toMatch(/Access to this API has been restricted/);
    expect(results.get("files-and-secrets")!.notes).toEqual([]); // every attempt above was denied
    expect(fs.readFileSync(path.join(work, "canary.txt"), "utf8")).toBe("still here");
    expect(hashTree(path.join(root, "tests/grading/fixtures"))).toBe(hashes.get("fixtures"));
    expect(hashTree(path.join(root, "lib"))).toBe(hashes.get("lib"));
    expect(hashTree(subsDir)).toBe(hashes.get("subs"));
    expect(fs.existsSync(path.join(out, ".sandboxes"))).toBe(false);
  });

  it("puts back patched built-ins, lib functions and redefined check before the tests", () => {
    expect(results.get("patching")!.score).toBe(0);
    expect(notes("patching", "90.1")).toContain("the name check");
    const n = notes("patching");
    for (const what of ["Array.prototype.every", "Math.abs", "Array.isArray", "JSON.stringify"]) expect(n).toContain(what);
    expect(reasons("patching", "90.1")).toMatch(/not trusted: your notebook changed check.call \(added\) so that the grader could not put it back/);
    expect(notes("patching")).toMatch(/before cell \d+ ran, the grader put back what your notebook had changed: Array.isArray/);
  });

  it("does not report cells tagged raises-exception that raise, but does report one that does not", () => {
    const r = results.get("raises-exception")!;
    expect(r).toMatchObject({ status: "graded", score: 5 });
    const n = r.notes.join("\n");
    const last = CASES["raises-exception"] as Notebook;
    const [raises, quiet, untagged] = [3, 2, 1].map((k) => last.cells.length - k + 1);
    expect(n).not.toMatch(/RangeError: meant to fail/);
    expect(n).not.toContain(`cell ${raises} `);
    expect(n).toContain(`cell ${quiet} is tagged raises-exception but ran without an error`);
    expect(n).toContain(`cell ${untagged} failed: TypeError: not meant to fail`);
  });

  it("restores the instructor's tests cells, edited or deleted", () => {
    expect(scores("tests-tampered")).toEqual({ "90.1": 1, "90.2": 0, "90.3": 0 });
  });

  it("finds solution cells whose ids changed by the names they define; a deleted one scores zero", () => {
    expect(scores("ids-changed")).toEqual({ "90.1": 1, "90.2": 0, "90.3": 2 });
    expect(notes("ids-changed", "90.1")).toMatch(/lost its exercise metadata/);
    expect(notes("ids-changed", "90.2")).toMatch(/no solution cell for 90.2 was found/);
  });

  it("scores a file that is not a notebook zero, saying so", () => {
    for (const name of ["not-json", "not-nbformat"]) {
      expect(results.get(name)).toMatchObject({ status: "invalid-submission", score: 0, maxScore: 5 });
      expect(results.get(name)!.notes[0]).toMatch(/not a valid notebook/);
    }
  });

  it("runs tests cells as strict code, so a solution cannot read their source through its caller", () => {
    expect(scores("leak-hidden-tests")).toEqual({ "90.1": 0, "90.2": 2, "90.3": 2 });
    expect(reasons("leak-hidden-tests", "90.1")).toMatch(/^Error: caller:null\n/);
    expect(reasons("leak-hidden-tests", "90.1")).not.toMatch(/addOne\(-1\)|HIDDEN/);
  });

  it("fails tests during which the learner's code replaced a built-in, and says so", () => {
    expect(scores("patch-during-tests")).toEqual({ "90.1": 0, "90.2": 2, "90.3": 2 });
    expect(reasons("patch-during-tests", "90.1")).toMatch(/^UntrustedTests: while these tests ran, your code replaced Array\.prototype\.every/);
  });

  it("cuts hidden test code that a learner's function threw back out of the feedback", () => {
    expect(scores("leak-through-builtin")).toEqual({ "90.1": 0, "90.2": 2, "90.3": 2 });
    expect(reasons("leak-through-builtin", "90.1")).toMatch(/^Error: LEAK \[hidden test code\]/);
    expect(reasons("leak-through-builtin", "90.1")).not.toMatch(/addOne\(v\)/);
  });

  it("never shows the hidden tests' source in results or feedback", () => {
    for (const f of fs.readdirSync(out)) {
      expect(fs.readFileSync(path.join(out, f), "utf8")).not.toContain("SECRET-HIDDEN-SOURCE");
    }
    const html = fs.readFileSync(path.join(out, "partial.feedback.html"), "utf8");
    expect(html).toContain("Score: <b>2 / 5</b>");
    expect(html).toContain("total should be the sum of W&#39;s entries".replace("&#39;", "'"));
  });

  it("logs errors thrown in callbacks and unawaited rejections, and grades the notebook as JupyterLab runs it", () => {
    expect(results.get("async-errors")).toMatchObject({ status: "graded", score: 5, maxScore: 5 });
  });

  it("runs every cell claiming a solution (a split cell) and puts the tests after the last", () => {
    expect(results.get("split-solution")).toMatchObject({ status: "graded", score: 5 });
    expect(notes("split-solution", "90.1")).toMatch(/2 cells are marked as the solution of 90.1 \(a split cell\?\); they ran in order/);
  });

  it("puts back a patched console before the tests", () => {
    expect(results.get("console-patched")).toMatchObject({ status: "graded", score: 5 });
    expect(notes("console-patched")).toMatch(/console\.log/);
  });

  it("grades a submission with a 240-character name, writing its results under a shortened name", () => {
    expect(results.get(LONG_NAME)).toMatchObject({ status: "graded", score: 5 });
    const written = fs.readdirSync(out).filter((f) => f.startsWith("long-"));
    expect(written.sort()).toEqual([expect.stringMatching(/^long-c+-[0-9a-f]{12}\.feedback\.html$/), expect.stringMatching(/^long-c+-[0-9a-f]{12}\.json$/)]);
    expect(written.every((f) => Buffer.byteLength(f) <= 255)).toBe(true);
    expect(gradebook).toContain(`${LONG_NAME},90-grading-fixture.ipynb,graded,5,5,1,2,2,`);
  });

  it("writes a gradebook row per submission", () => {
    const lines = gradebook.trim().split("\n");
    expect(lines[0]).toBe("student,notebook,status,score,max_score,90.1,90.2,90.3,details");
    expect(lines).toHaveLength(1 + Object.keys(CASES).length + 2);
    expect(lines).toContain("correct,90-grading-fixture.ipynb,graded,5,5,1,2,2,");
    expect(lines).toContain("partial,90-grading-fixture.ipynb,graded,2,5,1,0,1,");
    expect(lines.find((l) => l.startsWith("not-json,"))).toMatch(/^not-json,90-grading-fixture.ipynb,invalid-submission,0,5,0,0,0,/);
  });
});

describe("the grader's own failures", () => {
  it("reports a bad instructor notebook as a grader error, not as zero points", async () => {
    const bad = structuredClone(source);
    delete (bad.cells.find((c) => nnbook(c).role === "solution")!.metadata.nnbook as { points?: number }).points;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-grading-bad-"));
    try {
      fs.writeFileSync(path.join(dir, "bad.ipynb"), serializeNotebook(bad));
      const r = await gradeFile(path.join(dir, "bad.ipynb"), SOURCE, { workDir: dir, limits: LIMITS, fast: true });
      expect(r).toMatchObject({ status: "grader-error", score: null });
      expect(r.error).toMatch(/exercise 90.1 needs metadata.nnbook.points/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports a lesson whose imports fail before any submission code runs as a grader error", async () => {
    const broken = structuredClone(source);
    broken.cells[1].source = sourceOf(broken.cells[1]).replace("./lib/check", "./lib/no-such-module");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-grading-bad-"));
    try {
      fs.writeFileSync(path.join(dir, "broken.ipynb"), serializeNotebook(broken));
      const r = await gradeFile(path.join(dir, "broken.ipynb"), SOURCE, { workDir: dir, limits: LIMITS, fast: true });
      expect(r).toMatchObject({ status: "grader-error", score: null });
      expect(r.error).toMatch(/instructor's imports failed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
