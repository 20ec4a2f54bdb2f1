#!/usr/bin/env node
// npm run notebooks [-- --only 01 --update --fast]
//
// Executes every lesson (notebooks/NN-*.ipynb) in order, each in a fresh kernel in its own
// process, through our kernel's in-process runner. Executed copies go to build/notebooks/ (with
// plotly.js in build/notebooks/assets/ so exported HTML draws its charts); --update writes the
// outputs back into notebooks/. Fast mode (smaller data, fewer epochs) is on when CI is set or
// NNBOOK_FAST=1, or with --fast / --full. --html also exports each executed copy to HTML with
// Jupyter's nbconvert (its charts draw offline from assets/). Exits 1 naming the notebook, cell,
// line and error.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const notebooksDir = path.join(root, "notebooks");
const buildDir = path.join(root, "build", "notebooks");

function parseArgs(argv) {
  const args = { only: [], update: false, fast: null, child: null, out: null, html: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--only") args.only.push(argv[++i]);
    else if (a === "--update") args.update = true;
    else if (a === "--html") args.html = true;
    else if (a === "--fast") args.fast = true;
    else if (a === "--full") args.fast = false;
    else if (a === "--child") args.child = argv[++i];
    else if (a === "--out") args.out = argv[++i];
    else { console.error(`run-notebooks: unknown argument ${a}\nusage: npm run notebooks -- [--only PREFIX]... [--update] [--fast|--full] [--html]`); process.exit(2); }
  }
  return args;
}

function fastFromEnv() {
  const f = process.env.NNBOOK_FAST;
  if (f === "1" || f === "true") return true;
  if (f === "0" || f === "false") return false;
  return Boolean(process.env.CI) && process.env.CI !== "0" && process.env.CI !== "false";
}

/** Child: run one notebook, write the executed copy, print a JSON summary line last. */
async function runChild(file, out, fast) {
  require(path.join(root, "kernel", "bin", "register-ts.js"));
  const { runNotebookFile, describeFailure } = require(path.join(root, "kernel", "runner.ts"));
  const { serializeNotebook } = require(path.join(root, "kernel", "notebook.ts"));
  const write = process.stdout.write.bind(process.stdout); // the kernel captures stdout while it runs
  const rel = path.relative(root, file);
  const result = await runNotebookFile(file, { fast });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, serializeNotebook(result.notebook));
  const slow = Object.entries(result.seconds).sort((a, b) => b[1] - a[1]).slice(0, 3);
  const summary = {
    file: rel,
    seconds: Object.values(result.seconds).reduce((a, b) => a + b, 0),
    slowest: slow.map(([cell, s]) => `cell ${cell} ${s.toFixed(1)}s`),
    failure: result.failure ? describeFailure(rel, result.notebook, result.failure) : null,
  };
  write("\n" + JSON.stringify(summary) + "\n");
  process.exit(0);
}

/** build/notebooks/NAME.html from the executed copy, with Jupyter's nbconvert. */
function exportHtml(executed) {
  const jupyter = ["/usr/bin/jupyter", "jupyter"].find((j) => spawnSync(j, ["nbconvert", "--version"], { stdio: "ignore" }).status === 0);
  if (!jupyter) {
    console.log("  (no HTML: Jupyter's nbconvert is not installed; apt-get install jupyter-nbconvert)");
    return;
  }
  const r = spawnSync(jupyter, ["nbconvert", "--to", "html", "--output-dir", path.dirname(executed), executed], { encoding: "utf8" });
  if (r.status !== 0) console.log(`  (HTML export failed: ${(r.stderr || "").trim().split("\n").pop()})`);
  else console.log(`  HTML: ${path.relative(root, executed.replace(/\.ipynb$/, ".html"))}`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const fast = args.fast ?? fastFromEnv();
  if (args.child) return runChild(args.child, args.out, fast);

  const all = fs.readdirSync(notebooksDir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
  const chosen = args.only.length ? all.filter((f) => args.only.some((p) => f.startsWith(p))) : all;
  if (chosen.length === 0) { console.error(`run-notebooks: no notebook in notebooks/ matches ${args.only.join(", ") || "NN-*.ipynb"}`); process.exit(2); }
  fs.mkdirSync(path.join(buildDir, "assets"), { recursive: true });
  fs.copyFileSync(path.join(notebooksDir, "assets", "plotly.min.js"), path.join(buildDir, "assets", "plotly.min.js"));
  console.log(`Running ${chosen.length} notebook(s) in ${fast ? "fast" : "full"} mode`);
  let failed = 0;
  for (const name of chosen) {
    const file = path.join(notebooksDir, name), out = path.join(buildDir, name);
    const child = spawnSync(process.execPath, [__filename, "--child", file, "--out", out, fast ? "--fast" : "--full"],
      { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env } });
    const lines = (child.stdout || "").trim().split("\n");
    let summary = null;
    try { summary = JSON.parse(lines[lines.length - 1]); } catch { /* the child died before its summary */ }
    if (!summary) {
      failed++;
      console.log(`✗ notebooks/${name}: the runner process ended with status ${child.status}${child.signal ? ` (${child.signal})` : ""}`);
      if (child.stderr) console.log(child.stderr.trim().split("\n").slice(-20).join("\n"));
      continue;
    }
    if (summary.failure) {
      failed++;
      console.log(`✗ ${summary.failure}`);
      continue;
    }
    console.log(`✓ ${summary.file} (${summary.seconds.toFixed(1)}s; slowest: ${summary.slowest.join(", ")})`);
    if (args.update) fs.copyFileSync(out, file);
    if (args.html) exportHtml(out);
  }
  console.log(`${chosen.length - failed} of ${chosen.length} notebook(s) ran; executed copies in ${path.relative(root, buildDir)}/`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
