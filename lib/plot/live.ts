// A chart that grows while a loop runs: each update() appends a point to every named series and
// redraws the same notebook output in place (update_display_data), so training curves animate
// instead of piling up. Outside a notebook it only collects the points.
import { Figure } from "./figure";

interface NotebookGlobals {
  display?: (value: unknown, options?: Record<string, unknown>) => { displayId: string };
  updateDisplay?: (value: unknown, options: { displayId: string }) => void;
}

export class LiveChart {
  readonly figure: Figure;
  private readonly series: Map<string, { x: number[]; y: number[] }> = new Map();
  private displayId: string | null = null;
  private step = 0;

  constructor(options: { title?: string; xLabel?: string; yLabel?: string; height?: number } = {}) {
    this.figure = new Figure([], {
      ...(options.title ? { title: { text: options.title } } : {}),
      xaxis: { title: { text: options.xLabel ?? "epoch" } },
      yaxis: { title: { text: options.yLabel ?? "" } },
      showlegend: true,
    }, { height: options.height ?? 360 });
  }

  /** Adds one point per series (at x, or at the next step) and redraws. Non-finite values become gaps. */
  update(values: Record<string, number>, x?: number): this {
    const at = x ?? ++this.step;
    for (const [name, value] of Object.entries(values)) {
      let s = this.series.get(name);
      if (!s) {
        s = { x: [], y: [] };
        this.series.set(name, s);
        this.figure.addTrace({ type: "scatter", mode: "lines+markers", name, x: s.x, y: s.y });
      }
      s.x.push(at);
      s.y.push(Number.isFinite(value) ? value : (null as unknown as number));
    }
    this.redraw();
    return this;
  }

  /** The points so far, by series name. */
  values(name: string): number[] {
    return [...(this.series.get(name)?.y ?? [])];
  }

  /** A training callback: after each epoch, plot the logged values whose names pass `keep`. */
  callback(keep: (name: string) => boolean = (name) => name !== "lr"): { onEpochEnd(epoch: number, logs: Record<string, number>): void } {
    return {
      onEpochEnd: (epoch: number, logs: Record<string, number>) => {
        this.update(Object.fromEntries(Object.entries(logs).filter(([k]) => keep(k))), epoch + 1);
      },
    };
  }

  private redraw(): void {
    const g = globalThis as NotebookGlobals;
    if (typeof g.display !== "function") return;
    if (this.displayId === null) this.displayId = g.display(this.figure).displayId;
    else g.updateDisplay?.(this.figure, { displayId: this.displayId });
  }
}
