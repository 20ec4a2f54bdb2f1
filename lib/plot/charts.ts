// Chart builders: each returns a Figure. Arrays may be NDArrays or JS arrays.
import { ArrayInput, NDArray } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { formatShape, ShapeError, ValueError } from "../ndarray/errors";
import { Figure, Layout, Trace } from "./figure";

type Values = ArrayInput;

/** Plain nested arrays for plotly, with NaN and ±Infinity as null (gaps), which JSON can carry. */
export function toPlain(x: Values): unknown {
  const a = asarray(x);
  const nested = a.toArray();
  const clean = (v: unknown): unknown => (Array.isArray(v) ? v.map(clean) : typeof v === "number" && !Number.isFinite(v) ? null : v);
  return clean(nested);
}

function oneD(op: string, name: string, x: Values): number[] {
  const a = asarray(x);
  if (a.ndim !== 1) throw new ShapeError(op, `${name} must be 1-D, got shape ${formatShape(a.shape)}`, [a.shape]);
  return toPlain(a) as number[];
}

function twoD(op: string, name: string, x: Values): NDArray {
  const a = asarray(x);
  if (a.ndim !== 2) throw new ShapeError(op, `${name} must be 2-D, got shape ${formatShape(a.shape)}`, [a.shape]);
  return a;
}

export interface CommonOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  height?: number;
  layout?: Layout;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** b over a, object by object (an axis range given in `layout` keeps the axis title from xLabel). */
