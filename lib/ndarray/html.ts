// An HTML table for small 2-D arrays, offered to notebooks next to NumPy's repr (text/plain).
import type { DType } from "./dtype";
import type { Shape } from "./shape";

/** Arrays up to this many rows and columns get a table; bigger ones only the repr. */
export const TABLE_LIMIT = 20;

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function cell(v: number, dtype: DType): string {
  if (dtype === "bool") return v ? "True" : "False";
  if (dtype === "int32") return String(v);
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.` : String(+v.toPrecision(8));
}

/** The table, or null when the array is not 2-D or too large to read as a table. */
export function arrayTable(values: ArrayLike<number>, shape: Shape, dtype: DType): string | null {
  if (shape.length !== 2 || shape[0] > TABLE_LIMIT || shape[1] > TABLE_LIMIT || shape[0] * shape[1] === 0) return null;
  const [rows, cols] = shape;
  const head = `<tr><th></th>${Array.from({ length: cols }, (_, j) => `<th>${j}</th>`).join("")}</tr>`;
  const body = Array.from({ length: rows }, (_, i) =>
    `<tr><th>${i}</th>${Array.from({ length: cols }, (_, j) => `<td>${escape(cell(values[i * cols + j], dtype))}</td>`).join("")}</tr>`).join("");
  const caption = `<caption style="caption-side:bottom;text-align:left">shape (${rows}, ${cols}), ${dtype}</caption>`;
  return `<table class="nnbook-array" style="font-family:monospace;text-align:right">${caption}<thead>${head}</thead><tbody>${body}</tbody></table>`;
}
