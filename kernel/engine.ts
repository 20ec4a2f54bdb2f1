// The engine compiles and runs cells: tslab's converter type-checks a cell against the
// declarations of earlier cells and emits JavaScript; we run it in this process, keep the cell's
// top-level names for later cells, and return the value of a final expression or a structured
// error whose traceback points at the cell's TypeScript lines. It knows nothing of Jupyter.
//
// It follows tslab's executor (dist/executor.js) closely, but returns values and errors instead
// of printing them, and names every compiled cell so stack traces can be mapped.
import Module from "node:module";
import * as path from "node:path";
import * as util from "node:util";
import * as vm from "node:vm";
import type { Converter, Diagnostic } from "tslab/dist/converter";
import { ComposedMap, stripInlineSourceMaps } from "./sourcemap";
import { loadTslab } from "./tslab";

export interface ExecuteOk {
  status: "ok";
  /** True when the cell ends in an expression whose value is not undefined. */
  hasValue: boolean;
  value?: unknown;
}

export interface ExecuteError {
  status: "error";
  /** Error class name (`TypeError`, `BroadcastError`, ...) or `TSError` for compile errors. */
  ename: string;
  evalue: string;
  /** Lines for the notebook: the failing cell line(s) with a marker, then the mapped stack. */
  traceback: string[];
  /** 1-based line in the cell the error points at, when known. */
  line?: number;
  /** The thrown value (runtime errors only). */
  error?: unknown;
}

export type ExecuteResult = ExecuteOk | ExecuteError;

export interface CompletionResult {
  start: number;
  end: number;
  matches: string[];
}

export interface EngineOptions {
  /** The notebook folder. tslab compiles relative to the process's working directory, so it must be it. */
  rootDir?: string;
  /** Modules that `require`/`import` in cells get instead of the real ones (e.g. "tslab"). */
  virtualModules?: Record<string, unknown>;
  /** TypeScript declarations visible to every cell (e.g. `declare global { function display... }`). */
  globalDeclarations?: string;
}

/** Thrown into a running top-level `await` when the user interrupts. */
export class InterruptError extends Error {
  constructor() {
    super("execution interrupted");
    this.name = "InterruptError";
  }
}

interface MappedFile {
  /** How the file is shown in tracebacks: "Cell [3]" or "lib/ndarray/shape.ts". */
  label: string;
  map: ComposedMap;
  /** Source lines, to quote the failing line. */
  source?: string[];
}

export class Engine {
  readonly rootDir: string;
  private readonly converter: Converter;
  private prevDecl = "";
  private readonly exports: Record<string, unknown>;
  private readonly sideOutputs = new Map<string, string>();
  private readonly sideModules = new Map<string, Module>();
  private readonly files = new Map<string, MappedFile>();
  private readonly requireFn: NodeJS.Require;
  private runs = 0;
  /**
   * Run cells as strict code (off in lessons, as tslab runs them). The grader turns it on for the
   * tests cells, so that a learner's function they call cannot reach their source through
   * `f.caller` or the call sites of `Error.prepareStackTrace` (`getFunction()`).
   */
  strict = false;
  private interruptReject: ((e: Error) => void) | null = null;
  private interruptPromise!: Promise<never>;

  constructor(private readonly options: EngineOptions = {}) {
    this.rootDir = path.resolve(options.rootDir ?? process.cwd());
    if (this.rootDir !== path.resolve(process.cwd())) {
      throw new Error(`Engine: rootDir ${this.rootDir} must be the working directory ${process.cwd()} (tslab compiles relative to it)`);
    }
    const tslab = loadTslab();
    this.converter = tslab.converter.createConverter({ isJS: false, isBrowser: false });
    if (options.globalDeclarations) {
      const diags = this.converter.addModule("__nnbook_globals__", options.globalDeclarations);
      if (diags.length) throw new Error("Engine: bad global declarations: " + diags.map((d) => d.messageText).join("; "));
    }
    this.exports = this.createExports();
    this.requireFn = this.wrapRequire(Module.createRequire(path.join(this.rootDir, "src.js")), this.rootDir);
    vm.runInThisContext("(x) => { globalThis.__tslab__ = x; }")({ exports: this.exports, require: this.requireFn });
    this.resetInterrupt();
  }

