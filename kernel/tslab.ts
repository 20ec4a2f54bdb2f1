// Loads tslab's converter (its TypeScript 5.0.4 compiler for notebook cells) with inline source
// maps switched on, so runtime errors can be mapped back to the cell's TypeScript lines.
//
// tslab gives no option for source maps, and the TypeScript module's exports are read-only
// getters. So before tslab's converter is first required, we place in Node's module cache a copy
// of tslab's TypeScript module whose `createWatchCompilerHost` adds `inlineSourceMap` and whose
// `transpileModule` does the same for tslab's ESM -> CommonJS step.
//
// It also loads tslab's converter with one fix (see patchConverterSource): tslab rewrites a name
// declared in an earlier cell to `exports.name`, but it also did so for property names that merely
// resolve to an earlier declaration, breaking `const { a: x } = obj` (emitted as
// `const { exports, a: x }`), and it left shorthand properties `{ x }` pointing at a missing local.
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";
import * as path from "node:path";
import type * as Converter from "tslab/dist/converter";
import type * as Inspect from "tslab/dist/inspect";
import type * as Metadata from "tslab/dist/metadata";

type TS = typeof import("@tslab/typescript-for-tslab");

export interface Tslab {
  ts: TS;
  converter: typeof Converter;
  inspect: typeof Inspect;
  metadata: typeof Metadata;
  /** tslab's package version, e.g. "1.0.22". */
  version: string;
  /** The TypeScript version tslab compiles cells with, e.g. "5.0.4". */
  typescriptVersion: string;
}

let loaded: Tslab | null = null;

/** The project root (the folder holding package.json and node_modules). */
export const projectRoot = path.resolve(__dirname, "..");

export function loadTslab(): Tslab {
  if (loaded) return loaded;
  const req = createRequire(path.join(projectRoot, "package.json"));
  const tslabDir = path.dirname(req.resolve("tslab/package.json"));
  const tslabReq = createRequire(path.join(tslabDir, "package.json"));
  const tsPath = tslabReq.resolve("@tslab/typescript-for-tslab");
  const ts = tslabReq("@tslab/typescript-for-tslab") as TS;

  const converterPath = tslabReq.resolve("./dist/converter");
  if (!req.cache[converterPath]) {
    const shim: Record<string, unknown> = {};
    for (const key of Object.keys(ts)) {
      Object.defineProperty(shim, key, {
        get: () => (ts as unknown as Record<string, unknown>)[key],
        enumerable: true,
        configurable: true,
      });
    }
    Object.defineProperty(shim, "createWatchCompilerHost", {
      enumerable: true,
      value: (...args: unknown[]) => {
        const opts = args[1] as Record<string, unknown>;
        args[1] = { ...opts, inlineSourceMap: true };
        return (ts.createWatchCompilerHost as (...a: unknown[]) => unknown)(...args);
      },
    });
    Object.defineProperty(shim, "transpileModule", {
      enumerable: true,
      value: (input: string, options: import("@tslab/typescript-for-tslab").TranspileOptions) => {
        if (options.fileName === "custom.js") {
          // tslab's esModuleToCommonJSModule
          options = { ...options, compilerOptions: { ...options.compilerOptions, inlineSourceMap: true } };
        }
        return ts.transpileModule(input, options);
      },
    });
    const cached = req.cache[tsPath];
    if (!cached) throw new Error("tslab's TypeScript did not load through the module cache");
    // Replace the exports of the cached module: every later require() of it gets the shim.
    cached.exports = shim;
  }
  if (!req.cache[converterPath]) {
    // Compile our patched copy of the converter in place of the original.
    const patched = new Module(converterPath, undefined) as Module & { _compile(code: string, file: string): void };
    patched.filename = converterPath;
    patched.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(converterPath));
    patched._compile(patchConverterSource(fs.readFileSync(converterPath, "utf8")), converterPath);
    patched.loaded = true;
    req.cache[converterPath] = patched;
  }
  const converter = tslabReq("./dist/converter") as typeof Converter;
  const inspect = tslabReq("./dist/inspect") as typeof Inspect;
  const metadata = tslabReq("./dist/metadata") as typeof Metadata;
  const pkg = JSON.parse(fs.readFileSync(path.join(tslabDir, "package.json"), "utf8")) as {
    version: string;
  };
  loaded = { ts, converter, inspect, metadata, version: pkg.version, typescriptVersion: ts.version };
  return loaded;
}

/**
 * tslab 1.0.22's wrapPrevIdentifier turns every identifier whose symbol was declared in an earlier
 * cell into `exports.<name>`. Property names are not variable references and must stay as they
 * are (binding-pattern keys, object-literal keys, property signatures); a shorthand property
 * `{ x }` whose value is an earlier cell's `x` must become `{ x: exports.x }`.
 */
export function patchConverterSource(source: string): string {
  const anchor = `            if (node.parent &&
                ts.isPropertyAccessExpression(node.parent) &&
                node.parent.name === node) {
                return node;
            }`;
  const entry = `            if (!ts.isIdentifier(node)) {
                return ts.visitEachChild(node, wrapPrevIdentifier, nullTransformationContext);
            }`;
  if (!source.includes(anchor) || !source.includes(entry)) {
    throw new Error("nnbook kernel: tslab's converter is not the version this kernel patches (tslab 1.0.22)");
  }
  const keepPropertyNames = `${anchor}
            // nnbook: property names are not references to earlier cells' variables.
            if (node.parent && ((ts.isBindingElement(node.parent) && node.parent.propertyName === node) ||
                ((ts.isPropertyAssignment(node.parent) || ts.isPropertySignature(node.parent) ||
                  ts.isPropertyDeclaration(node.parent) || ts.isMethodDeclaration(node.parent)) && node.parent.name === node))) {
                return node;
            }`;
  const shorthand = `            // nnbook: { x } with x from an earlier cell reads exports.x.
            if (ts.isShorthandPropertyAssignment(node)) {
                const valueSymbol = checker.getShorthandAssignmentValueSymbol(node);
                const fromEarlierCell = ((valueSymbol && valueSymbol.declarations) || []).some((d) => d.getSourceFile() === declsFile);
                if (fromEarlierCell) {
                    return ts.factory.createPropertyAssignment(ts.factory.createIdentifier(node.name.text),
                        ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier("exports"), ts.factory.createIdentifier(node.name.text)));
                }
                return node;
            }
${entry}`;
  return source.replace(anchor, keepPropertyNames).replace(entry, shorthand);
}
