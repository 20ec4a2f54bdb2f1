// Runs a notebook in-process through the same Kernel class Jupyter talks to, with an in-memory
// transport instead of ZeroMQ: each code cell is an execute_request, and the IOPub messages it
// produces become the cell's nbformat outputs. Used by `npm run notebooks` and by the notebook
// regression tests.
import * as path from "node:path";
import * as fs from "node:fs";
import { randomUUID } from "node:crypto";
import { Engine } from "./engine";
import { Kernel } from "./kernel";
import type { Message } from "./wire";
import { NbCell, NbOutput, Notebook, parseNotebook, sourceOf, tagsOf, toLines } from "./notebook";

export interface CellFailure {
  /** Index in notebook.cells. */
  cell: number;
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface RunResult {
  notebook: Notebook;
  /** The first cell that failed (an error in an untagged cell, or no error where one was expected). */
  failure: CellFailure | null;
  /** Seconds per code cell index. */
  seconds: Record<number, number>;
}

export interface RunOptions {
  /** Sets NNBOOK_FAST for the run (isFastMode() in the lessons). */
  fast?: boolean;
  /** Called after each code cell. */
  onCell?: (index: number, cell: NbCell, seconds: number) => void;
}

/** Builds outputs from IOPub messages the way a notebook front end does. */
class OutputCollector {
  outputs: NbOutput[] = [];
  private clearPending = false;
  /** Outputs carrying a display_id, so update_display_data can change them in place (any cell). */
  constructor(private readonly displays: Map<string, NbOutput[]>) {}

  add(msg: Message<any>): void {
    const type = msg.header.msg_type;
    const c = msg.content;
    if (type === "clear_output") {
      if (c.wait) this.clearPending = true;
      else this.outputs = [];
      return;
    }
    if (type === "update_display_data") {
      for (const out of this.displays.get(c.transient?.display_id) ?? []) {
        out.data = c.data;
        out.metadata = c.metadata ?? {};
      }
      return;
    }
    if (!["stream", "execute_result", "display_data", "error"].includes(type)) return;
    if (this.clearPending) { this.outputs = []; this.clearPending = false; }
    if (type === "stream") {
      const last = this.outputs[this.outputs.length - 1];
      if (last && last.output_type === "stream" && last.name === c.name) last.text = String(last.text) + c.text;
      else this.outputs.push({ output_type: "stream", name: c.name, text: c.text });
      return;
    }
    if (type === "error") {
      this.outputs.push({ output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback });
      return;
    }
    const out: NbOutput = type === "execute_result"
      ? { output_type: "execute_result", execution_count: c.execution_count, data: c.data, metadata: c.metadata ?? {} }
      : { output_type: "display_data", data: c.data, metadata: c.metadata ?? {} };
    this.outputs.push(out);
    const id = c.transient?.display_id;
    if (typeof id === "string") this.displays.set(id, [...(this.displays.get(id) ?? []), out]);
  }
}

/**
 * Executes the code cells of `nb` in order in a fresh kernel whose working directory is `dir`
 * (tslab compiles relative to it). Cells tagged skip-test are left as they are. Stops at the first
 * failure, like Jupyter's "run all" with stop_on_error.
 */
export async function runNotebook(nb: Notebook, dir: string, options: RunOptions = {}): Promise<RunResult> {
  const previousDir = process.cwd();
  const previousFast = process.env.NNBOOK_FAST;
  if (options.fast !== undefined) process.env.NNBOOK_FAST = options.fast ? "1" : "0";
  process.chdir(dir);
  const sent: Message<any>[] = [];
  const kernel = new Kernel({
    transport: { send: (channel, msg) => { if (channel === "iopub" || channel === "shell") sent.push(msg as Message<any>); } },
    captureStdio: true,
    createEngine: ({ declarations, virtualModules }) => new Engine({ globalDeclarations: declarations, virtualModules }),
    session: "nnbook-runner",
    log: () => {},
  });
  const result: RunResult = { notebook: structuredClone(nb), failure: null, seconds: {} };
  const displays = new Map<string, NbOutput[]>();
  try {
    kernel.start();
    const cells = result.notebook.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell.cell_type !== "code" || tagsOf(cell).includes("skip-test")) continue;
      const msgId = randomUUID();
      const started = Date.now();
      kernel.receive("shell", {
        identities: [], buffers: [], metadata: {}, parent_header: {},
        header: { msg_id: msgId, msg_type: "execute_request", session: "nnbook-runner", username: "runner", date: new Date().toISOString(), version: "5.3" },
        content: { code: sourceOf(cell), silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
      });
      await kernel.idle();
      // Output written after the reply (late async prints) is flushed by a timer; wait a tick.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const mine = sent.filter((m) => m.parent_header.msg_id === msgId);
      const collector = new OutputCollector(displays);
      for (const m of mine) collector.add(m);
      const reply = mine.find((m) => m.header.msg_type === "execute_reply");
      cell.outputs = collector.outputs;
      cell.execution_count = reply?.content.execution_count ?? null;
      const seconds = (Date.now() - started) / 1000;
      result.seconds[i] = seconds;
      options.onCell?.(i, cell, seconds);
      const failed = reply?.content.status === "error";
      const expectsError = tagsOf(cell).includes("raises-exception");
      if (failed && !expectsError) {
        result.failure = { cell: i, ename: reply!.content.ename, evalue: reply!.content.evalue, traceback: reply!.content.traceback ?? [] };
        break;
      }
      if (!failed && expectsError) {
        result.failure = { cell: i, ename: "NoError", evalue: "the cell is tagged raises-exception but ran without an error", traceback: [] };
        break;
      }
    }
  } finally {
    kernel.stop();
    process.chdir(previousDir);
    if (previousFast === undefined) delete process.env.NNBOOK_FAST;
    else process.env.NNBOOK_FAST = previousFast;
  }
  return result;
}

/** Reads and runs a notebook file (its folder becomes the working directory). */
export async function runNotebookFile(file: string, options: RunOptions = {}): Promise<RunResult> {
  const abs = path.resolve(file);
  return runNotebook(parseNotebook(fs.readFileSync(abs, "utf8"), file), path.dirname(abs), options);
}

/** "notebooks/01-tensors.ipynb, cell 12 (In [9]), line 3: BroadcastError: ..." plus the traceback. */
export function describeFailure(file: string, nb: Notebook, failure: CellFailure): string {
  const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");
  const lineMatch = failure.traceback.map(strip).join("\n").match(/Cell \[\d+\], line (\d+)/);
  const count = nb.cells[failure.cell].execution_count;
  const where = `${file}, cell ${failure.cell + 1}${typeof count === "number" ? ` (In [${count}])` : ""}${lineMatch ? `, line ${lineMatch[1]}` : ""}`;
  const source = toLines(sourceOf(nb.cells[failure.cell])).slice(0, 3).map((l) => `    ${l.trimEnd()}`).join("\n");
  return [`${where}: ${failure.ename}: ${failure.evalue}`, source, ...failure.traceback.map(strip)].join("\n");
}
