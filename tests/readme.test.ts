// Every ```ts block of the README that imports the lib is run, so the README stays true.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import * as lib from "../lib/index";

const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).filter((code) => code.includes('from "./lib/index"'));

// Modules the examples import besides the lib (datasets/...), loaded up front.
const names = new Set(blocks.flatMap((code) => [...code.matchAll(/from "(\.\/datasets\/[\w-]+)"/g)].map((m) => m[1])));
const modules: Record<string, unknown> = { "./lib/index": lib };
for (const name of names) modules[name] = await import(join(__dirname, "..", name.slice(2)));

describe("README examples run", () => {
  it("has examples", () => expect(blocks.length).toBeGreaterThan(1));
  it.each(blocks.map((code, i) => [i, code] as const))("block %i", (_i, code) => {
    const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
    const logged: unknown[] = [];
    const run = new Function("require", "exports", "console", js);
    run((name: string) => {
      if (name in modules) return modules[name];
      throw new Error(`README example imports ${name}`);
    }, {}, { log: (...args: unknown[]) => logged.push(args) });
  });
});
