// npm run release -- <notebook or folder> [--out DIR]
// npm run grade -- --source <notebook or folder> --submissions <notebook or folder> [--out DIR] [--jobs N]
//                  [--cell-timeout S] [--timeout S] [--memory MB] [--output-limit BYTES] [--fast|--full] [--keep-sandbox]
import * as fs from "node:fs";
import * as path from "node:path";
import { parseNotebook, serializeNotebook } from "../kernel/notebook";
import { AuthoringError } from "./format";
import { gradeAll, planTasks } from "./grade";
import { releaseNotebook } from "./release";
import type { Limits } from "./run";

function fail(message: string, code = 2): never {
  process.stderr.write(message + "\n");
  process.exit(code);
}

function release(argv: string[]): void {
  let out = "build/release";
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = argv[++i];
    else if (argv[i].startsWith("--")) fail(`release: unknown option ${argv[i]}\nusage: npm run release -- <notebook or folder> [--out DIR]`);
    else inputs.push(argv[i]);
  }
  if (inputs.length === 0) fail("usage: npm run release -- <notebook or folder> [--out DIR]");
  for (const p of inputs) if (!fs.existsSync(p)) fail(`release: ${p} does not exist`);
  const files = inputs.flatMap((p) => (fs.statSync(p).isDirectory()
    ? fs.readdirSync(p).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(p, f)) : [p]));
  fs.mkdirSync(out, { recursive: true });
  let failed = false;
  for (const f of files) {
    try {
      const { notebook, warnings } = releaseNotebook(parseNotebook(fs.readFileSync(f, "utf8"), f), path.basename(f));
      const target = path.join(out, path.basename(f));
      if (path.resolve(target) === path.resolve(f)) fail(`release: ${f} would overwrite itself; choose another --out`);
      fs.writeFileSync(target, serializeNotebook(notebook));
      const n = notebook.cells.filter((c) => (c.metadata?.nnbook as { role?: string } | undefined)?.role === "solution").length;
      console.log(`${target}: ${n} exercise(s)`);
      for (const w of warnings) console.log(`  warning: ${w}`);
    } catch (e) {
      failed = true;
      console.error(`${f}: ${e instanceof AuthoringError ? "" : "error: "}${(e as Error).message}`);
    }
  }
  if (failed) process.exit(1);
}

async function grade(argv: string[]): Promise<void> {
  let source = "", submissions = "", out = "build/grading", jobs: number | undefined, fast: boolean | undefined, keepSandbox = false;
  const limits: Partial<Limits> = {};
  const num = (v: string | undefined, what: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) fail(`grade: ${what} needs a positive number, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--source") source = argv[++i];
    else if (a === "--submissions") submissions = argv[++i];
    else if (a === "--out") out = argv[++i];
    else if (a === "--jobs") jobs = num(argv[++i], a);
    else if (a === "--cell-timeout") limits.cellSeconds = num(argv[++i], a);
    else if (a === "--timeout") limits.notebookSeconds = num(argv[++i], a);
    else if (a === "--memory") limits.memoryMB = num(argv[++i], a);
    else if (a === "--output-limit") limits.outputBytes = num(argv[++i], a);
    else if (a === "--fast") fast = true;
    else if (a === "--full") fast = false;
    else if (a === "--keep-sandbox") keepSandbox = true;
    else fail(`grade: unknown argument ${a}\nusage: npm run grade -- --source <notebook or folder> --submissions <notebook or folder> [--out DIR] [--jobs N]`);
  }
  if (!source || !submissions) fail("usage: npm run grade -- --source <notebook or folder> --submissions <notebook or folder> [--out DIR] [--jobs N]");
  for (const p of [source, submissions]) if (!fs.existsSync(p)) fail(`grade: ${p} does not exist`);
  if (fast === undefined) {
    const f = process.env.NNBOOK_FAST;
    fast = f === "1" || f === "true" || (!(f === "0" || f === "false") && Boolean(process.env.CI) && process.env.CI !== "0" && process.env.CI !== "false");
  }
  const { tasks, unmatched } = planTasks(source, submissions);
  for (const u of unmatched) console.error(`grade: no instructor notebook named ${path.basename(u)} for ${u}; skipped`);
  const started = Date.now();
  const rows = await gradeAll(tasks, out, {
    limits, fast, jobs, keepSandbox,
    onResult: (t, r) => console.log(`${t.student}: ${r.status === "grader-error" ? `GRADER ERROR: ${r.error?.split("\n")[0]}` : `${r.score} / ${r.maxScore}${r.status === "invalid-submission" ? " (not a valid notebook)" : ""}`} (${r.seconds.toFixed(1)} s)`),
  });
  console.log(`graded ${rows.length} submission(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; results and feedback in ${out}/, gradebook ${path.join(out, "gradebook.csv")}`);
  if (rows.some((r) => r.result.status === "grader-error") || unmatched.length) process.exitCode = 1;
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "release") release(rest);
  else if (command === "grade") await grade(rest);
  else fail("usage: nnbook-grading release|grade ...");
}
