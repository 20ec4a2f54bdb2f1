#!/usr/bin/env node
// npm run bench:grading [-- --class 100] [-- --lesson notebooks/03-perceptron.ipynb] [-- --jobs N]
//
// 1. A typical lesson: its own headless run (npm run notebooks, fast mode) against grading its
//    reference solution (fast mode), so the grading overhead is the difference.
// 2. A class: N submissions of tests/grading/fixtures/90-grading-fixture.ipynb (correct, partial and
//    released ones in turn) graded in parallel; reports wall time, submissions per minute, and the
//    CPU the grading children used per second of wall time (2.0 = both cores busy).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
require("./register.js");
const { gradeAll } = require("../grade.ts");
const { releaseNotebook } = require("../release.ts");
const { parseNotebook, serializeNotebook } = require("../../kernel/notebook.ts");

const root = path.resolve(__dirname, "../..");
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const classSize = Number(opt("--class", 100));
const jobs = Number(opt("--jobs", os.availableParallelism ? os.availableParallelism() : os.cpus().length));

/** CPU seconds of this process's waited-for children (utime + stime from /proc/self/stat). */
function childrenCpu() {
  try {
    const f = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch { return NaN; }
}

async function lesson(file) {
  const name = path.basename(file);
  const prefix = name.slice(0, 2);
  let t = Date.now();
  const run = spawnSync(process.execPath, [path.join(root, "scripts/run-notebooks.js"), "--only", prefix, "--fast"], { cwd: root, encoding: "utf8" });
  const runSeconds = (Date.now() - t) / 1000;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-bench-grading-"));
  t = Date.now();
  const [row] = await gradeAll([{ student: "reference", source: file, submission: file }], work, { fast: true, jobs: 1 });
  const gradeSeconds = (Date.now() - t) / 1000;
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`lesson ${name}: npm run notebooks (fast) ${runSeconds.toFixed(1)} s${run.status ? " (FAILED)" : ""}; grading its reference ${gradeSeconds.toFixed(1)} s, ` +
    `score ${row.result.score}/${row.result.maxScore}; overhead ${(gradeSeconds - runSeconds).toFixed(1)} s`);
}

async function klass() {
  const source = path.join(root, "tests/grading/fixtures/90-grading-fixture.ipynb");
  const nb = parseNotebook(fs.readFileSync(source, "utf8"));
  const released = serializeNotebook(releaseNotebook(nb).notebook);
  const partial = fs.readFileSync(source, "utf8").replace("return x + 1;", "return x + 2;");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-bench-class-"));
  const subs = path.join(work, "class");
  fs.mkdirSync(subs);
  const tasks = [];
  for (let i = 0; i < classSize; i++) {
    const file = path.join(subs, `student${String(i).padStart(3, "0")}.ipynb`);
    fs.writeFileSync(file, [fs.readFileSync(source, "utf8"), partial, released][i % 3]);
    tasks.push({ student: path.basename(file, ".ipynb"), source, submission: file });
  }
  const cpu0 = childrenCpu();
  const t = Date.now();
  const rows = await gradeAll(tasks, path.join(work, "out"), { fast: true, jobs });
  const wall = (Date.now() - t) / 1000;
  const cpu = childrenCpu() - cpu0;
  const bad = rows.filter((r) => r.result.status !== "graded").length;
  const per = rows.map((r) => r.result.seconds).sort((a, b) => a - b);
  console.log(`class of ${classSize} (fixture notebook, ${jobs} at a time): ${wall.toFixed(1)} s wall, ${(classSize / wall * 60).toFixed(0)} submissions/min, ` +
    `median ${per[Math.floor(per.length / 2)].toFixed(1)} s per submission, children used ${(cpu / wall).toFixed(2)} CPU-seconds per second${bad ? `, ${bad} NOT GRADED` : ""}`);
  console.log(`load average now: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
  fs.rmSync(work, { recursive: true, force: true });
}

(async () => {
  const lessonFile = opt("--lesson", null);
  if (lessonFile !== "none") {
    const file = lessonFile ? path.resolve(lessonFile) : fs.readdirSync(path.join(root, "notebooks")).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort()
      .map((f) => path.join(root, "notebooks", f)).find((f) => fs.readFileSync(f, "utf8").includes('"role": "solution"'));
    if (file) await lesson(file);
  }
  if (classSize > 0) await klass();
})().catch((e) => { console.error(e); process.exit(1); });
