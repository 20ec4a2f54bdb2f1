// `npm run grade`: puts the instructor's tests cells (visible and hidden) back into a submission by
// exercise id, runs it in a sandboxed child (grading/run.ts), scores each exercise (all or nothing
// per tests cell, points from the instructor's metadata) and writes a result JSON and a feedback
// page that says which checks failed and why, never quoting the hidden tests.
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { createHash, randomBytes } from "node:crypto";
import type { NbCell, Notebook } from "../kernel/notebook";
import { parseNotebook, sourceOf, tagsOf } from "../kernel/notebook";
import type { JobCell } from "./child";
import { AuthoringError, Exercise, metaOf, readExercises, roleOf, testPoints } from "./format";
import { loadTypeScript } from "./release";
import { CellOutcome, DEFAULT_LIMITS, Limits, runGraded } from "./run";
import { hiddenCode, scrubHidden } from "./scrub";

export interface TestResult {
  /** The tests cell's index in the instructor's notebook. */
  cell: number;
  points: number;
  score: number;
  passed: boolean;
  /** Why it failed, in words a learner can act on; null when it passed. */
  reason: string | null;
  /** Whether the failing check sits in the hidden tests (null: not known or not a check). */
  hidden: boolean | null;
}

export interface ExerciseResult {
  id: string;
  points: number;
  score: number;
  tests: TestResult[];
  notes: string[];
}

export interface GradeResult {
  submission: string;
  source: string;
  /** graded; invalid-submission (not a notebook: scored 0); grader-error (no score: grade again). */
  status: "graded" | "invalid-submission" | "grader-error";
  score: number | null;
  maxScore: number | null;
  exercises: ExerciseResult[];
  /** About the submission as a whole: failing cells of its own, changed built-ins, truncated output. */
  notes: string[];
  error: string | null;
  seconds: number;
  attempts: number;
  limits: Limits;
}

export interface GradeOptions {
  limits?: Partial<Limits>;
  fast?: boolean;
  /** Folder for sandboxes (created under it, removed after). */
  workDir: string;
  keepSandbox?: boolean;
}

/** Top-level names a cell declares (functions, classes, variables). */
export function declaredNames(source: string): string[] {
  const ts = loadTypeScript();
  const sf = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const names: string[] = [];
  for (const st of sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) names.push(st.name.text);
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
  }
  return names;
}

/** The import statements of the instructor's ordinary cells, comments removed, one line. */
export function importPreamble(nb: Notebook): string {
  const ts = loadTypeScript();
  const printer = ts.createPrinter({ removeComments: true });
  const out: string[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code" || roleOf(cell) !== null) continue;
    const sf = ts.createSourceFile("cell.ts", sourceOf(cell), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && st.importClause) out.push(printer.printNode(ts.EmitHint.Unspecified, st, sf).replace(/\s*\n\s*/g, " "));
    }
  }
  return [...new Set(out)].join(" ");
}

export interface Assembled {
  cells: (NbCell & { grading?: { exercise: string; test: number } })[];
  /** For each exercise id: the graded index of each of its tests cells, and of its solution cell. */
  placement: Map<string, { tests: number[]; solution: number | null }>;
  notes: Map<string, string[]>;
}

/**
 * The notebook that is run: the submission's own cells (minus any tests cells), with the
 * instructor's tests cells of each exercise right after the submission's solution cell for it.
 * A solution cell whose id was changed or removed is found by the names it defines.
 */
