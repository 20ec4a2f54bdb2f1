// Every committed lesson with exercises: its reference solutions get full marks and its released
// (student) version gets zero, each failure saying "not done yet"; releasing is deterministic.
// Each lesson is graded twice (reference and released, side by side) in fast mode.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotebook, serializeNotebook } from "../../kernel/notebook";
import { readExercises } from "../../grading/format";
import { gradeAll } from "../../grading/grade";
import { releaseNotebook } from "../../grading/release";

const root = path.resolve(__dirname, "../..");

function committedLessons(): string[] {
  let files: string[];
  try {
    files = execFileSync("git", ["ls-files", "--", "notebooks"], { cwd: root, encoding: "utf8" }).split("\n");
  } catch {
    files = fs.readdirSync(path.join(root, "notebooks")).map((f) => `notebooks/${f}`); // not a git checkout
  }
  return files.filter((f) => /^notebooks\/\d\d-[^/]*\.ipynb$/.test(f) && fs.existsSync(path.join(root, f))).sort();
}

// NNBOOK_SKIP_LESSON_GRADING=1 skips the lessons (minutes of work) when iterating on something else.
const lessons = process.env.NNBOOK_SKIP_LESSON_GRADING === "1" ? [] : committedLessons().filter((f) => readExercises(parseNotebook(fs.readFileSync(path.join(root, f), "utf8"), f), f).length > 0);

describe("lessons with exercises", () => {
  it("has something to check, or says why not", () => {
    if (lessons.length === 0) console.warn("no committed lesson has exercises yet");
    expect(Array.isArray(lessons)).toBe(true);
  });

  for (const file of lessons) {
    it(`${path.basename(file)}: the reference solutions score full marks, the released notebook zero`, async () => {
      const source = path.join(root, file);
      const nb = parseNotebook(fs.readFileSync(source, "utf8"), file);
      const first = releaseNotebook(nb, file);
      const again = releaseNotebook(parseNotebook(fs.readFileSync(source, "utf8"), file), file);
      expect(serializeNotebook(again.notebook)).toBe(serializeNotebook(first.notebook));
      expect(first.warnings).toEqual([]);

      const work = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-grading-lesson-"));
      try {
        fs.writeFileSync(path.join(work, "released.ipynb"), serializeNotebook(first.notebook));
        const rows = await gradeAll([
          { student: "reference", source, submission: source },
          { student: "released", source, submission: path.join(work, "released.ipynb") },
        ], path.join(work, "out"), { fast: true, jobs: 2, limits: { cellSeconds: 300, notebookSeconds: 1200 } });
        const [reference, released] = rows.map((r) => r.result);
        const failures = reference.exercises.flatMap((e) => e.tests.filter((t) => !t.passed).map((t) => `${e.id}: ${t.reason}`));
        expect({ status: reference.status, error: reference.error, failures }).toEqual({ status: "graded", error: null, failures: [] });
        expect(reference.score).toBe(reference.maxScore);
        // Full marks come with clean feedback: cells tagged raises-exception are not reported as failures.
        expect(reference.notes.filter((n) => / failed: /.test(n))).toEqual([]);
        expect(released.status).toBe("graded");
        expect(released.score).toBe(0);
        for (const e of released.exercises) {
          const said = [...e.tests.map((t) => t.reason ?? ""), ...e.notes].join("\n");
          expect(said, `exercise ${e.id} of the released ${file}`).toMatch(new RegExp(`Exercise ${e.id.replace(".", "\\.")} is not done yet`));
        }
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    }, 900_000);
  }
});
