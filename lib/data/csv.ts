// CSV reading into a Table of typed columns: numbers (float64, NaN where missing) or strings (null
// where missing). Column types are inferred (a column is numeric when every present value is a
// number) or given with `types`; the missing values of each column are counted and reported.
import { readFileSync } from "fs";
import { gunzipSync } from "zlib";
import { basename } from "path";
import { NDArray } from "../ndarray/ndarray";
import { DataError } from "./errors";

export type ColumnType = "number" | "string";

export interface CSVOptions {
  /** Field separator, "," by default. */
  delimiter?: string;
  /** Whether the first row names the columns (default true). Without it columns are "0", "1", ... */
  header?: boolean;
  /** Column names to use instead of (or, with header: false, in place of) the header. */
  columns?: readonly string[];
  /** Force the type of some columns; the others are inferred. */
  types?: Readonly<Record<string, ColumnType>>;
  /** Strings that mean "missing" (compared after trimming spaces). */
  naValues?: readonly string[];
  /** Lines to skip before the header (or the first row). */
  skipLines?: number;
  /** The name errors give for the input; readCSV sets it to the file name. */
  source?: string;
}

export const DEFAULT_NA_VALUES: readonly string[] = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"];

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a decimal number (no hex, no "Infinity", no empty string), or returns null. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === "inf" || t === "+inf" || t === "Infinity") return Infinity;
  if (t === "-inf" || t === "-Infinity") return -Infinity;
  return NUMBER_RE.test(t) ? Number(t) : null;
}

interface RawRecord { fields: string[]; line: number }

/** RFC 4180 records: quoted fields may hold the delimiter, quotes ("") and line breaks. */
function* records(text: string, delimiter: string, source: string): Generator<RawRecord> {
  let i = 0;
  let line = 1;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    let atFieldStart = true;
    for (;;) {
      if (i >= n) {
        if (quoted) {
          throw new DataError("parse", "readCSV", `${source}, line ${startLine}: a quoted field is never closed`,
            { file: source, line: startLine });
        }
        fields.push(field);
        break;
      }
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          quoted = false; i++; continue;
        }
        if (c === "\n") line++;
        field += c; i++;
        continue;
      }
      if (c === '"' && atFieldStart) { quoted = true; atFieldStart = false; i++; continue; }
      if (c === delimiter) { fields.push(field); field = ""; atFieldStart = true; i++; continue; }
      if (c === "\n" || c === "\r") {
        fields.push(field);
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line++;
        break;
      }
      field += c; atFieldStart = false; i++;
    }
    // A blank line is no record (a trailing newline, or blank lines between records).
    if (fields.length === 1 && fields[0].trim() === "") continue;
    yield { fields, line: startLine };
  }
}

/** A table of named, typed columns, as read from a CSV file. */
export class Table {
  readonly columns: readonly string[];
  readonly length: number;
  readonly types: Readonly<Record<string, ColumnType>>;
  private readonly numeric: Map<string, Float64Array>;
  private readonly text: Map<string, (string | null)[]>;