export function assemble(source: Notebook, exercises: Exercise[], submission: Notebook): Assembled {
  const notes = new Map<string, string[]>(exercises.map((e) => [e.id, []]));
  const own = submission.cells.filter((c) => roleOf(c) !== "tests" && !tagsOf(c).includes("exercise-tests"));
  const matched = new Map<string, NbCell>();
  const used = new Set<NbCell>();
  for (const ex of exercises) {
    const claims = own.filter((c) => roleOf(c) === "solution" && metaOf(c).exercise === ex.id);
    if (claims.length > 0) {
      // Several claims are usually a solution cell split in JupyterLab (both halves keep its
      // metadata): they all run in order, as they would there, and the tests follow the last.
      matched.set(ex.id, claims[claims.length - 1]);
      for (const c of claims) used.add(c);
      if (claims.length > 1) notes.get(ex.id)!.push(`${claims.length} cells are marked as the solution of ${ex.id} (a split cell?); they ran in order and the tests followed the last one`);
    }
  }
  for (const ex of exercises) {
    if (matched.has(ex.id)) continue;
    const wanted = declaredNames(sourceOf(source.cells[ex.solution]));
    const found = wanted.length === 0 ? undefined : own.find((c) => c.cell_type === "code" && !used.has(c) && (() => {
      try { const names = declaredNames(sourceOf(c)); return wanted.every((n) => names.includes(n)); } catch { return false; }
    })());
    if (found) {
      matched.set(ex.id, found);
      used.add(found);
      notes.get(ex.id)!.push(`the solution cell of ${ex.id} had lost its exercise metadata (id changed or removed); the cell that defines ${wanted.join(", ")} was graded`);
    } else {
      notes.get(ex.id)!.push(`no solution cell for ${ex.id} was found (it was deleted, or its id was changed and it no longer defines ${wanted.join(", ") || "its names"})`);
    }
  }
  const byCell = new Map<NbCell, Exercise[]>();
  for (const ex of exercises) {
    const c = matched.get(ex.id);
    if (c) byCell.set(c, [...(byCell.get(c) ?? []), ex]);
  }
  const cells: Assembled["cells"] = [];
  const placement = new Map<string, { tests: number[]; solution: number | null }>();
  const place = (ex: Exercise, solution: number | null) => {
    const tests: number[] = [];
    ex.tests.forEach((t, k) => {
      tests.push(cells.length);
      cells.push({ ...structuredClone(source.cells[t.cell]), outputs: [], execution_count: null, grading: { exercise: ex.id, test: k } });
    });
    placement.set(ex.id, { tests, solution });
  };
  for (const c of own) {
    const at = cells.length;
    cells.push(structuredClone(c));
    for (const ex of byCell.get(c) ?? []) place(ex, at);
  }
  for (const ex of exercises) if (!placement.has(ex.id)) place(ex, null);
  return { cells, placement, notes };
}

/** "line 7" of a tests cell from an error's traceback or a TSError's text. */
function errorLine(o: CellOutcome): number | null {
  const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");
  const tb = (o.traceback ?? []).map(strip).join("\n");
  const m = /Cell \[\d+\], line (\d+)/.exec(tb) ?? (o.ename === "TSError" ? /^line (\d+):/.exec(o.evalue ?? "") : null);
  return m ? Number(m[1]) : null;
}

