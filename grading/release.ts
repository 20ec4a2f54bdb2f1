// `npm run release`: the student version of an instructor notebook. Each solution region becomes a
// stub that still compiles and throws "Exercise 03.1 is not done yet: ...", hidden tests go,
// outputs and execution counts are cleared. The result depends only on the input, so releasing
// twice gives identical files.
import * as path from "node:path";
import { createRequire } from "node:module";
import type { Notebook } from "../kernel/notebook";
import { sourceOf } from "../kernel/notebook";
import { BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, lines, readExercises, regions, roleOf, metaOf } from "./format";

type TS = typeof import("@tslab/typescript-for-tslab");
let tsModule: TS | null = null;

/** The TypeScript that compiles notebook cells (tslab's 5.0.4), used here only to parse. */
export function loadTypeScript(): TS {
  if (!tsModule) {
    const req = createRequire(path.join(__dirname, "..", "package.json"));
    const tslabDir = path.dirname(req.resolve("tslab/package.json"));
    tsModule = createRequire(path.join(tslabDir, "package.json"))("@tslab/typescript-for-tslab") as TS;
  }
  return tsModule;
}

export interface ReleaseResult {
  notebook: Notebook;
  /** Things the author should fix (e.g. a top-level value whose type the stub could not keep). */
  warnings: string[];
}

function notDone(id: string, what: string): string {
  return `throw new Error(${JSON.stringify(`Exercise ${id} is not done yet: ${what}`)});`;
}

/** A type for `let name: T;` from an initializer, read off its syntax; null when it cannot tell. */
function typeFromInitializer(ts: TS, init: import("@tslab/typescript-for-tslab").Expression | undefined, text: string): string | null {
  if (!init) return null;
  if (ts.isNumericLiteral(init) || (ts.isPrefixUnaryExpression(init) && ts.isNumericLiteral(init.operand))) return "number";
  if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init) || ts.isTemplateExpression(init)) return "string";
  if (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword) return "boolean";
  if (ts.isAsExpression(init) || ts.isTypeAssertionExpression(init)) return init.type.getText();
  if (ts.isNewExpression(init) && !init.typeArguments) return init.expression.getText();
  if (ts.isArrayLiteralExpression(init) && init.elements.length > 0) {
    const inner = init.elements.map((e) => typeFromInitializer(ts, e, text));
    if (inner.every((t) => t === "number")) return "number[]";
    if (inner.every((t) => t === "string")) return "string[]";
  }
  return null;
}

/** Replaces one solution region (0-based marker lines [b, e]) of `src` by its stub lines. */
function stubRegion(ts: TS, src: string[], b: number, e: number, id: string, warnings: string[], where: string): string[] {
  const text = src.join("\n");
  const offsetOf = (line: number) => src.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  const start = offsetOf(b), end = offsetOf(e) + src[e].length;
  const indent = /^\s*/.exec(src[b])![0];
  const sf = ts.createSourceFile("cell.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

  // Inside a function body: the function keeps its signature, its body throws.
  let fn: import("@tslab/typescript-for-tslab").FunctionLikeDeclaration | null = null;
  const visit = (node: import("@tslab/typescript-for-tslab").Node): void => {
    if (ts.isFunctionLike(node) && (node as import("@tslab/typescript-for-tslab").FunctionLikeDeclaration).body) {
      const body = (node as import("@tslab/typescript-for-tslab").FunctionLikeDeclaration).body!;
      if (ts.isBlock(body) && body.getStart(sf) < start && end <= body.getEnd()) fn = node as import("@tslab/typescript-for-tslab").FunctionLikeDeclaration;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (fn) {
    const f = fn as import("@tslab/typescript-for-tslab").FunctionLikeDeclaration;
    let name = f.name ? f.name.getText(sf) : null;
    if (!name && ts.isVariableDeclaration(f.parent)) name = f.parent.name.getText(sf);
    if (!f.type) warnings.push(`${where}: ${name ?? "the function"} has no return type annotation; the stub's return type will differ from the solution's (annotate it)`);
    return [indent + notDone(id, `write the body of ${name ?? "this function"} (replace this line with your code)`)];
  }

  // At the top level: each value the solution defines stays declared with its type, then the
  // cell throws.
  const out: string[] = [];
  const names: string[] = [];
  for (const st of sf.statements) {
    if (st.getStart(sf) < start || st.getEnd() > end) continue;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) {
          const ids: string[] = [];
          const collect = (n: import("@tslab/typescript-for-tslab").Node) => { if (ts.isIdentifier(n) && ts.isBindingElement(n.parent) && n.parent.name === n) ids.push(n.text); ts.forEachChild(n, collect); };
          collect(d.name);
          for (const n of ids) { out.push(`${indent}let ${n}: any;`); names.push(n); }
          warnings.push(`${where}: the stub declares ${ids.join(", ")} as any (destructuring); declare them one by one with types`);
          continue;
        }
        const n = d.name.text;
        const type = d.type ? d.type.getText(sf) : typeFromInitializer(ts, d.initializer, text);
        if (!type) warnings.push(`${where}: the stub declares ${n} as any; give it a type annotation so the student version keeps it`);
        out.push(`${indent}let ${n}: ${type ?? "any"};`);
        names.push(n);
      }
    } else if (ts.isFunctionDeclaration(st) && st.body && st.name) {
      const sig = text.slice(st.getStart(sf), st.body.getStart(sf)).trimEnd();
      if (!st.type) warnings.push(`${where}: ${st.name.text} has no return type annotation; annotate it so the stub keeps it`);
      out.push(`${indent}${sig} {`, `${indent}  ${notDone(id, `write the body of ${st.name.text}`)}`, `${indent}}`);
      names.push(st.name.text);
    } else if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st))) {
      out.push(...text.slice(st.getStart(sf), st.getEnd()).split("\n").map((l, i) => (i === 0 ? indent + l : l)));
    }
  }
  const what = names.length ? `define ${names.join(", ")} (replace these lines with your code)` : "replace this line with your code";
  out.push(indent + notDone(id, what));
  return out;
}

