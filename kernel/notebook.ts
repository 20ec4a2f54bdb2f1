// Notebook files (nbformat 4): reading, writing in Jupyter's own layout (sorted keys, one-space
// indent, multi-line strings as lists of lines), and the tags that steer runs and tests.

export interface NbOutput {
  output_type: "stream" | "execute_result" | "display_data" | "error";
  [key: string]: unknown;
}

export interface NbCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: { tags?: string[]; [key: string]: unknown };
  outputs?: NbOutput[];
  execution_count?: number | null;
  id?: string;
  [key: string]: unknown;
}

export interface Notebook {
  cells: NbCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** A cell's source as one string. */
export function sourceOf(cell: NbCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

export function tagsOf(cell: NbCell): string[] {
  return Array.isArray(cell.metadata?.tags) ? cell.metadata.tags : [];
}

export function parseNotebook(text: string, name = "notebook"): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new Error(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (!nb || !Array.isArray(nb.cells) || nb.nbformat !== 4) {
    throw new Error(`${name} is not an nbformat 4 notebook`);
  }
  return nb;
}

/** Splits text into lines that keep their "\n", as nbformat stores multi-line strings. */
export function toLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}

// Strings in these places are stored as lists of lines, as Jupyter writes them.
const MULTILINE_KEYS = new Set(["source", "text"]);
const MIME_TEXT = /^(text\/|application\/javascript$|image\/svg\+xml$)/;

function normalizeStrings(value: unknown, key: string | null, inData: boolean): unknown {
  if (typeof value === "string") {
    return (key !== null && (MULTILINE_KEYS.has(key) || (inData && MIME_TEXT.test(key)))) ? toLines(value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => normalizeStrings(v, null, false));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      // MIME bundles: text types become line lists; JSON types (plotly) stay as they are.
      out[k] = k === "data" && v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map((m) => [m, MIME_TEXT.test(m) && typeof (v as any)[m] === "string"
          ? toLines((v as any)[m]) : (v as any)[m]]))
        : normalizeStrings(v, k, inData);
    }
    return out;
  }
  return value;
}

/** The notebook as Jupyter would write it: sorted keys, indent 1, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(normalizeStrings(nb, null, false), null, 1) + "\n";
}