  /** Top-level names defined by cells so far (for tests and introspection). */
  get locals(): Record<string, unknown> {
    return this.exports;
  }

  /**
   * Compiles and runs one cell. `label` names the cell in tracebacks ("Cell [3]").
   * Never throws for errors in the cell: they come back as `{ status: "error" }`.
   */
  async execute(code: string, label = "Cell"): Promise<ExecuteResult> {
    const converted = this.converter.convert(this.prevDecl, code);
    if (converted.sideOutputs) this.updateSideOutputs(converted.sideOutputs);
    if (converted.diagnostics.length > 0) return this.compileError(converted.diagnostics, code, label);
    if (!converted.output) {
      this.prevDecl = converted.declOutput ?? "";
      return { status: "ok", hasValue: false };
    }
    const file = `nnbook-cell-${++this.runs}.js`;
    this.files.set(file, { label, map: new ComposedMap(converted.output, 1), source: code.split("\n") });
    const body = stripInlineSourceMaps(converted.output);
    // The wrapper sits on its own first line, so the compiled code's line n is the file's line n + 1.
    const prefix = `(${converted.hasToplevelAwait ? "async " : ""}function(exports, require) {${this.strict ? ' "use strict";' : ""}\n`;
    const wrapped = prefix + body + "\n})(__tslab__.exports, __tslab__.require)";
    try {
      const ret = vm.runInThisContext(wrapped, { filename: file, breakOnSigint: true, lineOffset: -1 });
      if (converted.hasToplevelAwait) await Promise.race([ret as Promise<unknown>, this.interruptPromise]);
    } catch (e) {
      // Names declared before the throw exist now; keep their types for the next cells.
      this.prevDecl = converted.declOutput ?? this.prevDecl;
      this.forgetLastExpression(converted.lastExpressionVar);
      return this.runtimeError(e, file);
    }
    this.prevDecl = converted.declOutput ?? "";
    const name = converted.lastExpressionVar;
    if (name && Object.prototype.hasOwnProperty.call(this.exports, name)) {
      const value = this.exports[name];
      delete this.exports[name];
      if (value !== undefined) return { status: "ok", hasValue: true, value };
    }
    return { status: "ok", hasValue: false };
  }

  /** Completion candidates at `cursor` (a UTF-16 offset into `code`). */
  complete(code: string, cursor: number): CompletionResult {
    const info = this.converter.complete(this.prevDecl, code, cursor);
    return { start: info.start, end: info.end, matches: info.candidates };
  }

  /** The type and documentation of the symbol at `cursor`, as plain text, or null. */
  inspect(code: string, cursor: number): string | null {
    const info = this.converter.inspect(this.prevDecl, code, cursor);
    // A name nothing declares comes back as `any` of no kind: not found, as IPython answers.
    if (!info || (info as { kind?: string }).kind === "") return null;
    return loadTslab().inspect.printQuickInfo(info);
  }

  /** Whether a frontend should run `code` now or wait for more lines (and with what indent). */
  isComplete(code: string): { status: "complete" | "incomplete" | "invalid"; indent?: string } {
    const tslab = loadTslab();
    const r = tslab.converter.isCompleteCode(code);
    if (!r.completed) return { status: "incomplete", indent: r.indent ?? "" };
    // Complete unless a syntax error sits before the end (more lines cannot fix it).
    const sf = tslab.ts.createSourceFile("cell.ts", code, tslab.ts.ScriptTarget.Latest, false, tslab.ts.ScriptKind.TS);
    const diags = (sf as unknown as { parseDiagnostics?: { start: number; code: number }[] }).parseDiagnostics ?? [];
    // An open template literal (1160) or block comment (1010) may still be closed by more lines.
    if (diags.some((d) => d.code === 1160 || d.code === 1010)) return { status: "incomplete", indent: "" };
    return diags.length > 0 && code.trim() !== "" ? { status: "invalid" } : { status: "complete" };
  }

