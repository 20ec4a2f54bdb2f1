// Every dataset loader in one import: `import * as datasets from "./datasets/datasets"` in a
// notebook (notebooks/datasets links here), or import the single files.
export { loadMNIST, loadFashionMNIST, loadIdxImages, MNIST, FASHION_MNIST, FASHION_MNIST_DIR } from "./mnist";
export type { ImageSet, LoadImagesOptions } from "./mnist";
export { loadPenguins, loadIris, loadWine, loadBreastCancer, loadDigits, TABLE_SHA256, DATA_DIR } from "./tables";
export type { LabelledSet } from "./tables";
export { loadSpamAssassin, loadStopwords, loadMobyDick, mobyDickText, loadSOTU } from "./text";
export type { Mail, Chapter, Address } from "./text";
export { parseIdx, readIdx } from "./idx";
export type { IdxArray } from "./idx";
