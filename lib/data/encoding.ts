// Categorical data as numbers: label encoding (classes → 0..k-1), one-hot rows and back, and
// pandas-style dummy variables.
import { NDArray, ArrayInput } from "../ndarray/ndarray";
import { asarray } from "../ndarray/create";
import { formatShape } from "../ndarray/errors";
import { DataError } from "./errors";

type Label = string | number;

/**
 * Orders strings by Unicode code point, as NumPy's np.unique sorts them (JS's default sort
 * compares UTF-16 units, which puts "😀" before "！").
 */
export function compareCodePoints(a: string, b: string): number {
  const x = a[Symbol.iterator](), y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next(), q = y.next();
    if (p.done || q.done) return p.done && q.done ? 0 : p.done ? -1 : 1;
    const d = p.value.codePointAt(0)! - q.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function sortLabels(values: Iterable<Label>): Label[] {
  const list = [...new Set(values)];
  const allNumbers = list.every((v) => typeof v === "number");
  return allNumbers ? list.sort((a, b) => (a as number) - (b as number)) : [...new Set(list.map(String))].sort(compareCodePoints);
}

/**
 * scikit-learn's LabelEncoder: `classes` are the distinct labels sorted (numbers by value, strings
 * by code point); transform maps each label to its index in `classes`, as int32.
 */
export class LabelEncoder {
  classes: Label[] | null = null;
  private index = new Map<Label, number>();

  fit(labels: readonly (Label | null)[]): this {
    labels.forEach((v, i) => {
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
        throw new DataError("value", "LabelEncoder.fit", `label ${i} is missing`, { argument: "labels" },
          "drop the rows with missing labels first (table.dropMissing([column]))");
      }
    });
    this.classes = sortLabels(labels as Label[]);
    this.index = new Map(this.classes.map((c, i) => [c, i]));
    return this;
  }

  transform(labels: readonly (Label | null)[]): NDArray {
    if (!this.classes) throw new DataError("value", "LabelEncoder.transform", "this LabelEncoder is not fitted yet", {}, "call fit(labels) first");
    const stringClasses = typeof this.classes[0] === "string";
    const out = new Int32Array(labels.length);
    const unseen: Label[] = [];
    labels.forEach((v, i) => {
      const key = v === null ? null : stringClasses ? String(v) : v;
      const k = key === null ? undefined : this.index.get(key);
      if (k === undefined) unseen.push(v === null ? "null" : v);
      else out[i] = k;
    });
    if (unseen.length > 0) {
      throw new DataError("value", "LabelEncoder.transform",
        `y contains previously unseen labels: ${[...new Set(unseen)].slice(0, 5).map((u) => JSON.stringify(u)).join(", ")}`, { argument: "labels" });
    }
    return new NDArray(out, [labels.length], undefined, 0, "int32");
  }

  fitTransform(labels: readonly (Label | null)[]): NDArray { return this.fit(labels).transform(labels); }

  /** Codes back to labels. */
  inverseTransform(codes: ArrayInput): Label[] {
    if (!this.classes) throw new DataError("value", "LabelEncoder.inverseTransform", "this LabelEncoder is not fitted yet");
    const classes = this.classes;
    return Array.from(asarray(codes).toTypedArray(), (c) => {
      if (!Number.isInteger(c) || c < 0 || c >= classes.length) {
        throw new DataError("value", "LabelEncoder.inverseTransform", `code ${c} is not in [0, ${classes.length})`);
      }
      return classes[c];
    });
  }
}

/**
 * One-hot rows: integer labels of shape (n,) become an (n, numClasses) array with a 1 in each
 * row's label column. numClasses defaults to max(label) + 1.
 */
export function oneHot(labels: ArrayInput, numClasses?: number, options: { dtype?: "float64" | "float32" | "int32" } = {}): NDArray {
  const y = asarray(labels);
  if (y.ndim !== 1) {
    throw new DataError("shape", "oneHot", `labels must be 1-D, got shape ${formatShape(y.shape)}`, { argument: "labels" });
  }
  const flat = y.toTypedArray();
  let k = numClasses;
  if (k === undefined) {
    k = 0;
    flat.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0) throw new DataError("value", "oneHot", `label ${v} at index ${i} is not a non-negative integer`, { argument: "labels" });
      k = Math.max(k!, v + 1);
    });
  }
  if (!Number.isInteger(k) || k < 1) throw new DataError("value", "oneHot", `numClasses must be a positive integer, got ${k}`, { argument: "numClasses" });
  const out = NDArray.zeros([flat.length, k], options.dtype ?? "float64");
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new DataError("value", "oneHot", `label ${c} at index ${i} is not an integer in [0, ${k})`, { argument: "labels" });
    }
    out.data[i * k + c] = 1;
  }
  return out;
}

/** One-hot (or probability) rows back to class indices: the argmax of each row, int32. */
export function fromOneHot(Y: ArrayInput): NDArray {
  const a = asarray(Y);
  if (a.ndim !== 2) throw new DataError("shape", "fromOneHot", `expected an (n, k) array, got shape ${formatShape(a.shape)}`);
  return a.argmax({ axis: 1 });
}

export interface DummiesOptions {
  /** Column-name prefix: `${prefix}_${category}` (pandas' default separator). */
  prefix?: string;
  /** Drop the first category, so k categories give k - 1 columns (for linear models). */
  dropFirst?: boolean;
  dtype?: "float64" | "float32" | "int32";
}

/**
 * pandas.get_dummies for one column: one 0/1 column per category (sorted), rows with a missing
 * value get all zeros. Returns the column names and an (n, k) array.
 */
export function getDummies(values: readonly (string | number | null)[], options: DummiesOptions = {}): { columns: string[]; values: NDArray } {
  const present = values.filter((v): v is string | number => v !== null && !(typeof v === "number" && Number.isNaN(v)));
  let cats = sortLabels(present).map(String);
  if (options.dropFirst) cats = cats.slice(1);
  const pos = new Map(cats.map((c, i) => [c, i]));
  const k = cats.length;
  const out = NDArray.zeros([values.length, k], options.dtype ?? "float64");
  values.forEach((v, i) => {
    if (v === null) return;
    const j = pos.get(String(v));
    if (j !== undefined) out.data[i * k + j] = 1;
  });
  const columns = cats.map((c) => (options.prefix === undefined ? c : `${options.prefix}_${c}`));
  return { columns, values: out };
}
