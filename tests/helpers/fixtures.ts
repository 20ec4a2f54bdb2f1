// Loads the NumPy reference values written by scripts/make_numpy_fixtures.py.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface EncodedArray {
  __ndarray__: true;
  dtype: string;
  shape: number[];
  data: (number | boolean | string)[];
}

/** Undo the fixture encoding of non-finite floats ("NaN", "Infinity", "-Infinity"). */
export function decodeNumber(v: number | boolean | string): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  throw new Error(`fixture: unexpected value ${JSON.stringify(v)}`);
}

export function isEncodedArray(v: unknown): v is EncodedArray {
  return typeof v === "object" && v !== null && (v as EncodedArray).__ndarray__ === true;
}

/** The `cases` object of tests/fixtures/<name>.json. */
export function loadFixture<T = any>(name: string): T {
  const path = join(__dirname, "..", "fixtures", `${name}.json`);
  return JSON.parse(readFileSync(path, "utf8")).cases as T;
}
