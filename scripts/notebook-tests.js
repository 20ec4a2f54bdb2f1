#!/usr/bin/env node
// npm run notebooks:tests — writes tests/notebooks/<lesson>.test.ts for every lesson: one test per
// code cell, comparing its outputs with the committed ones (numbers within a tolerance). Tags:
// skip-test skips the cell, ignore-output runs it without comparing, raises-exception expects
// the committed error. The files depend only on the notebooks, so regenerating gives the same
// files; `--check` fails if any is out of date (CI runs it through npm test).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const notebooksDir = path.join(root, "notebooks");
const testsDir = path.join(root, "tests", "notebooks");

function source(cell) {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** A short, stable test title from the cell's first meaningful line. */
function title(cell, index) {
  const tags = (cell.metadata && cell.metadata.tags) || [];
  const first = source(cell).split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("//")) || "(empty)";
  const short = first.length > 60 ? first.slice(0, 57) + "..." : first;
  const marks = tags.filter((t) => ["ignore-output", "raises-exception", "skip-test", "exercise", "exercise-tests"].includes(t));
  return `cell ${index + 1}${marks.length ? ` [${marks.join(", ")}]` : ""}: ${short}`;
}

function render(name, nb) {
  const lines = [
    `// Generated from notebooks/${name} by \`npm run notebooks:tests\`. Do not edit: change the notebook and regenerate.`,
    `import { beforeAll, describe, it } from "vitest";`,
    `import { notebookCase } from "../helpers/notebooks";`,
    ``,
    `const nb = notebookCase(${JSON.stringify(name)});`,
    ``,
    `describe(${JSON.stringify(`notebooks/${name}`)}, () => {`,
    `  beforeAll(() => nb.run(), 600_000);`,
  ];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const tags = (cell.metadata && cell.metadata.tags) || [];
    const name_ = JSON.stringify(title(cell, i));
    if (tags.includes("skip-test")) lines.push(`  it.skip(${name_}, () => {});`);
    else lines.push(`  it(${name_}, () => nb.check(${i}));`);
  });
  lines.push(`});`, ``);
  return lines.join("\n");
}

function lessons() {
  return fs.readdirSync(notebooksDir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
}

function expected() {
  const files = new Map();
  for (const name of lessons()) {
    const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, name), "utf8"));
    files.set(name.replace(/\.ipynb$/, ".test.ts"), render(name, nb));
  }
  return files;
}

function main() {
  const check = process.argv.includes("--check");
  const files = expected();
  const existing = fs.existsSync(testsDir) ? fs.readdirSync(testsDir).filter((f) => f.endsWith(".test.ts")) : [];
  const stale = [...files].filter(([f, text]) => !fs.existsSync(path.join(testsDir, f)) || fs.readFileSync(path.join(testsDir, f), "utf8") !== text).map(([f]) => f);
  const orphans = existing.filter((f) => !files.has(f));
  if (check) {
    if (stale.length || orphans.length) {
      console.error(`notebook tests are out of date (${[...stale, ...orphans].join(", ")}): run npm run notebooks:tests`);
      process.exit(1);
    }
    console.log(`notebook tests up to date (${files.size})`);
    return;
  }
  fs.mkdirSync(testsDir, { recursive: true });
  for (const [f, text] of files) fs.writeFileSync(path.join(testsDir, f), text);
  for (const f of orphans) fs.unlinkSync(path.join(testsDir, f));
  console.log(`wrote ${files.size} notebook test file(s) to tests/notebooks/${orphans.length ? `, removed ${orphans.join(", ")}` : ""}`);
}

module.exports = { render, expected };
if (require.main === module) main();