  /** Stops a running top-level `await` (synchronous code is stopped by SIGINT itself). */
  interrupt(): void {
    this.interruptReject?.(new InterruptError());
    this.resetInterrupt();
  }

  /** Forgets every name defined by cells. */
  reset(): void {
    this.prevDecl = "";
    for (const name of Object.getOwnPropertyNames(this.exports)) delete this.exports[name];
  }

  close(): void {
    this.converter.close();
  }

  /** Rewrites `file:line:col` positions in a stack to cell or lib TypeScript positions. */
  mapStack(stack: string): string {
    return stack
      .split("\n")
      .map((line) => this.mapFrame(line)?.text ?? line)
      .join("\n");
  }

  // ---------------------------------------------------------------------------------------------

  private resetInterrupt(): void {
    this.interruptPromise = new Promise<never>((_, reject) => {
      this.interruptReject = reject;
    });
    this.interruptPromise.catch(() => {});
  }

  private forgetLastExpression(name: string | undefined): void {
    if (name) delete this.exports[name];
  }

  private createExports(): Record<string, unknown> {
    const target: Record<string, unknown> = {};
    // TypeScript turns named imports into defineProperty getters; store plain values instead so
    // later cells can reassign the names (as tslab does).
    return new Proxy(target, {
      defineProperty: (_t, prop, attrs) => {
        if (prop === "__esModule") return true;
        target[prop as string] = attrs.get ? attrs.get() : attrs.value;
        return true;
      },
    });
  }

  private updateSideOutputs(outs: { path: string; data: string }[]): void {
    for (const out of outs) {
      this.sideModules.delete(out.path);
      this.sideOutputs.set(out.path, out.data);
      const rel = path.relative(this.rootDir, out.path).replace(/\.js$/, ".ts");
      this.files.set(out.path, { label: rel, map: new ComposedMap(out.data, 0) });
    }
  }

  private wrapRequire(req: NodeJS.Require, dirname: string): NodeJS.Require {
    const fromSideOutputs = (id: string): unknown => {
      if (!id.startsWith(".") && !path.isAbsolute(id)) return undefined;
      let filename = path.resolve(dirname, id);
      if (path.extname(filename) === "") filename += ".js";
      const cached = this.sideModules.get(filename);
      if (cached) return cached.exports;
      const code = this.sideOutputs.get(filename);
      if (code === undefined) return undefined;
      const mod = new Module(filename, module);
      mod.filename = filename;
      mod.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(path.dirname(filename));
      (mod as unknown as { require: NodeJS.Require }).require = this.wrapRequire(mod.require.bind(mod) as NodeJS.Require, path.dirname(filename));
      this.sideModules.set(filename, mod);
      (mod as unknown as { _compile(code: string, filename: string): void })._compile(stripInlineSourceMaps(code), filename);
      return mod.exports;
    };
    const virtual = this.options.virtualModules ?? {};
    return new Proxy(req, {
      apply: (_target, thisArg, args: unknown[]) => {
        if (args.length === 1 && typeof args[0] === "string") {
          const id = args[0];
          if (Object.prototype.hasOwnProperty.call(virtual, id)) return virtual[id];
          const side = fromSideOutputs(id);
          if (side !== undefined) return side;
        }
        return Reflect.apply(req, thisArg, args);
      },
    });
  }

  private compileError(diags: Diagnostic[], code: string, label: string): ExecuteError {
    const lines = code.split("\n");
    const traceback: string[] = [];
    for (const d of diags) {
      const where = d.fileName ? `${d.fileName}:${d.start.line + 1}:${d.start.character + 1}` : `${label}, line ${d.start.line + 1}:${d.start.character + 1}`;
      traceback.push(`${where} - error TS${d.code}: ${d.messageText}`);
      if (!d.fileName) traceback.push(...quote(lines, d.start.line, d.start.character, d.start.line === d.end.line ? d.end.character : undefined));
    }
    const first = diags[0];
    const firstWhere = first.fileName ? `${first.fileName}:${first.start.line + 1}` : `line ${first.start.line + 1}`;
    return {
      status: "error",
      ename: "TSError",
      evalue: `${firstWhere}: ${first.messageText}` + (diags.length > 1 ? ` (and ${diags.length - 1} more)` : ""),
      traceback,
      line: first.fileName ? undefined : first.start.line + 1,
    };
  }

