// Compares a cell's outputs with the committed ones, as the notebook regression tests do: the same
// kinds of output in the same order, text equal up to whitespace runs with every number within a
// tolerance, JSON (plotly figures) equal with the same tolerance, errors by name and message.
import type { NbOutput } from "./notebook";

export interface Tolerance { rtol: number; atol: number }
const DEFAULT: Tolerance = { rtol: 1e-6, atol: 1e-9 };

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

function text(v: unknown): string {
  return Array.isArray(v) ? v.join("") : String(v ?? "");
}

/** Plot element ids are fresh on every run; nothing else about them matters. */
function normalize(s: string): string {
  return s.replace(/nnbook-plot-[\w-]+/g, "nnbook-plot-ID").replace(/\s+/g, " ").trim();
}

function close(a: number, b: number, tol: Tolerance): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  return Math.abs(a - b) <= tol.atol + tol.rtol * Math.abs(b);
}

/** null when equal within tolerance, else a short description of the first difference. */
export function compareText(actual: string, expected: string, tol: Tolerance = DEFAULT): string | null {
  const a = normalize(actual), e = normalize(expected);
  const aNums = a.match(NUMBER) ?? [], eNums = e.match(NUMBER) ?? [];
  const aRest = a.split(NUMBER), eRest = e.split(NUMBER);
  const show = (s: string) => JSON.stringify(s.length > 160 ? s.slice(0, 160) + "…" : s);
  if (aNums.length !== eNums.length || aRest.some((part, i) => part !== eRest[i])) {
    return `text differs:\n  got      ${show(a)}\n  expected ${show(e)}`;
  }
  for (let i = 0; i < aNums.length; i++) {
    if (!close(Number(aNums[i]), Number(eNums[i]), tol)) return `number ${i + 1} differs: got ${aNums[i]}, expected ${eNums[i]} (in ${show(e)})`;
  }
  return null;
}

function compareJson(a: unknown, e: unknown, tol: Tolerance, where: string): string | null {
  if (typeof a === "number" && typeof e === "number") return close(a, e, tol) ? null : `${where}: got ${a}, expected ${e}`;
  if (typeof a === "string" && typeof e === "string") {
    const d = compareText(a, e, tol);
    return d ? `${where}: ${d}` : null;
  }
  if (Array.isArray(a) && Array.isArray(e)) {
    if (a.length !== e.length) return `${where}: ${a.length} items, expected ${e.length}`;
    for (let i = 0; i < a.length; i++) { const d = compareJson(a[i], e[i], tol, `${where}[${i}]`); if (d) return d; }
    return null;
  }
  if (a && e && typeof a === "object" && typeof e === "object") {
    const ak = Object.keys(a).sort(), ek = Object.keys(e).sort();
    if (ak.join() !== ek.join()) return `${where}: keys ${ak.join(", ")}, expected ${ek.join(", ")}`;
    for (const k of ak) { const d = compareJson((a as any)[k], (e as any)[k], tol, `${where}.${k}`); if (d) return d; }
    return null;
  }
  return a === e ? null : `${where}: got ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`;
}

/** Differences between two output lists (empty when they match). */
export function compareOutputs(actual: NbOutput[], expected: NbOutput[], tol: Tolerance = DEFAULT): string[] {
  const kinds = (outs: NbOutput[]) => outs.map((o) => (o.output_type === "stream" ? `stream:${o.name}` : o.output_type));
  if (kinds(actual).join() !== kinds(expected).join()) {
    return [`outputs are [${kinds(actual).join(", ")}], expected [${kinds(expected).join(", ")}]`];
  }
  const diffs: string[] = [];
  actual.forEach((a, i) => {
    const e = expected[i];
    let d: string | null = null;
    if (a.output_type === "stream") d = compareText(text(a.text), text(e.text), tol);
    else if (a.output_type === "error") d = a.ename !== e.ename ? `error ${a.ename}, expected ${e.ename}` : compareText(String(a.evalue), String(e.evalue), tol);
    else {
      const ad = (a.data ?? {}) as Record<string, unknown>, ed = (e.data ?? {}) as Record<string, unknown>;
      const joined = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? v.join("") : v);
      // A chart is compared by its plotly data; its text/html is a loader script whose code may
      // change without the figure changing.
      const chart = "application/vnd.plotly.v1+json" in ed;
      const pick = (bundle: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(bundle).filter(([k]) => !(chart && k === "text/html")).map(([k, v]) => [k, joined(v)]));
      d = compareJson(pick(ad), pick(ed), tol, "data");
    }
    if (d) diffs.push(`output ${i + 1} (${a.output_type}): ${d}`);
  });
  return diffs;
}