  constructor(columns: readonly string[], data: Record<string, Float64Array | readonly (string | null)[]>) {
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c)) throw new DataError("value", "Table", `duplicate column name ${JSON.stringify(c)}`, { column: c });
      seen.add(c);
    }
    this.columns = Object.freeze([...columns]);
    this.numeric = new Map();
    this.text = new Map();
    const types: Record<string, ColumnType> = {};
    let length = -1;
    for (const c of columns) {
      const col = data[c];
      if (col === undefined) throw new DataError("value", "Table", `no data for column ${JSON.stringify(c)}`, { column: c });
      if (length >= 0 && col.length !== length) {
        throw new DataError("shape", "Table", `column ${JSON.stringify(c)} has ${col.length} values, the first column ${length}`, { column: c });
      }
      length = col.length;
      if (col instanceof Float64Array) { this.numeric.set(c, col); types[c] = "number"; }
      else { this.text.set(c, [...col]); types[c] = "string"; }
    }
    this.length = Math.max(length, 0);
    this.types = Object.freeze(types);
  }

  private check(op: string, name: string): void {
    if (!this.columns.includes(name)) {
      throw new DataError("value", op, `no column named ${JSON.stringify(name)}`, { column: name },
        `the columns are ${this.columns.map((c) => JSON.stringify(c)).join(", ")}`);
    }
  }

  /** A numeric column as a float64 array (NaN where missing). */
  numbers(name: string): NDArray {
    this.check("Table.numbers", name);
    const col = this.numeric.get(name);
    if (!col) {
      throw new DataError("value", "Table.numbers", `column ${JSON.stringify(name)} holds strings, not numbers`,
        { column: name }, "encode it first: new LabelEncoder().fitTransform(table.strings(name)) or getDummies(...)");
    }
    return new NDArray(col.slice(), [col.length], undefined, 0, "float64");
  }

  /** Any column as strings (null where missing); numbers are written back with String(). */
  strings(name: string): (string | null)[] {
    this.check("Table.strings", name);
    const col = this.text.get(name);
    if (col) return [...col];
    return Array.from(this.numeric.get(name)!, (v) => (Number.isNaN(v) ? null : String(v)));
  }

  /** Numeric columns side by side as an (n, k) array, float64 unless `dtype` says float32. */
  toNDArray(columns: readonly string[] = this.columns, options: { dtype?: "float64" | "float32" } = {}): NDArray {
    const k = columns.length;
    const cols = columns.map((c) => this.numbers(c).data);
    const out = NDArray.zeros([this.length, k], options.dtype ?? "float64");
    for (let j = 0; j < k; j++) {
      const col = cols[j];
      for (let i = 0; i < this.length; i++) out.data[i * k + j] = col[i];
    }
    return out;
  }

  /** 0-based indices of the rows where `name` is missing. */
  missingRows(name: string): number[] {
    this.check("Table.missingRows", name);
    const rows: number[] = [];
    const num = this.numeric.get(name);
    if (num) { for (let i = 0; i < num.length; i++) if (Number.isNaN(num[i])) rows.push(i); }
    else this.text.get(name)!.forEach((v, i) => { if (v === null) rows.push(i); });
    return rows;
  }

  /** The number of missing values in each column. */
  missing(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.columns) out[c] = this.missingRows(c).length;
    return out;
  }

  /** One line per column with missing values, e.g. `sex (string): 11 missing of 344, rows 3, 8, 9, ...`. */
  missingReport(): string {
    const lines: string[] = [];
    for (const c of this.columns) {
      const rows = this.missingRows(c);
      if (rows.length === 0) continue;
      const shown = rows.slice(0, 8).join(", ") + (rows.length > 8 ? ", ..." : "");
      lines.push(`${c} (${this.types[c]}): ${rows.length} missing of ${this.length}, rows ${shown}`);
    }
    return lines.length === 0 ? `no missing values in ${this.length} rows` : lines.join("\n");
  }

  /** The rows at `indices` (0-based), as a new Table. */
  take(indices: ArrayLike<number>): Table {
    const data: Record<string, Float64Array | (string | null)[]> = {};
    for (const c of this.columns) {
      const num = this.numeric.get(c);
      const txt = this.text.get(c);
      const n = indices.length;
      if (num) {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = num[this.checkRow("Table.take", indices[i])];
        data[c] = out;
      } else {
        data[c] = Array.from({ length: n }, (_, i) => txt![this.checkRow("Table.take", indices[i])]);
      }
    }
    return new Table(this.columns, data);
  }

  private checkRow(op: string, i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) {
      throw new DataError("value", op, `row ${i} is out of range for a table of ${this.length} rows`);
    }
    return i;
  }

  /** The rows with no missing value in `columns` (all columns by default). */
  dropMissing(columns: readonly string[] = this.columns): Table {
    const bad = new Set<number>();
    for (const c of columns) for (const r of this.missingRows(c)) bad.add(r);
    const keep: number[] = [];
    for (let i = 0; i < this.length; i++) if (!bad.has(i)) keep.push(i);
    return this.take(keep);
  }

  /** Only the given columns, in that order. */
  select(columns: readonly string[]): Table {
    const data: Record<string, Float64Array | (string | null)[]> = {};
    for (const c of columns) {
      this.check("Table.select", c);
      data[c] = this.numeric.get(c) ?? this.text.get(c)!;
    }
    return new Table(columns, data);
  }

  /** The first n rows as aligned text, for a quick look. */
  head(n = 5): string {
    const rows = Math.min(n, this.length);
    const cells = this.columns.map((c) => {
      const vals = this.strings(c).slice(0, rows).map((v) => (v === null ? "NA" : v));
      const w = Math.max(c.length, ...vals.map((v) => v.length));
      return { w, head: c, vals, right: this.types[c] === "number" };
    });
    const pad = (s: string, w: number, right: boolean) => (right ? s.padStart(w) : s.padEnd(w));
    const out = [cells.map((k) => pad(k.head, k.w, k.right)).join("  ")];
    for (let i = 0; i < rows; i++) out.push(cells.map((k) => pad(k.vals[i], k.w, k.right)).join("  "));
    return out.join("\n");
  }

  toString(): string {
    return `Table (${this.length} rows × ${this.columns.length} columns)\n${this.head()}` + (this.length > 5 ? "\n..." : "");
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
}