function describe(o: CellOutcome | undefined): string {
  if (!o) return "not run";
  if (o.status === "error") return `${o.ename}: ${o.evalue}`;
  if (o.status === "timeout") return `stopped: ${o.evalue}`;
  if (o.status === "memory") return `stopped: ${o.evalue}`;
  if (o.status === "crashed") return `stopped: ${o.evalue}`;
  return o.evalue ?? "not run";
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function invalid(submission: string, source: string, limits: Limits, exercises: Exercise[] | null, why: string): GradeResult {
  const exs = (exercises ?? []).map((ex) => ({
    id: ex.id, points: ex.points, score: 0,
    tests: ex.tests.map((t, k) => ({ cell: t.cell, points: testPoints(ex)[k], score: 0, passed: false, reason: "not run: the submission is not a valid notebook", hidden: null })),
    notes: [],
  }));
  return {
    submission, source, status: "invalid-submission", score: 0, maxScore: round(exs.reduce((a, e) => a + e.points, 0)),
    exercises: exs, notes: [why], error: null, seconds: 0, attempts: 0, limits,
  };
}

/** Grades one submission file against one instructor notebook file. Never throws. */
export async function gradeFile(sourceFile: string, submissionFile: string, options: GradeOptions): Promise<GradeResult> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const started = Date.now();
  const base: Omit<GradeResult, "status"> = {
    submission: submissionFile, source: sourceFile, score: null, maxScore: null, exercises: [], notes: [], error: null,
    seconds: 0, attempts: 0, limits,
  };
  let source: Notebook, exercises: Exercise[];
  try {
    source = parseNotebook(fs.readFileSync(sourceFile, "utf8"), sourceFile);
    exercises = readExercises(source, path.basename(sourceFile));
    if (exercises.length === 0) throw new AuthoringError(`${sourceFile} has no exercises`);
  } catch (e) {
    return { ...base, status: "grader-error", error: `the instructor's notebook cannot be used: ${(e as Error).message}` };
  }
  let submission: Notebook;
  try {
    const text = fs.readFileSync(submissionFile, "utf8");
    submission = parseNotebook(text, path.basename(submissionFile));
    for (const [i, c] of submission.cells.entries()) {
      if (!c || typeof c !== "object" || !["code", "markdown", "raw"].includes(c.cell_type)) throw new Error(`cell ${i + 1} is not a notebook cell`);
      if (typeof c.source !== "string" && !(Array.isArray(c.source) && c.source.every((s) => typeof s === "string"))) throw new Error(`cell ${i + 1} has no source text`);
      if (!c.metadata || typeof c.metadata !== "object") c.metadata = {};
    }
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ? `the submission could not be read: ${(e as Error).message}` : `the submission is not a valid notebook: ${(e as Error).message}`;
    return invalid(submissionFile, sourceFile, limits, exercises, why);
  }
  try {
    const asm = assemble(source, exercises, submission);
    const jobCells: JobCell[] = [];
    asm.cells.forEach((c, i) => {
      if (c.cell_type !== "code") return;
      if (!c.grading && tagsOf(c).includes("skip-test")) return;
      jobCells.push({ index: i, code: sourceOf(c), test: Boolean(c.grading) });
    });
    const sandboxDir = path.join(options.workDir, `sandbox-${path.basename(submissionFile, ".ipynb").replace(/[^\w.-]/g, "_").slice(0, 40)}-${randomBytes(4).toString("hex")}`);
    const run = await runGraded(jobCells, importPreamble(source), sandboxDir, { limits, fast: options.fast ?? false, keepSandbox: options.keepSandbox });
    if (run.graderError) return { ...base, status: "grader-error", error: run.graderError, seconds: (Date.now() - started) / 1000, attempts: run.attempts };

    const notes: string[] = [];
    const results: ExerciseResult[] = exercises.map((ex) => {
      const place = asm.placement.get(ex.id)!;
      const exNotes = [...asm.notes.get(ex.id)!];
      const pts = testPoints(ex);
      const tests = ex.tests.map((t, k): TestResult => {
        const o = run.cells.get(place.tests[k]);
        if (o?.restored?.length) exNotes.push(`before these tests ran, the grader put back what your notebook had changed: ${o.restored.slice(0, 8).join(", ")}${o.restored.length > 8 ? ", …" : ""}`);
        const stuck = (o?.restored ?? []).filter((r) => r.endsWith("(could not be put back)"));
        if (stuck.length) {
          return { cell: t.cell, points: pts[k], score: 0, passed: false, hidden: null,
            reason: `not trusted: your notebook changed ${stuck.map((r) => r.replace(/ \(could not be put back\)$/, "")).join(", ")} so that the grader could not put it back` };
        }
        if (o && o.status === "ok") return { cell: t.cell, points: pts[k], score: pts[k], passed: true, reason: null, hidden: null };
        let hidden: boolean | null = null;
        // Hidden code that a learner's function got hold of and put in its error is cut out.
        let reason = scrubHidden(describe(o), hiddenCode(t));
        if (o?.status === "error") {
          const line = errorLine(o);
          if (line !== null) {
            hidden = t.hidden.some(([a, b]) => line > a && line < b);
            reason += hidden ? " (in the hidden tests)" : ` (line ${visibleLine(t.source, line)} of the tests)`;
          }
        }
        return { cell: t.cell, points: pts[k], score: 0, passed: false, reason, hidden };
      });
      if (place.solution !== null) {
        const o = run.cells.get(place.solution);
        if (o && o.status !== "ok") exNotes.push(`your solution cell failed: ${describe(o)}`);
      }
      return { id: ex.id, points: ex.points, score: round(tests.reduce((a, t) => a + t.score, 0)), tests, notes: exNotes };
    });
    const exerciseCells = new Set<number>([...asm.placement.values()].flatMap((p) => [...p.tests, ...(p.solution !== null ? [p.solution] : [])]));
    let ownFailures = 0;
    const reported = new Set<string>();
    for (const c of jobCells) {
      const o = run.cells.get(c.index);
      if (!o) continue;
      const fresh = (o.restored ?? []).filter((r) => !reported.has(r));
      fresh.forEach((r) => reported.add(r));
      if (!c.test && fresh.length) notes.push(`before cell ${c.index + 1} ran, the grader put back what your notebook had changed: ${fresh.slice(0, 8).join(", ")}${fresh.length > 8 ? ", …" : ""}`);
      if (o.truncated) notes.push(`cell ${c.index + 1}${c.test ? " (tests)" : ""} printed more than ${limits.outputBytes} bytes; the rest of its output was dropped`);
      if (c.test || exerciseCells.has(c.index)) continue;
      // A cell tagged raises-exception is meant to throw: its error is no failure, its silence is.
      const expectsError = tagsOf(asm.cells[c.index]).includes("raises-exception");
      if (expectsError && o.status === "ok") notes.push(`cell ${c.index + 1} is tagged raises-exception but ran without an error`);
      if (o.status === "ok" || (expectsError && o.status === "error")) continue;
      // Short: a learner's own error message is no channel for carrying anything out of the run.
      const said = describe(o);
      if (++ownFailures <= 10) notes.push(`cell ${c.index + 1} failed: ${said.length > 300 ? said.slice(0, 300) + " …" : said}`);
    }
    if (ownFailures > 10) notes.push(`… and ${ownFailures - 10} more failing cells`);
    const score = round(results.reduce((a, e) => a + e.score, 0));
    const maxScore = round(results.reduce((a, e) => a + e.points, 0));
    return { ...base, status: "graded", score, maxScore, exercises: results, notes, seconds: (Date.now() - started) / 1000, attempts: run.attempts };
  } catch (e) {
    return { ...base, status: "grader-error", error: `grader failure: ${(e as Error)?.stack ?? e}`, seconds: (Date.now() - started) / 1000 };
  }
}

