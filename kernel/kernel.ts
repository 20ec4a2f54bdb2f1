// The Jupyter protocol, independent of sockets: requests come in through `receive`, everything
// the kernel says goes out through `transport.send`. Shell requests run one at a time in arrival
// order; control requests (shutdown, interrupt) are answered at once, even during a long cell.
import { randomBytes, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { displayBundle, mimeBundle, type DisplayOptions, type MimeBundle } from "./display";
import type { Engine, ExecuteError } from "./engine";
import { StdioCapture, type StreamName } from "./stdio";
import { loadTslab, projectRoot } from "./tslab";
import { newHeader, PROTOCOL_VERSION, type Message } from "./wire";

export type Channel = "shell" | "control" | "iopub" | "stdin";

export interface Transport {
  send(channel: Channel, msg: Message<unknown>): void;
}

export interface KernelOptions {
  /** Makes the engine; called once, when the kernel starts. */
  createEngine: (globals: { declarations: string; virtualModules: Record<string, unknown> }) => Engine;
  transport: Transport;
  /** Route console output of cells to the notebook (the real kernel does; some tests don't). */
  captureStdio?: boolean;
  /** Called after the shutdown_reply is sent. */
  onShutdown?: (restart: boolean) => void;
  /** Kernel's session id in headers of messages it sends. */
  session?: string;
  /** For kernel-side diagnostics. Defaults to the real stderr. */
  log?: (text: string) => void;
}

interface HistoryEntry {
  line: number;
  input: string;
  output: string | null;
}

interface Queued {
  seq: number;
  msg: Message;
}

/** A one-line cell `expr?` or `?expr` asks for help on expr. */
const HELP = /^\s*\?([^\n?][^\n]*)$|^([^\n]*[^\n?\s])\s*\?\s*$/;

/** What display() returns; a cell ending in display(...) shows no execute_result for it. */
export class DisplayHandle {
  constructor(
    readonly displayId: string,
    private readonly kernel: Kernel,
  ) {}
  update(value: unknown, options: DisplayOptions = {}): void {
    this.kernel.showDisplay(value, { ...options, displayId: this.displayId, update: true });
  }
}

/** The session number history replies use for this kernel's session. */
export const HISTORY_SESSION = 1;

/** `display`, `updateDisplay` and `clearOutput`, typed for every cell. */
export const GLOBAL_DECLARATIONS = `
declare global {
  /** An output made by display(); update() replaces it in place. */
  interface DisplayHandle {
    readonly displayId: string;
    update(value: unknown, options?: { raw?: boolean; metadata?: Record<string, unknown> }): void;
  }
  /**
   * Shows a value in the cell's output (text/plain plus any richer formats it offers).
   * With { raw: true } the value is a MIME bundle: display({ "text/html": "<b>hi</b>", "text/plain": "hi" }, { raw: true }).
   */
  function display(value: unknown, options?: { raw?: boolean; displayId?: string; metadata?: Record<string, unknown> }): DisplayHandle;
  /** Replaces the output shown earlier with the same displayId. */
  function updateDisplay(value: unknown, options: { displayId: string; raw?: boolean; metadata?: Record<string, unknown> }): void;
  /** Clears the cell's output; with { wait: true }, only when the next output arrives. */
  function clearOutput(options?: { wait?: boolean }): void;
}
`;

function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/** Name, message and stack of anything thrown, read so that a hostile value cannot make it throw. */
export function describeThrown(e: unknown): { ename: string; evalue: string; stack?: string } {
  try {
    if (e instanceof Error) return { ename: String(e.name ?? "Error"), evalue: String(e.message ?? ""), stack: typeof e.stack === "string" ? e.stack : undefined };
    return { ename: "Error", evalue: String(e) };
  } catch {
    return { ename: "Error", evalue: "a thrown value that cannot be read" };
  }
}

/** Converts a cursor position counted in Unicode code points (Jupyter) to UTF-16 units (JS). */
export function codePointsToUtf16(text: string, cursor: number): number {
  let units = 0;
  let points = 0;
  for (const ch of text) {
    if (points >= cursor) break;
    units += ch.length;
    points++;
  }
  return units;
}

/** Converts a UTF-16 offset (JS) to a position in Unicode code points (Jupyter). */
export function utf16ToCodePoints(text: string, offset: number): number {
  return [...text.slice(0, offset)].length;
}

/** IPython's history search matches a whole input against a glob (`*`, `?`, `[...]`). */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        let cls = glob.slice(i + 1, end).replace(/\\/g, "\\\\");
        if (cls.startsWith("!")) cls = "^" + cls.slice(1);
        re += `[${cls}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export class Kernel {
  readonly session: string;
  private engine: Engine | null = null;
  private executionCount = 0;
  private readonly history: HistoryEntry[] = [];
  private readonly queue: Queued[] = [];
  private seq = 0;
  /** execute_requests received up to this sequence number are aborted (stop_on_error). */
  private abortThrough = 0;
  private pumping: Promise<void> | null = null;
  /** The request whose outputs we are producing (kept after it ends, for late async output). */
  private parent: Message | null = null;
  private pending: { name: StreamName; text: string } | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly stdio: StdioCapture;
  private shuttingDown = false;
  private readonly log: (text: string) => void;

  constructor(private readonly options: KernelOptions) {
    this.session = options.session ?? randomUUID();
    this.stdio = new StdioCapture((name, text) => this.writeStream(name, text));
    this.log = options.log ?? ((text) => this.stdio.original.stderr(text + "\n"));
  }

  /** Creates the engine and starts capturing output. */
  start(): void {
    if (this.engine) return;
    if (this.options.captureStdio) this.stdio.install();
    this.engine = this.options.createEngine({ declarations: GLOBAL_DECLARATIONS, virtualModules: { tslab: this.tslabCompat() } });
    this.installGlobals();
    this.sendIopub(null, "status", { execution_state: "starting" });
  }

  /** Stops capturing output and releases the compiler. */
  stop(): void {
    this.flushStreams();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.stdio.uninstall();
    this.engine?.close();
  }

  /** The engine (for the SIGINT handler). */
  get currentEngine(): Engine | null {
    return this.engine;
  }

  /** A request arrived. Shell requests are queued; control requests are handled now. */
  receive(channel: "shell" | "control", msg: Message): void {
    if (channel === "control") {
      void this.dispatch("control", msg);
      return;
    }
    this.queue.push({ seq: ++this.seq, msg });
    if (!this.pumping) this.pumping = this.pump();
  }

  /** Resolves when every queued shell request has been answered. */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  // ---------------------------------------------------------------------------------------------

  private async pump(): Promise<void> {
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) {
        if (item.msg.header.msg_type === "execute_request" && item.seq <= this.abortThrough) {
          this.abort(item.msg);
        } else {
          await this.dispatch("shell", item.msg);
        }
      }
    } finally {
      this.pumping = null;
    }
  }

  private async dispatch(channel: "shell" | "control", msg: Message): Promise<void> {
    this.sendIopub(msg, "status", { execution_state: "busy" });
    try {
      switch (msg.header.msg_type) {
        case "execute_request":
          await this.execute(channel, msg);
          break;
        case "kernel_info_request":
          this.reply(channel, msg, "kernel_info_reply", this.kernelInfo());
          break;
        case "complete_request":
          this.reply(channel, msg, "complete_reply", this.complete(msg.content));
          break;
        case "inspect_request":
          this.reply(channel, msg, "inspect_reply", this.inspect(msg.content));
          break;
        case "is_complete_request":
          this.reply(channel, msg, "is_complete_reply", this.engineOrThrow().isComplete(String(msg.content.code ?? "")));
          break;
        case "history_request":
          this.reply(channel, msg, "history_reply", { status: "ok", history: this.historyReply(msg.content) });
          break;
        case "comm_info_request":
          this.reply(channel, msg, "comm_info_reply", { status: "ok", comms: {} });
          break;
        case "comm_open":
          // No comm targets are registered: close it, as ipykernel does for unknown targets.
          this.sendIopub(msg, "comm_close", { comm_id: msg.content.comm_id, data: {} });
          break;
        case "comm_msg":
        case "comm_close":
          break;
        case "interrupt_request":
          this.engine?.interrupt();
          this.reply(channel, msg, "interrupt_reply", { status: "ok" });
          break;
        case "shutdown_request":
          await this.shutdown(channel, msg);
          break;
        default:
          this.log(`nnbook kernel: unhandled message type ${msg.header.msg_type} on ${channel}`);
      }
    } catch (e) {
      const { ename, evalue, stack } = describeThrown(e);
      this.log(`nnbook kernel: error handling ${msg.header.msg_type}: ${stack ?? `${ename}: ${evalue}`}`);
      const type = msg.header.msg_type.replace(/_request$/, "_reply");
      if (type !== msg.header.msg_type) this.reply(channel, msg, type, { status: "error", ename, evalue, traceback: [] });
    } finally {
      this.sendIopub(msg, "status", { execution_state: "idle" });
    }
  }

  private engineOrThrow(): Engine {
    if (!this.engine) throw new Error("the kernel has not started");
    return this.engine;
  }

  private async execute(channel: "shell" | "control", msg: Message): Promise<void> {
    const engine = this.engineOrThrow();
    const c = msg.content as { code?: string; silent?: boolean; store_history?: boolean; user_expressions?: Record<string, string>; stop_on_error?: boolean };
    const code = String(c.code ?? "");
    const silent = c.silent === true;
    const storeHistory = silent ? false : c.store_history !== false;
    const stopOnError = c.stop_on_error !== false;
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    this.flushStreams();
    this.parent = msg;
    if (!silent) this.sendIopub(msg, "execute_input", { code, execution_count: count });

    const help = HELP.exec(code);
    if (help) {
      // `expr?` or `?expr`: show the type and docs of expr in the pager, as IPython does.
      const expr = (help[1] ?? help[2]).trim();
      const text = engine.inspect(expr, expr.length);
      const payload = [{ source: "page", data: { "text/plain": text ?? `No information on ${expr}` }, start: 0 }];
      if (storeHistory) this.history.push({ line: count, input: code, output: null });
      this.reply(channel, msg, "execute_reply", { status: "ok", execution_count: count, payload, user_expressions: {} });
      return;
    }

    const result = await engine.execute(code, storeHistory ? `Cell [${count}]` : "Cell");
    let output: string | null = null;
    let reply: Record<string, unknown>;
    if (result.status === "ok") {
      if (result.hasValue && !(result.value instanceof DisplayHandle)) {
        const bundle = this.safeBundle(() => mimeBundle(result.value));
        output = String(bundle.data["text/plain"] ?? "");
        if (!silent) this.sendIopub(msg, "execute_result", { execution_count: count, data: bundle.data, metadata: bundle.metadata });
      }
      const userExpressions = await this.userExpressions(c.user_expressions ?? {});
      reply = { status: "ok", execution_count: count, payload: [], user_expressions: userExpressions };
    } else {
      if (!silent) this.sendIopub(msg, "error", errorContent(result));
      reply = { ...errorContent(result), status: "error", execution_count: count, payload: [], user_expressions: {} };
    }
    if (storeHistory) this.history.push({ line: count, input: code, output });
    if (result.status === "error" && stopOnError && !silent) {
      // Abort the execute_requests that were sent before this error was reported: let the socket
      // readers deliver everything that has already arrived, then mark the queue up to there.
      await this.drainIncoming();
      this.abortThrough = this.seq;
    }
    this.flushStreams();
    this.reply(channel, msg, "execute_reply", reply);
  }

  private abort(msg: Message): void {
    this.sendIopub(msg, "status", { execution_state: "busy" });
    this.reply("shell", msg, "execute_reply", { status: "aborted", execution_count: null });
    this.sendIopub(msg, "status", { execution_state: "idle" });
  }

  private async drainIncoming(): Promise<void> {
    let before = -1;
    let stable = 0;
    while (stable < 3) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.seq === before) stable++;
      else stable = 0;
      before = this.seq;
    }
  }

  private async userExpressions(exprs: Record<string, string>): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(exprs)) {
      const r = await this.engineOrThrow().execute(String(expr), "user_expressions");
      if (r.status === "ok") {
        const b = this.safeBundle(() => mimeBundle(r.value));
        out[name] = { status: "ok", data: b.data, metadata: b.metadata };
      } else {
        out[name] = errorContent(r);
      }
    }
    return out;
  }

  private safeBundle(make: () => MimeBundle): MimeBundle {
    try {
      const bundle = make();
      JSON.stringify(bundle); // what goes on the wire must be JSON (a BigInt or a cycle is not)
      return bundle;
    } catch (e) {
      return { data: { "text/plain": `<value could not be shown: ${describeThrown(e).evalue}>` }, metadata: {} };
    }
  }

  private kernelInfo(): Record<string, unknown> {
    const tslab = loadTslab();
    const version = packageVersion();
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "nnbook",
      implementation_version: version,
      language_info: {
        name: "typescript",
        version: tslab.typescriptVersion,
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
        // Gives TypeScript highlighting in both JupyterLab and the classic Notebook (as tslab does).
        codemirror_mode: { name: "javascript", typescript: true, mode: "typescript" },
      },
      banner: `nnbook TypeScript kernel ${version}\nTypeScript ${tslab.typescriptVersion} (tslab ${tslab.version}), Node.js ${process.version}`,
      help_links: [
        { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
        { text: "Node.js API", url: `https://nodejs.org/docs/${process.version}/api/` },
      ],
      debugger: false,
    };
  }

  private complete(content: Record<string, unknown>): Record<string, unknown> {
    const code = String(content.code ?? "");
    const cursor = codePointsToUtf16(code, typeof content.cursor_pos === "number" ? content.cursor_pos : [...code].length);
    const r = this.engineOrThrow().complete(code, cursor);
    return {
      status: "ok",
      matches: r.matches,
      cursor_start: utf16ToCodePoints(code, r.start),
      cursor_end: utf16ToCodePoints(code, r.end),
      metadata: {},
    };
  }

  private inspect(content: Record<string, unknown>): Record<string, unknown> {
    const code = String(content.code ?? "");
    const cursor = codePointsToUtf16(code, typeof content.cursor_pos === "number" ? content.cursor_pos : [...code].length);
    const text = this.engineOrThrow().inspect(code, cursor);
    if (text === null) return { status: "ok", found: false, data: {}, metadata: {} };
    return { status: "ok", found: true, data: { "text/plain": text }, metadata: {} };
  }

  private historyReply(content: Record<string, unknown>): unknown[] {
    const withOutput = content.output === true;
    const type = String(content.hist_access_type ?? "tail");
    let entries: HistoryEntry[];
    if (type === "range") {
      const session = typeof content.session === "number" ? content.session : 0;
      if (session !== 0 && session !== HISTORY_SESSION) return [];
      const start = typeof content.start === "number" ? content.start : 0;
      const stop = typeof content.stop === "number" ? content.stop : Infinity;
      entries = this.history.filter((h) => h.line >= start && h.line < stop);
    } else if (type === "search") {
      const re = globToRegExp(String(content.pattern ?? "*"));
      entries = this.history.filter((h) => re.test(h.input));
      if (content.unique === true) {
        const last = new Map<string, HistoryEntry>();
        for (const h of entries) {
          last.delete(h.input);
          last.set(h.input, h);
        }
        entries = [...last.values()];
      }
      if (typeof content.n === "number") entries = entries.slice(Math.max(0, entries.length - content.n));
    } else {
      const n = typeof content.n === "number" ? content.n : 10;
      entries = this.history.slice(Math.max(0, this.history.length - n));
    }
    return entries.map((h) => [HISTORY_SESSION, h.line, withOutput ? [h.input, h.output] : h.input]);
  }

  private async shutdown(channel: "shell" | "control", msg: Message): Promise<void> {
    const restart = msg.content.restart === true;
    this.reply(channel, msg, "shutdown_reply", { status: "ok", restart });
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    // Let the idle status go out first.
    setImmediate(() => this.options.onShutdown?.(restart));
  }

  // --- output ----------------------------------------------------------------------------------

  private reply(channel: "shell" | "control", parent: Message, type: string, content: unknown): void {
    this.flushStreams();
    this.options.transport.send(channel, {
      identities: parent.identities,
      header: newHeader(type, this.session),
      parent_header: parent.header,
      metadata: {},
      content,
      buffers: [],
    });
  }

  private sendIopub(parent: Message | null, type: string, content: unknown): void {
    if (type !== "stream") this.flushStreams();
    this.options.transport.send("iopub", {
      identities: [Buffer.from(`kernel.${this.session}.${type}`)],
      header: newHeader(type, this.session),
      parent_header: parent?.header ?? {},
      metadata: {},
      content,
      buffers: [],
    });
  }

  private writeStream(name: StreamName, text: string): void {
    if (this.pending && this.pending.name !== name) this.flushStreams();
    if (this.pending) this.pending.text += text;
    else this.pending = { name, text };
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.flushStreams();
      }, 50);
      this.flushTimer.unref?.();
    }
  }

  private flushStreams(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.sendIopub(this.parent, "stream", { name: p.name, text: p.text });
  }

  /** display / updateDisplay / clearOutput for cells. */
  showDisplay(value: unknown, options: DisplayOptions & { update?: boolean } = {}): string {
    const bundle = displayBundle(value, options);
    const displayId = options.displayId ?? randomBytes(8).toString("hex");
    this.sendIopub(this.parent, options.update ? "update_display_data" : "display_data", {
      data: bundle.data,
      metadata: bundle.metadata,
      transient: { display_id: displayId },
    });
    return displayId;
  }

  clearOutput(wait = false): void {
    this.sendIopub(this.parent, "clear_output", { wait });
  }

  private installGlobals(): void {
    const g = globalThis as Record<string, unknown>;
    const handle = (displayId: string) => new DisplayHandle(displayId, this);
    g.display = (value: unknown, options: DisplayOptions = {}) => handle(this.showDisplay(value, options));
    g.updateDisplay = (value: unknown, options: DisplayOptions & { displayId: string }) => {
      if (!options || typeof options.displayId !== "string") throw new TypeError("updateDisplay: options.displayId is required");
      this.showDisplay(value, { ...options, update: true });
    };
    g.clearOutput = (options: { wait?: boolean } = {}) => this.clearOutput(options.wait === true);
  }

  /** What `import * as tslab from "tslab"` gives cells: tslab's display API on our display. */
  private tslabCompat(): Record<string, unknown> {
    const kernel = this;
    const tslab = loadTslab();
    function makeDisplay(id?: string): Record<string, unknown> {
      let shown = false;
      const raw = (contentType: string, b: string | Uint8Array) => {
        const update = id !== undefined && shown;
        shown = true;
        kernel.showDisplay({ [contentType]: b }, { raw: true, displayId: id, update });
      };
      return {
        raw,
        javascript: (s: string) => raw("text/javascript", s),
        html: (s: string) => raw("text/html", s),
        markdown: (s: string) => raw("text/markdown", s),
        latex: (s: string) => raw("text/latex", s),
        svg: (s: string) => raw("image/svg+xml", s),
        png: (b: Uint8Array) => raw("image/png", b),
        jpeg: (b: Uint8Array) => raw("image/jpeg", b),
        gif: (b: Uint8Array) => raw("image/gif", b),
        pdf: (b: Uint8Array) => raw("application/pdf", b),
        text: (s: string) => raw("text/plain", s),
      };
    }
    return {
      display: makeDisplay(),
      newDisplay: () => makeDisplay(randomBytes(8).toString("hex")),
      versions: { tslab: tslab.version, typescript: tslab.typescriptVersion, node: process.version },
    };
  }
}

function errorContent(r: ExecuteError): { ename: string; evalue: string; traceback: string[] } {
  return { ename: r.ename, evalue: r.evalue, traceback: r.traceback };
}