function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isPlainObject(v) && isPlainObject(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

function layoutOf(o: CommonOptions, extra: Layout = {}): Layout {
  const base: Layout = {
    ...(o.title ? { title: { text: o.title } } : {}),
    xaxis: { title: { text: o.xLabel ?? "" } },
    yaxis: { title: { text: o.yLabel ?? "" } },
  };
  return deepMerge(deepMerge(base, extra), o.layout ?? {}) as Layout;
}

/** One line: line(y) or line(y, { x }). */
export function line(y: Values, options: CommonOptions & { x?: Values; name?: string; markers?: boolean } = {}): Figure {
  const ys = oneD("line", "y", y);
  const xs = options.x === undefined ? ys.map((_, i) => i) : oneD("line", "x", options.x);
  if (xs.length !== ys.length) throw new ShapeError("line", `x has ${xs.length} values but y has ${ys.length}`, [[xs.length], [ys.length]]);
  return new Figure([{ type: "scatter", mode: options.markers ? "lines+markers" : "lines", x: xs, y: ys, name: options.name ?? "y" }],
    layoutOf(options), { height: options.height });
}

/** Several named lines sharing x, e.g. a training history: lines({ loss, valLoss }, { x: epochs }). */
export function lines(series: Record<string, Values>, options: CommonOptions & { x?: Values; markers?: boolean } = {}): Figure {
  const fig = new Figure([], layoutOf(options, { showlegend: true }), { height: options.height });
  for (const [name, values] of Object.entries(series)) {
    const ys = oneD("lines", name, values);
    const xs = options.x === undefined ? ys.map((_, i) => i + 1) : oneD("lines", "x", options.x);
    if (xs.length !== ys.length) throw new ShapeError("lines", `x has ${xs.length} values but ${name} has ${ys.length}`, [[xs.length], [ys.length]]);
    fig.addTrace({ type: "scatter", mode: options.markers ? "lines+markers" : "lines", name, x: xs, y: ys });
  }
  return fig;
}

/**
 * Points (x[i], y[i]). With `labels`, one trace per class so each gets a colour and a legend
 * entry (classNames names them).
 */
export function scatter(x: Values, y: Values, options: CommonOptions & {
  labels?: Values; classNames?: readonly string[]; name?: string; size?: number;
} = {}): Figure {
  const xs = oneD("scatter", "x", x), ys = oneD("scatter", "y", y);
  if (xs.length !== ys.length) throw new ShapeError("scatter", `x has ${xs.length} values but y has ${ys.length}`, [[xs.length], [ys.length]]);
  const marker = { size: options.size ?? 7 };
  if (options.labels === undefined) {
    return new Figure([{ type: "scatter", mode: "markers", x: xs, y: ys, name: options.name ?? "points", marker }], layoutOf(options), { height: options.height });
  }
  const labels = oneD("scatter", "labels", options.labels);
  if (labels.length !== xs.length) throw new ShapeError("scatter", `${labels.length} labels for ${xs.length} points`, [[labels.length], [xs.length]]);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const fig = new Figure([], layoutOf(options, { showlegend: true }), { height: options.height });
  for (const c of classes) {
    const keep = labels.map((l, i) => (l === c ? i : -1)).filter((i) => i >= 0);
    fig.addTrace({ type: "scatter", mode: "markers", name: options.classNames?.[c] ?? `class ${c}`, x: keep.map((i) => xs[i]), y: keep.map((i) => ys[i]), marker });
  }
  return fig;
}

function grid(op: string, x: Values, y: Values, z: Values): { xs: number[]; ys: number[]; zs: unknown } {
  const xs = oneD(op, "x", x), ys = oneD(op, "y", y);
  const zz = twoD(op, "z", z);
  if (zz.shape[0] !== ys.length || zz.shape[1] !== xs.length) {
    throw new ShapeError(op, `z must have shape (len(y), len(x)) = (${ys.length},${xs.length}), got ${formatShape(zz.shape)}`, [zz.shape]);
  }
  return { xs, ys, zs: toPlain(zz) };
}

/** Contour lines of z over the grid x × y (z[i][j] belongs to y[i], x[j]), e.g. an error surface seen from above. */
export function contour(x: Values, y: Values, z: Values, options: CommonOptions & { colorscale?: string; showLabels?: boolean; filled?: boolean } = {}): Figure {
  const { xs, ys, zs } = grid("contour", x, y, z);
  return new Figure([{
    type: "contour", x: xs, y: ys, z: zs, colorscale: options.colorscale ?? "Viridis",
    contours: { coloring: options.filled === false ? "lines" : "fill", showlabels: options.showLabels ?? false },
  }], layoutOf(options), { height: options.height });
}

/** A 3-D surface z over x × y. */
export function surface(x: Values, y: Values, z: Values, options: CommonOptions & { zLabel?: string; colorscale?: string } = {}): Figure {
  const { xs, ys, zs } = grid("surface", x, y, z);
  return new Figure([{ type: "surface", x: xs, y: ys, z: zs, colorscale: options.colorscale ?? "Viridis" }],
    layoutOf(options, { scene: { xaxis: { title: { text: options.xLabel ?? "x" } }, yaxis: { title: { text: options.yLabel ?? "y" } }, zaxis: { title: { text: options.zLabel ?? "z" } } } }),
    { height: options.height ?? 520 });
}

/**
 * A matrix as coloured cells (row 0 at the top), e.g. a confusion matrix; values are written in
 * the cells when `annotate` is on.
 */
export function heatmap(z: Values, options: CommonOptions & { x?: readonly (string | number)[]; y?: readonly (string | number)[];
  colorscale?: string; annotate?: boolean } = {}): Figure {
  const m = twoD("heatmap", "z", z);
  const [rows, cols] = m.shape;
  const xs = options.x ?? Array.from({ length: cols }, (_, i) => i), ys = options.y ?? Array.from({ length: rows }, (_, i) => i);
  if (xs.length !== cols || ys.length !== rows) throw new ShapeError("heatmap", `labels (${ys.length} rows, ${xs.length} columns) do not match z ${formatShape(m.shape)}`, [m.shape]);
  const zs = toPlain(m) as (number | null)[][];
  // plotly.js's "Blues" runs from dark blue (low) to light grey (high); reversed, a confusion
  // matrix reads as usual: pale for few, dark for many.
  const defaultScale = options.colorscale === undefined;
  const trace: Trace = { type: "heatmap", z: zs, x: xs.map(String), y: ys.map(String), colorscale: options.colorscale ?? "Blues",
    ...(defaultScale ? { reversescale: true } : {}) };
  let lo = Infinity, hi = -Infinity;
  for (const row of zs) for (const v of row) if (v !== null && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  // On the default scale, white numbers on the dark upper half of the range, black on the pale rest.
  const ink = (v: number | null) => (defaultScale && v !== null && hi > lo && (v - lo) / (hi - lo) > 0.5 ? "white" : "black");
  const annotations = options.annotate ? zs.flatMap((row, i) => row.map((v, j) => ({
    x: String(xs[j]), y: String(ys[i]), text: v === null ? "" : String(Number.isInteger(v) ? v : +v.toPrecision(3)), showarrow: false,
    font: { color: ink(v) },
  }))) : [];
  return new Figure([trace], layoutOf(options, { yaxis: { autorange: "reversed", title: { text: options.yLabel ?? "" } }, annotations }), { height: options.height });
}

/** Bars of height y at categories x. */
export function bar(x: readonly (string | number)[], y: Values, options: CommonOptions & { name?: string } = {}): Figure {
  const ys = oneD("bar", "y", y);
  if (x.length !== ys.length) throw new ShapeError("bar", `${x.length} categories but ${ys.length} values`, [[x.length], [ys.length]]);
  return new Figure([{ type: "bar", x: [...x], y: ys, name: options.name ?? "y" }], layoutOf(options), { height: options.height });
}

/** A histogram of the (flattened) values in `bins` equal bins. */
export function histogram(values: Values, options: CommonOptions & { bins?: number; name?: string } = {}): Figure {
  const flat = asarray(values).reshape(-1);
  const bins = options.bins ?? 30;
  if (!Number.isInteger(bins) || bins < 1) throw new ValueError("histogram", `bins must be a positive integer, got ${bins}`);
  const v = flat.toTypedArray();
  const finite = Array.from(v).filter(Number.isFinite);
  // A loop, not Math.min(...finite): spreading ~130,000+ values overflows the call stack.
  let lo = finite.length ? Infinity : 0, hi = finite.length ? -Infinity : 1;
  for (const x of finite) { if (x < lo) lo = x; if (x > hi) hi = x; }
  const size = hi > lo ? (hi - lo) / bins : 1;
  return new Figure([{ type: "histogram", x: finite, name: options.name ?? "values", xbins: { start: lo, end: hi + size * 1e-9, size } }],
    layoutOf(options, { bargap: 0.02 }), { height: options.height });
}

/**
 * Images (N, H, W) in a grid, e.g. MNIST digits, drawn as one grayscale mosaic (dark ink on
 * white) with each image's label above it.
 */
export function imageGrid(images: Values, options: CommonOptions & { labels?: readonly (string | number)[]; columns?: number } = {}): Figure {
  const imgs = asarray(images);
  if (imgs.ndim !== 3) throw new ShapeError("imageGrid", `images must have shape (N, H, W), got ${formatShape(imgs.shape)}`, [imgs.shape], "reshape flat rows first, e.g. x.reshape(-1, 28, 28)");
  const [n, h, w] = imgs.shape;
  if (options.labels && options.labels.length !== n) throw new ShapeError("imageGrid", `${options.labels.length} labels for ${n} images`, [imgs.shape]);
  const columns = Math.max(1, Math.min(options.columns ?? 10, n));
  const rows = Math.ceil(n / columns);
  const pad = 2, top = options.labels ? 6 : 0;
  const cellH = h + pad + top, cellW = w + pad;
  const mosaic: (number | null)[][] = Array.from({ length: rows * cellH }, () => new Array(columns * cellW).fill(null));
  const pixels = imgs.toTypedArray();
  const annotations: Record<string, unknown>[] = [];
  for (let k = 0; k < n; k++) {
    const r0 = Math.floor(k / columns) * cellH + top, c0 = (k % columns) * cellW;
    // Four significant digits are plenty for a grey level and keep notebooks small.
    for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) mosaic[r0 + i][c0 + j] = +pixels[(k * h + i) * w + j].toPrecision(4);
    if (options.labels) annotations.push({ x: c0 + w / 2, y: r0 - top / 2 - 0.5, text: String(options.labels[k]), showarrow: false, font: { size: 11 } });
  }
  const axis = { visible: false, showgrid: false, zeroline: false };
  // plotly.js's "Greys" draws 0 black and 1 white; reversed, 0 (the background) is white and ink dark.
  return new Figure([{ type: "heatmap", z: mosaic, colorscale: "Greys", reversescale: true, showscale: false, hoverongaps: false }],
    layoutOf(options, { xaxis: { ...axis, scaleanchor: "y" }, yaxis: { ...axis, autorange: "reversed" }, annotations, plot_bgcolor: "white" }),
    { height: options.height ?? Math.min(900, 60 + rows * (cellH * 2.2)) });
}
