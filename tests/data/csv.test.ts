import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { data, np } from "../../lib/index";

const { parseCSV, readCSV, DataError, parseNumber } = data;

function thrown(f: () => unknown): InstanceType<typeof DataError> {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(DataError); return e as InstanceType<typeof DataError>; }
  throw new Error("expected a DataError");
}

describe("parseCSV", () => {
  const text = "species,island,bill_mm,mass_g,sex\n" +
    "Adelie,Torgersen,39.1,3750,male\n" +
    "Adelie,Torgersen,NA,NA,NA\n" +
    "Gentoo,\"Biscoe, north\",46.1,4500,female\r\n" +
    "Chinstrap,Dream,-4.5e1,3200,\n";

  it("infers number and string columns and reads missing values as NaN / null", () => {
    const t = parseCSV(text);
    expect(t.columns).toEqual(["species", "island", "bill_mm", "mass_g", "sex"]);
    expect(t.length).toBe(4);
    expect(t.types).toEqual({ species: "string", island: "string", bill_mm: "number", mass_g: "number", sex: "string" });
    expect(t.numbers("bill_mm").toArray()).toEqual([39.1, NaN, 46.1, -45]);
    expect(t.numbers("bill_mm").dtype).toBe("float64");
    expect(t.strings("island")).toEqual(["Torgersen", "Torgersen", "Biscoe, north", "Dream"]);
    expect(t.strings("sex")).toEqual(["male", null, "female", null]);
    expect(t.strings("mass_g")).toEqual(["3750", null, "4500", "3200"]);
  });

  it("reports missing values per column with their rows", () => {
    const t = parseCSV(text);
    expect(t.missing()).toEqual({ species: 0, island: 0, bill_mm: 1, mass_g: 1, sex: 2 });
    expect(t.missingRows("sex")).toEqual([1, 3]);
    expect(t.missingReport()).toBe(
      "bill_mm (number): 1 missing of 4, rows 1\nmass_g (number): 1 missing of 4, rows 1\nsex (string): 2 missing of 4, rows 1, 3");
    const clean = t.dropMissing();
    expect(clean.length).toBe(2);
    expect(clean.strings("species")).toEqual(["Adelie", "Gentoo"]);
    expect(clean.missingReport()).toBe("no missing values in 2 rows");
    expect(t.dropMissing(["bill_mm"]).length).toBe(3);
  });

  it("builds an (n, k) feature array from numeric columns", () => {
    const X = parseCSV(text).dropMissing().toNDArray(["bill_mm", "mass_g"]);
    expect(X.shape).toEqual([2, 2]);
    expect(X.toArray()).toEqual([[39.1, 3750], [46.1, 4500]]);
    expect(parseCSV(text).toNDArray(["mass_g"], { dtype: "float32" }).dtype).toBe("float32");
    const e = thrown(() => parseCSV(text).toNDArray(["species"]));
    expect(e.message).toMatch(/column "species" holds strings, not numbers/);
    expect(e.column).toBe("species");
  });

  it("handles quotes, escaped quotes, embedded newlines, BOM and no header", () => {
    const t = parseCSV("\uFEFFa,b\n\"say \"\"hi\"\"\",\"two\nlines\"\n", {});
    expect(t.strings("a")).toEqual(['say "hi"']);
    expect(t.strings("b")).toEqual(["two\nlines"]);
    const u = parseCSV("1;2\n3;4\n", { header: false, delimiter: ";" });
    expect(u.columns).toEqual(["0", "1"]);
    expect(u.toNDArray().toArray()).toEqual([[1, 2], [3, 4]]);
    const v = parseCSV("junk line\n1,2\n", { header: false, skipLines: 1, columns: ["x", "y"] });
    expect(v.numbers("y").toArray()).toEqual([2]);
  });

  it("forces types: a numeric-looking column read as strings", () => {
    const t = parseCSV("zip,n\n01234,1\n", { types: { zip: "string" } });
    expect(t.strings("zip")).toEqual(["01234"]);
  });

  it("parses decimals only (no hex, no empty string as 0)", () => {
    expect(parseNumber(" 1.5e3 ")).toBe(1500);
    expect(parseNumber(".5")).toBe(0.5);
    expect(parseNumber("0x10")).toBeNull();
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("1,5")).toBeNull();
    expect(parseNumber("-inf")).toBe(-Infinity);
  });

  it("names the line of a ragged row", () => {
    const e = thrown(() => parseCSV("a,b,c\n1,2,3\n4,5\n", { source: "bad.csv" }));
    expect(e.code).toBe("ragged");
    expect(e.message).toBe("readCSV: bad.csv, line 3 (data row 2): expected 3 fields, found 2");
    expect(e.line).toBe(3);
    expect(e.file).toBe("bad.csv");
  });

  it("names the row and column of an unparsable number in a numeric column", () => {
    const e = thrown(() => parseCSV("x,y\n1,2\n3,4O\n", { source: "t.csv", types: { y: "number" } }));
    expect(e.code).toBe("parse");
    expect(e.message).toBe('readCSV: t.csv, line 3 (data row 2), column "y": cannot parse "4O" as a number');
    expect(e.column).toBe("y");
    expect(e.line).toBe(3);
  });

  it("rejects an unclosed quote, an empty file, unknown columns", () => {
    expect(thrown(() => parseCSV('a\n"open\n', { source: "q.csv" })).message).toBe("readCSV: q.csv, line 2: a quoted field is never closed");
    expect(thrown(() => parseCSV("", { source: "e.csv" })).message).toBe("readCSV: e.csv is empty");
    expect(thrown(() => parseCSV("a\n1\n", { types: { b: "number" } })).message).toMatch(/types names a column "b"/);
    expect(thrown(() => parseCSV("a\n1\n").numbers("z")).message).toMatch(/no column named "z"\nhint: the columns are "a"/);
  });
});

describe("readCSV", () => {
  const dir = mkdtempSync(join(tmpdir(), "nnbook-csv-"));
  it("reads plain and gzipped files and names the file in errors", () => {
    writeFileSync(join(dir, "a.csv"), "x,y\n1,2\n");
    writeFileSync(join(dir, "a.csv.gz"), gzipSync("x,y\n1,2\n"));
    expect(readCSV(join(dir, "a.csv")).toNDArray().toArray()).toEqual([[1, 2]]);
    expect(readCSV(join(dir, "a.csv.gz")).toNDArray().toArray()).toEqual([[1, 2]]);
    writeFileSync(join(dir, "r.csv"), "x,y\n1\n");
    expect(thrown(() => readCSV(join(dir, "r.csv"))).message).toBe("readCSV: r.csv, line 2 (data row 1): expected 2 fields, found 1");
    const e = thrown(() => readCSV(join(dir, "nope.csv")));
    expect(e.code).toBe("missing");
    expect(e.message).toMatch(/cannot read .*nope\.csv/);
  });

  it("Table prints its head", () => {
    const t = parseCSV("name,v\nab,1\nc,22.5\n");
    expect(String(t)).toBe("Table (2 rows × 2 columns)\nname     v\nab       1\nc     22.5");
    expect(np.arrayEqual(t.numbers("v"), [1, 22.5])).toBe(true);
  });
});
