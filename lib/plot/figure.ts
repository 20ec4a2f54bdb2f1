// A Figure is plain plotly JSON (traces and layout) with NDArrays turned into arrays, so tests can
// read the plotted numbers. In a notebook it shows itself as a chart (text/html, drawn by
// plotly.js) with the plotly JSON alongside; in a terminal it prints a one-line summary.
import { plotHtml, PlotSpec } from "./html";

export type Trace = Record<string, unknown> & { type?: string; name?: string };
export type Layout = Record<string, unknown>;

const MIME_BUNDLE = Symbol.for("jupyter.mimeBundle");
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

interface NotebookGlobals {
  display?: (value: unknown, options?: Record<string, unknown>) => { displayId: string };
  updateDisplay?: (value: unknown, options: { displayId: string }) => void;
}

export class Figure {
  readonly data: Trace[];
  layout: Layout;
  config: Record<string, unknown>;
  /** Pixel height of the chart in a notebook. */
  height: number;

  constructor(data: Trace[] = [], layout: Layout = {}, options: { height?: number } = {}) {
    this.data = data;
    this.layout = { margin: { t: 40, r: 20, b: 50, l: 60 }, ...layout };
    this.config = { responsive: true, displaylogo: false };
    this.height = options.height ?? 420;
  }

  addTrace(trace: Trace): this {
    this.data.push(trace);
    return this;
  }

  updateLayout(layout: Layout): this {
    this.layout = { ...this.layout, ...layout };
    return this;
  }

  /** The plotly JSON: { data, layout, config }. */
  toJSON(): PlotSpec {
    return { data: this.data, layout: this.layout, config: this.config };
  }

  toHTML(): string {
    return plotHtml(this.toJSON(), { height: this.height });
  }

  /** "Figure: Training loss (2 traces: loss, valLoss)". */
  toString(): string {
    const title = typeof this.layout.title === "string" ? this.layout.title
      : (this.layout.title as { text?: string } | undefined)?.text;
    const names = this.data.map((t, i) => t.name ?? `${t.type ?? "trace"} ${i}`);
    return `Figure${title ? `: ${title}` : ""} (${this.data.length} trace${this.data.length === 1 ? "" : "s"}${names.length ? `: ${names.join(", ")}` : ""})`;
  }

  [inspectSymbol](): string { return this.toString(); }

  [MIME_BUNDLE](): Record<string, unknown> {
    return {
      "text/html": this.toHTML(),
      "application/vnd.plotly.v1+json": this.toJSON(),
      "text/plain": this.toString(),
    };
  }

  /** Shows the figure now (in a notebook) and returns it; prints the summary elsewhere. */
  show(): this {
    const g = globalThis as NotebookGlobals;
    if (typeof g.display === "function") g.display(this);
    else console.log(this.toString());
    return this;
  }
}