/** The line number a learner sees in the released tests cell (hidden lines removed). */
function visibleLine(source: string, line: number): number {
  const src = source.split("\n");
  let hiddenBefore = 0, inside = false;
  for (let i = 0; i < line - 1 && i < src.length; i++) {
    if (/^\s*\/\/\s*BEGIN HIDDEN TESTS\s*$/.test(src[i])) inside = true;
    if (inside) hiddenBefore++;
    if (/^\s*\/\/\s*END HIDDEN TESTS\s*$/.test(src[i])) inside = false;
  }
  return line - hiddenBefore;
}

// --- output --------------------------------------------------------------------------------------

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The learner's feedback page: scores, each failed check and why, notes. No hidden test source. */
export function feedbackHtml(r: GradeResult): string {
  const name = path.basename(r.submission);
  const parts: string[] = [
    "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', `<title>Feedback: ${esc(name)}</title>`,
    "<style>body{font-family:system-ui,sans-serif;max-width:50em;margin:2em auto;line-height:1.45}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.ok{color:#176f2c}.fail{color:#b00020}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}</style>",
    "</head><body>", `<h1>Feedback: ${esc(name)}</h1>`,
  ];
  if (r.status === "grader-error") {
    parts.push("<p><b>This submission could not be graded because of a problem on the grader's side, not in your work.</b> Your teacher has been told; no score was given.</p>");
  } else {
    parts.push(`<p>Score: <b>${r.score} / ${r.maxScore}</b>${r.status === "invalid-submission" ? " (the file is not a valid notebook)" : ""}</p>`);
    parts.push("<table><tr><th>Exercise</th><th>Score</th><th>Result</th></tr>");
    for (const e of r.exercises) {
      const ok = e.score === e.points;
      parts.push(`<tr><td>${esc(e.id)}</td><td>${e.score} / ${e.points}</td><td class="${ok ? "ok" : "fail"}">${ok ? "all checks passed" : `${e.tests.filter((t) => !t.passed).length} of ${e.tests.length} test cells failed`}</td></tr>`);
    }
    parts.push("</table>");
    for (const e of r.exercises) {
      const failed = e.tests.filter((t) => !t.passed);
      if (failed.length === 0 && e.notes.length === 0) continue;
      parts.push(`<h2>Exercise ${esc(e.id)}</h2>`);
      for (const t of failed) parts.push(`<p class="fail">✘ ${t.points} point(s) lost:</p><pre>${esc(t.reason ?? "")}</pre>`);
      for (const n of e.notes) parts.push(`<p>Note: ${esc(n)}</p>`);
    }
    if (r.notes.length) {
      parts.push("<h2>About your notebook</h2><ul>");
      for (const n of r.notes) parts.push(`<li>${esc(n)}</li>`);
      parts.push("</ul>");
    }
  }
  parts.push("</body></html>", "");
  return parts.join("\n");
}

