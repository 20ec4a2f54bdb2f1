// `npm run grade` as a teacher runs it (the CLI, not the API): a class folder with a correct
// submission and a file that is not a notebook, with a relative --out as in the README (a relative
// sandbox path once made every submission a grader error); the gradebook, the result files, the
// exit code, and --keep-sandbox leaving the sandboxes for inspection.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planTasks } from "../../grading/grade";

const root = path.resolve(__dirname, "../..");
const SOURCE = path.join(root, "tests/grading/fixtures/90-grading-fixture.ipynb");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-grade-cli-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const grade = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "grading/bin/nnbook-grading.js"), "grade", ...args],
  { cwd: work, encoding: "utf8", env: { ...process.env, CI: "1" } });

describe("npm run grade (CLI)", () => {
  it("grades a class folder, writes results, feedback and the gradebook, and keeps sandboxes when asked", () => {
    fs.mkdirSync(path.join(work, "class/alice"), { recursive: true });
    fs.mkdirSync(path.join(work, "class/zed"), { recursive: true });
    fs.copyFileSync(SOURCE, path.join(work, "class/alice/90-grading-fixture.ipynb"));
    fs.writeFileSync(path.join(work, "class/zed/90-grading-fixture.ipynb"), "not a notebook");
    const r = grade("--source", SOURCE, "--submissions", "class", "--out", "out", "--jobs", "2", "--keep-sandbox", "--cell-timeout", "60");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/alice\/90-grading-fixture: 5 \/ 5/);
    expect(r.stdout).toMatch(/zed\/90-grading-fixture: 0 \/ 5 \(not a valid notebook\)/);
    const csv = fs.readFileSync(path.join(work, "out/gradebook.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("student,notebook,status,score,max_score,90.1,90.2,90.3,details");
    expect(csv[1]).toBe("alice/90-grading-fixture,90-grading-fixture.ipynb,graded,5,5,1,2,2,");
    expect(csv[2]).toMatch(/^zed\/90-grading-fixture,90-grading-fixture.ipynb,invalid-submission,0,5,0,0,0,/);
    for (const s of ["alice", "zed"]) {
      expect(JSON.parse(fs.readFileSync(path.join(work, `out/${s}/90-grading-fixture.json`), "utf8")).submission).toMatch(/90-grading-fixture.ipynb$/);
      expect(fs.readFileSync(path.join(work, `out/${s}/90-grading-fixture.feedback.html`), "utf8")).toMatch(/Score: <b>\d \/ 5<\/b>/);
    }
    const kept = fs.readdirSync(path.join(work, "out/.sandboxes"));
    expect(kept.length).toBe(1); // the invalid file never reaches a sandbox
    expect(fs.existsSync(path.join(work, "out/.sandboxes", kept[0], "notebook/lib/index.ts"))).toBe(true);
  }, 180_000);

  it("exits 1 on a grader error (an unusable instructor notebook), with no score", () => {
    fs.writeFileSync(path.join(work, "bad-source.ipynb"), JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    const r = grade("--source", "bad-source.ipynb", "--submissions", "class/alice", "--out", "out-bad");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/GRADER ERROR: the instructor's notebook cannot be used: .*has no exercises/);
    expect(fs.readFileSync(path.join(work, "out-bad/gradebook.csv"), "utf8")).toMatch(/\n90-grading-fixture,bad-source.ipynb,grader-error,,,the instructor.s notebook cannot be used/);
  }, 60_000);
});

describe("planTasks: which submissions a class folder holds", () => {
  it("follows symlinked student folders (not loops), skips hidden folders, matches sources by name", () => {
    const d = fs.mkdtempSync(path.join(work, "plan-"));
    const nb = (p: string) => { fs.mkdirSync(path.dirname(p), { recursive: true }); fs.writeFileSync(p, "{}"); };
    nb(path.join(d, "src/03-a.ipynb"));
    nb(path.join(d, "elsewhere/bob/03-a.ipynb"));
    nb(path.join(d, "class/alice/03-a.ipynb"));
    nb(path.join(d, "class/alice/.ipynb_checkpoints/03-a-checkpoint.ipynb"));
    nb(path.join(d, "class/carol/04-b.ipynb"));
    fs.symlinkSync(path.join(d, "elsewhere/bob"), path.join(d, "class/bob"));
    fs.symlinkSync(path.join(d, "class"), path.join(d, "class/alice/loop"));
    const { tasks, unmatched } = planTasks(path.join(d, "src"), path.join(d, "class"));
    expect(tasks.map((t) => [t.student, path.relative(d, t.source)])).toEqual([["alice/03-a", "src/03-a.ipynb"], ["bob/03-a", "src/03-a.ipynb"]]);
    expect(unmatched.map((u) => path.relative(d, u))).toEqual(["class/carol/04-b.ipynb"]);
  });
});
