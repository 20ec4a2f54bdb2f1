// Routes what cells print (console.log, process.stdout.write, ...) to the notebook.
import { Console } from "node:console";

export type StreamName = "stdout" | "stderr";
export type StreamSink = (name: StreamName, text: string) => void;

type Write = typeof process.stdout.write;

/**
 * While installed, writes to process.stdout / process.stderr (and so `console`) go to `sink`
 * instead of the terminal. `original` still reaches the real streams for the kernel's own logs.
 */
export class StdioCapture {
  private saved: { stdout: Write; stderr: Write; console: Console } | null = null;
  readonly original = {
    stdout: (text: string) => (this.saved?.stdout ?? process.stdout.write).call(process.stdout, text),
    stderr: (text: string) => (this.saved?.stderr ?? process.stderr.write).call(process.stderr, text),
  };

  constructor(private readonly sink: StreamSink) {}

  install(): void {
    if (this.saved) return;
    this.saved = { stdout: process.stdout.write, stderr: process.stderr.write, console: globalThis.console };
    process.stdout.write = this.writer("stdout");
    process.stderr.write = this.writer("stderr");
    // A console over the patched streams: test runners replace the global console with their own.
    globalThis.console = new Console({ stdout: process.stdout, stderr: process.stderr });
  }

  uninstall(): void {
    if (!this.saved) return;
    process.stdout.write = this.saved.stdout;
    process.stderr.write = this.saved.stderr;
    globalThis.console = this.saved.console;
    this.saved = null;
  }

  private writer(name: StreamName): Write {
    const decoder = new TextDecoder();
    return ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown): boolean => {
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (text) this.sink(name, text);
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    }) as Write;
  }
}