/** A CSV field. */
const csv = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per submission: who, which notebook, status, score, each exercise, the first note or error. */
export function gradebookCsv(rows: { student: string; result: GradeResult }[]): string {
  const ids = [...new Set(rows.flatMap((r) => r.result.exercises.map((e) => e.id)))].sort();
  const lines = [["student", "notebook", "status", "score", "max_score", ...ids, "details"].map(csv).join(",")];
  for (const { student, result } of rows) {
    const byId = new Map(result.exercises.map((e) => [e.id, e]));
    const details = result.error ?? (result.status === "invalid-submission" ? result.notes[0] : "") ?? "";
    lines.push([student, path.basename(result.source), result.status, result.score, result.maxScore,
      ...ids.map((id) => (byId.has(id) && result.status !== "grader-error" ? byId.get(id)!.score : "")), details.split("\n")[0]].map(csv).join(","));
  }
  return lines.join("\n") + "\n";
}

// --- many submissions ------------------------------------------------------------------------------

export interface Task {
  /** e.g. "alice/03-perceptron" */
  student: string;
  source: string;
  submission: string;
}

function listNotebooks(dir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (d: string) => {
    const real = fs.realpathSync(d);
    if (seen.has(real)) return; // a symlink loop
    seen.add(real);
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".")) continue;
      const p = path.join(d, e.name);
      // A symlinked student folder (e.g. from an export) is followed, so no submission is left out.
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) try { isDir = fs.statSync(p).isDirectory(); } catch { isDir = false; }
      if (isDir) walk(p);
      else if (e.name.endsWith(".ipynb")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Pairs submissions with instructor notebooks. A single source grades every submission; a folder
 * of sources matches each submission by file name (alice/03-perceptron.ipynb → 03-perceptron.ipynb).
 */
export function planTasks(source: string, submissions: string): { tasks: Task[]; unmatched: string[] } {
  const subs = fs.statSync(submissions).isDirectory() ? listNotebooks(submissions) : [submissions];
  const root = fs.statSync(submissions).isDirectory() ? submissions : path.dirname(submissions);
  const sources = fs.statSync(source).isDirectory() ? new Map(listNotebooks(source).map((f) => [path.basename(f), f])) : null;
  const tasks: Task[] = [];
  const unmatched: string[] = [];
  for (const s of subs) {
    const student = path.relative(root, s).replace(/\.ipynb$/, "");
    const src = sources ? sources.get(path.basename(s)) : source;
    if (!src) unmatched.push(s);
    else tasks.push({ student, source: src, submission: s });
  }
  return { tasks, unmatched };
}

/**
 * A file name stem for a submission's name that leaves room for ".feedback.html" within the 255
 * bytes most file systems allow: a long name is cut and given a hash of the whole, so that two
 * long names that share their start still get files of their own.
 */
export function fileStem(name: string, maxBytes = 200): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 12);
  let cut = name;
  while (Buffer.byteLength(cut) > maxBytes - 13) cut = cut.slice(0, -1);
  return `${cut}-${hash}`;
}

/** Grades tasks with `jobs` children at a time; writes <out>/<student>.json and .feedback.html and <out>/gradebook.csv. */
export async function gradeAll(tasks: Task[], out: string, options: Omit<GradeOptions, "workDir"> & { jobs?: number; onResult?: (t: Task, r: GradeResult) => void }): Promise<{ student: string; result: GradeResult }[]> {
  fs.mkdirSync(out, { recursive: true });
  // Absolute: the child runs in its sandbox, and its permission flags must name the same folders.
  const workDir = path.resolve(out, ".sandboxes");
  const jobs = Math.max(1, options.jobs ?? (os.availableParallelism?.() ?? os.cpus().length));
  const rows: { student: string; result: GradeResult }[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      const t = tasks[i];
      const result = await gradeFile(t.source, t.submission, { ...options, workDir });
      rows[i] = { student: t.student, result };
      try {
        const base = path.join(out, path.dirname(t.student), fileStem(path.basename(t.student)));
        fs.mkdirSync(path.dirname(base), { recursive: true });
        fs.writeFileSync(base + ".json", JSON.stringify(result, null, 1) + "\n");
        fs.writeFileSync(base + ".feedback.html", feedbackHtml(result));
      } catch (e) {
        // One submission's files not written (a full disk, say) must not stop the others or the gradebook.
        process.stderr.write(`nnbook-grading: could not write the results of ${t.student}: ${(e as Error).message}\n`);
      }
      options.onResult?.(t, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  if (!options.keepSandbox) fs.rmSync(workDir, { recursive: true, force: true });
  fs.writeFileSync(path.join(out, "gradebook.csv"), gradebookCsv(rows));
  return rows;
}
