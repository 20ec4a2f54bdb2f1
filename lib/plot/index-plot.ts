// The `plot` namespace: charts drawn by plotly.js in notebooks, readable as data in tests.
export { Figure } from "./figure";
export type { Trace, Layout } from "./figure";
export { line, lines, scatter, contour, surface, heatmap, bar, histogram, imageGrid, toPlain } from "./charts";
export type { CommonOptions } from "./charts";
export { LiveChart } from "./live";
export { plotHtml } from "./html";
