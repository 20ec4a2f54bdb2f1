// The `data` namespace: datasets as arrays, preprocessing, loaders, augmentation and text tools.
// Depends only on lib/ndarray (never on autograd), so the early lessons can use it with plain np.
export { DataError } from "./errors";
export type { DataErrorCode } from "./errors";
export { parseCSV, readCSV, parseNumber, Table, DEFAULT_NA_VALUES } from "./csv";
export type { CSVOptions, ColumnType } from "./csv";
export { LabelEncoder, oneHot, fromOneHot, getDummies } from "./encoding";
export type { DummiesOptions } from "./encoding";
export { MinMaxScaler, StandardScaler, normalize } from "./scale";
export { trainTestSplit, splitIndices } from "./split";
export type { SplitOptions } from "./split";
export { TensorDataset, Subset, MapDataset, DataLoader, randomSplit, collate } from "./dataset";
export type { Dataset, Batch, Transform, DataLoaderOptions } from "./dataset";
export {
  hflip, vflip, crop, pad, resize, randomHorizontalFlip, randomVerticalFlip, randomCrop, randomResizedCrop,
  randomResizedCropParams, compose,
} from "./augment";
export type { ImageTransform } from "./augment";
export {
  wordTokenize, charTokenize, Vocabulary, padSequences, bagOfWords, SPECIAL_TOKENS, PAD, UNK, SOS, EOS, MASK,
} from "./text";
export type { WordTokenizeOptions, VocabularyOptions } from "./text";