/** The student version of an instructor notebook (validated first: a bad one throws AuthoringError). */
export function releaseNotebook(nb: Notebook, name = "notebook"): ReleaseResult {
  readExercises(nb, name);
  const ts = loadTypeScript();
  const warnings: string[] = [];
  const out: Notebook = structuredClone(nb);
  out.cells.forEach((cell, i) => {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
    const role = roleOf(cell);
    const where = `${name}, cell ${i + 1}`;
    if (role === "solution") {
      const id = String(metaOf(cell).exercise);
      let src = lines(cell);
      // Replace from the last region up, so earlier line numbers stay valid.
      for (const [b, e] of regions(src, BEGIN_SOLUTION, END_SOLUTION, "solution", where).reverse()) {
        src = [...src.slice(0, b), ...stubRegion(ts, src, b, e, id, warnings, where), ...src.slice(e + 1)];
      }
      cell.source = src.join("\n");
    } else if (role === "tests") {
      let src = lines(cell);
      const hidden = regions(src, BEGIN_HIDDEN, END_HIDDEN, "hidden tests", where);
      // A top-level name the hidden tests declare outlives the cell (a later cell could print a
      // function's source); keep hidden helpers inside a block.
      const sf = ts.createSourceFile("cell.ts", src.join("\n"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      for (const st of sf.statements) {
        const line = sf.getLineAndCharacterOfPosition(st.getStart(sf)).line;
        if (!hidden.some(([b, e]) => line > b && line < e)) continue;
        const names = ts.isVariableStatement(st) ? st.declarationList.declarations.map((d) => d.name.getText(sf))
          : (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name ? [st.name.text] : [];
        if (names.length) warnings.push(`${where}: the hidden tests declare ${names.join(", ")} at the top level, where later cells can read it; wrap them in { ... }`);
      }
      for (const [b, e] of hidden.reverse()) {
        src = [...src.slice(0, b), `${/^\s*/.exec(src[b])![0]}// (more tests, hidden, run when your notebook is graded)`, ...src.slice(e + 1)];
      }
      cell.source = src.join("\n");
    }
  });
  return { notebook: out, warnings };
}

/** The lines of a solution cell's source outside its solution regions (for matching cells). */
export function withoutSolutions(source: string): string {
  const src = source.split("\n");
  const keep: string[] = [];
  let inside = false;
  for (const l of src) {
    if (BEGIN_SOLUTION.test(l)) inside = true;
    else if (END_SOLUTION.test(l)) inside = false;
    else if (!inside) keep.push(l);
  }
  return keep.join("\n");
}

export { sourceOf };
