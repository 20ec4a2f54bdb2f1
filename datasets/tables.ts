// Small real tables committed under datasets/data/ (see datasets/NOTICE for sources and licences):
// Palmer penguins (CC0) and four UCI sets (CC BY 4.0) as scikit-learn ships them: iris, wine,
// breast cancer (Wisconsin diagnostic) and the 8×8 optical digits.
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";
import { gunzipSync } from "zlib";
import { NDArray } from "../lib/ndarray/ndarray";
import { parseCSV, Table } from "../lib/data/csv";
import { DataError } from "../lib/data/errors";
import { checkDigest, findUp, sha256 } from "./common";

/**
 * datasets/data beside this file, or, when this file was compiled to another folder (a bench or a
 * scratch build), the first datasets/data found from the working directory up.
 */
function findDataDir(): string {
  const here = join(__dirname, "data");
  if (existsSync(join(here, "penguins.csv"))) return here;
  const found = findUp(join("datasets", "data", "penguins.csv"), [process.cwd()]);
  return found ? dirname(found) : here;
}

export const DATA_DIR = findDataDir();

/** SHA-256 of each committed file, checked on every load. */
export const TABLE_SHA256: Readonly<Record<string, string>> = {
  "penguins.csv": "f204db2c753b0937caac3cb35258562c14f073e4bbc76be24b4c51ce22767a93",
  "iris.csv": "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
  "wine_data.csv": "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede",
  "breast_cancer.csv": "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
  "digits.csv.gz": "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a",
};

function readText(op: string, file: string): string {
  const path = join(DATA_DIR, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DataError("missing", op, `cannot read ${path}`, { file: path }, "it is committed under datasets/data/; restore it from git");
  }
  checkDigest(op, path, sha256(bytes), TABLE_SHA256[file], "SHA-256");
  return (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

/**
 * Palmer penguins (Horst, Hill and Gorman, 2020; CC0): 344 penguins of three species on three
 * islands. Columns species, island, sex (strings; sex has 11 missing) and bill_length_mm,
 * bill_depth_mm, flipper_length_mm, body_mass_g (2 missing each), year (numbers).
 */
export function loadPenguins(): Table {
  return parseCSV(readText("loadPenguins", "penguins.csv"), {
    source: "penguins.csv",
    types: {
      species: "string", island: "string", sex: "string", bill_length_mm: "number", bill_depth_mm: "number",
      flipper_length_mm: "number", body_mass_g: "number", year: "number",
    },
  });
}

/** A labelled table, like scikit-learn's Bunch: X is `data`, y is `target`. */
export interface LabelledSet {
  /** (n, features) float64. */
  data: NDArray;
  /** (n,) int32 class indices. */
  target: NDArray;
  featureNames: readonly string[];
  targetNames: readonly string[];
}

/** scikit-learn's CSV layout: a first line "n,features,class names...", then features and label. */
function loadSklearnCSV(op: string, file: string, featureNames: readonly string[]): LabelledSet {
  const text = readText(op, file);
  const firstBreak = text.indexOf("\n");
  const head = text.slice(0, firstBreak).trim().split(",");
  const n = Number(head[0]);
  const d = Number(head[1]);
  const targetNames = head.slice(2);
  const columns = [...Array(d).keys()].map((j) => `x${j}`).concat("target");
  const types = Object.fromEntries(columns.map((c) => [c, "number" as const]));
  const table = parseCSV(text, { header: false, skipLines: 1, columns, types, source: file });
  if (table.length !== n || d !== featureNames.length) {
    throw new DataError("parse", op, `${file}: the header promises ${n} rows of ${d} features, found ${table.length} rows; expected ${featureNames.length} features`, { file });
  }
  return {
    data: table.toNDArray(columns.slice(0, d)),
    target: table.numbers("target").astype("int32"),
    featureNames,
    targetNames,
  };
}

/** Fisher's iris (UCI, CC BY 4.0): 150 flowers, 4 measurements in cm, 3 species. */
export function loadIris(): LabelledSet {
  return loadSklearnCSV("loadIris", "iris.csv", ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]);
}

/** UCI wine (CC BY 4.0): 178 wines from 3 cultivars, 13 chemical measurements. */
export function loadWine(): LabelledSet {
  return loadSklearnCSV("loadWine", "wine_data.csv", [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
    "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline",
  ]);
}

const CELL_FEATURES = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
  "concave points", "symmetry", "fractal dimension"];

/**
 * UCI Breast Cancer Wisconsin (Diagnostic) (CC BY 4.0): 569 tumours, 30 features of cell nuclei;
 * target 0 = malignant (212), 1 = benign (357).
 */
export function loadBreastCancer(): LabelledSet {
  const names = [...CELL_FEATURES.map((f) => `mean ${f}`), ...CELL_FEATURES.map((f) => `${f} error`), ...CELL_FEATURES.map((f) => `worst ${f}`)];
  return loadSklearnCSV("loadBreastCancer", "breast_cancer.csv", names);
}

/**
 * UCI optical handwritten digits (CC BY 4.0), scikit-learn's load_digits: 1,797 images of 8×8
 * pixels with values 0..16. `images` is (1797, 8, 8), `data` the same as (1797, 64) rows.
 */
export function loadDigits(): LabelledSet & { images: NDArray } {
  const text = readText("loadDigits", "digits.csv.gz");
  const columns = [...Array(64).keys()].map((j) => `pixel_${Math.floor(j / 8)}_${j % 8}`).concat("target");
  const types = Object.fromEntries(columns.map((c) => [c, "number" as const]));
  const table = parseCSV(text, { header: false, columns, types, source: "digits.csv.gz" });
  const data = table.toNDArray(columns.slice(0, 64));
  return {
    data,
    images: data.reshape(table.length, 8, 8),
    target: table.numbers("target").astype("int32"),
    featureNames: columns.slice(0, 64),
    targetNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
  };
}