  private runtimeError(e: unknown, file: string): ExecuteError {
    let ename: string;
    let evalue: string;
    let stack: string | undefined;
    try {
      if (e instanceof Error || (typeof e === "object" && e !== null && typeof (e as Error).stack === "string")) {
        const err = e as Error;
        ename = String(err.name || err.constructor?.name || "Error");
        evalue = String(err.message ?? "");
        stack = typeof err.stack === "string" ? err.stack : undefined;
        if ((err as { code?: string }).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") {
          ename = "InterruptError";
          evalue = "execution interrupted";
        }
      } else {
        ename = "Error";
        evalue = `Uncaught ${util.inspect(e)}`;
      }
    } catch {
      // A thrown value whose getters or proxy traps throw: say what we can, never fail the reply.
      ename = "Error";
      evalue = "Uncaught value that cannot be read (reading its name, message or stack threw)";
      stack = undefined;
    }
    const traceback: string[] = [];
    let line: number | undefined;
    const frames = stack ? stack.split("\n").slice(1) : [];
    // The first frame in this cell is where the error points (the call from the cell, even if the
    // throw happened deeper in lib code).
    const cell = this.files.get(file)!;
    const mappedFrames: string[] = [];
    let pointed = false;
    for (const raw of frames) {
      if (!/^\s+at /.test(raw)) continue;
      const m = this.mapFrame(raw);
      if (m?.file === file && !pointed && cell.source) {
        pointed = true;
        line = m.line + 1;
        traceback.push(`${cell.label}, line ${m.line + 1}:`);
        traceback.push(...quote(cell.source, m.line, m.col));
      }
      if (m) mappedFrames.push(m.text);
      else if (!/\(node:|\(vm\.js|[\\/]kernel[\\/][\w-]+\.ts|^\s+at new Promise/.test(raw)) mappedFrames.push(raw);
      // The cell's own top-level frame is anonymous; what called it is the kernel's business.
      if (m?.file === file && /^\s+at (async )?\S+:\d+:\d+\s*$/.test(raw)) break;
    }
    traceback.push(`${ename}: ${evalue}`);
    traceback.push(...mappedFrames);
    return { status: "error", ename, evalue, traceback, line, error: e };
  }

  /** Maps one stack frame line, if it points into a compiled cell or a compiled lib file. */
  private mapFrame(frame: string): { text: string; file: string; line: number; col: number } | null {
    const m = /^(.*?)(\(?)([^()\s]+):(\d+):(\d+)(\)?)\s*$/.exec(frame);
    if (!m) return null;
    const [, head, open, file, lineText, colText, close] = m;
    const known = this.files.get(file);
    if (!known) return null;
    const pos = known.map.toSource(Number(lineText) - 1, Number(colText) - 1);
    if (!pos) return null;
    return { text: `${head}${open}${known.label}:${pos.line + 1}:${pos.col + 1}${close}`, file, line: pos.line, col: pos.col };
  }
}

/** The source line `line` (0-based) with its neighbours and a marker under column `col`. */
function quote(lines: string[], line: number, col: number, endCol?: number): string[] {
  const out: string[] = [];
  const first = Math.max(0, line - 1);
  const last = Math.min(lines.length - 1, line + 1);
  const width = String(last + 1).length;
  for (let i = first; i <= last; i++) {
    const mark = i === line ? "-->" : "   ";
    out.push(`${mark} ${String(i + 1).padStart(width)} | ${lines[i]}`);
    if (i === line) {
      const len = endCol !== undefined && endCol > col ? endCol - col : 1;
      out.push(`    ${" ".repeat(width)} | ${" ".repeat(col)}${"^".repeat(len)}`);
    }
  }
  return out;
}