/** Parses CSV text into a Table; see CSVOptions. */
export function parseCSV(text: string, options: CSVOptions = {}): Table {
  const source = options.source ?? "<csv text>";
  const delimiter = options.delimiter ?? ",";
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new DataError("value", "readCSV", `delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`,
      { argument: "delimiter" });
  }
  const na = new Set(options.naValues ?? DEFAULT_NA_VALUES);
  const it = records(text, delimiter, source);
  for (let s = 0; s < (options.skipLines ?? 0); s++) if (it.next().done) break;

  const header = options.header ?? true;
  let names: string[] | null = options.columns ? [...options.columns] : null;
  const rows: RawRecord[] = [];
  let first = true;
  for (const rec of it) {
    if (first && header) {
      first = false;
      if (!names) names = rec.fields.map((f) => f.trim());
      else if (rec.fields.length !== names.length) {
        throw new DataError("ragged", "readCSV", `${source}, line ${rec.line}: the header has ${rec.fields.length} fields but ${names.length} column names were given`,
          { file: source, line: rec.line });
      }
      continue;
    }
    first = false;
    if (!names) names = rec.fields.map((_, j) => String(j));
    if (rec.fields.length !== names.length) {
      throw new DataError("ragged", "readCSV",
        `${source}, line ${rec.line} (data row ${rows.length + 1}): expected ${names.length} fields, found ${rec.fields.length}`,
        { file: source, line: rec.line });
    }
    rows.push(rec);
  }
  if (!names) throw new DataError("parse", "readCSV", `${source} is empty`, { file: source });
  for (const c of Object.keys(options.types ?? {})) {
    if (!names.includes(c)) {
      throw new DataError("value", "readCSV", `types names a column ${JSON.stringify(c)} that ${source} does not have`,
        { file: source, column: c, argument: "types" });
    }
  }

  const data: Record<string, Float64Array | (string | null)[]> = {};
  names.forEach((name, j) => {
    const forced = options.types?.[name];
    const values = new Float64Array(rows.length);
    let numeric = forced !== "string";
    for (let i = 0; i < rows.length && numeric; i++) {
      const raw = rows[i].fields[j];
      if (na.has(raw.trim())) { values[i] = NaN; continue; }
      const v = parseNumber(raw);
      if (v === null) {
        if (forced === "number") {
          throw new DataError("parse", "readCSV",
            `${source}, line ${rows[i].line} (data row ${i + 1}), column ${JSON.stringify(name)}: cannot parse ${JSON.stringify(raw)} as a number`,
            { file: source, line: rows[i].line, column: name });
        }
        numeric = false;
      } else values[i] = v;
    }
    data[name] = numeric ? values : rows.map((r) => (na.has(r.fields[j].trim()) ? null : r.fields[j]));
  });
  return new Table(names, data);
}

/** Reads a CSV file (plain, or gzipped when the name ends in .gz) into a Table. */
export function readCSV(path: string, options: CSVOptions = {}): Table {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataError("missing", "readCSV", `cannot read ${path}: ${(e as Error).message}`, { file: path });
  }
  if (path.endsWith(".gz")) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DataError("parse", "readCSV", `${path} is named .gz but is not gzip data (${(e as Error).message})`, { file: path },
        "rename it without .gz if it is plain text");
    }
  }
  return parseCSV(bytes.toString("utf8"), { source: basename(path), ...options });
}
