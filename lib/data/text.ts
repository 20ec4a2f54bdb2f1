// Text as numbers: word and character tokenizers, a vocabulary with special tokens, and padding
// of token-id sequences into one int32 array.
import { NDArray } from "../ndarray/ndarray";
import { DataError } from "./errors";

export const PAD = "[PAD]";
export const UNK = "[UNK]";
export const SOS = "[SOS]";
export const EOS = "[EOS]";
export const MASK = "[MASK]";
/** The special tokens, in the order they get ids 0..4. */
export const SPECIAL_TOKENS: readonly string[] = [PAD, UNK, SOS, EOS, MASK];

export interface WordTokenizeOptions {
  /** Lower-case the text first (default true). */
  lowercase?: boolean;
  /** Keep punctuation marks as tokens of their own (default false: drop them). */
  punctuation?: boolean;
}

/**
 * Words: runs of letters and digits, with inner apostrophes kept ("don't", "whale's"). With
 * `punctuation: true` every other non-space character is a token too.
 */
export function wordTokenize(text: string, options: WordTokenizeOptions = {}): string[] {
  const t = options.lowercase ?? true ? text.toLowerCase() : text;
  // A word is letters and digits with their combining marks (\p{M}: the vowel signs of हिन्दी,
  // the accent of a decomposed "café"), possibly joined by apostrophes.
  const re = options.punctuation
    ? /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*|[^\s\p{L}\p{M}\p{N}]/gu
    : /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
  return t.match(re) ?? [];
}

/** Characters (Unicode code points, so an emoji is one token). */
export function charTokenize(text: string, options: { lowercase?: boolean } = {}): string[] {
  return Array.from(options.lowercase ? text.toLowerCase() : text);
}

export interface VocabularyOptions {
  /** Tokens seen fewer times are left out (they map to [UNK]); default 1. */
  minFreq?: number;
  /** At most this many tokens besides the special ones, the most frequent first. */
  maxSize?: number;
  /** Special tokens, ids 0.. in this order; default [PAD] [UNK] [SOS] [EOS] [MASK]. Must contain [UNK]. */
  specials?: readonly string[];
  /** Tokens to leave out (e.g. stop words); they map to [UNK]. */
  exclude?: Iterable<string>;
}

/**
 * Token ↔ id. The special tokens come first, then the corpus tokens by decreasing frequency
 * (ties: the token seen first comes first). Unknown tokens map to the id of [UNK].
 */
export class Vocabulary {
  readonly itos: readonly string[];
  readonly counts: ReadonlyMap<string, number>;
  private readonly stoi: Map<string, number>;
  readonly unkIndex: number;
  /** The special tokens (what decode's skipSpecial leaves out). */
  readonly specials: readonly string[];

  /** `specials` defaults to those of itos's tokens that are among the standard ones ([PAD], [UNK], ...). */
  constructor(itos: readonly string[], counts: ReadonlyMap<string, number> = new Map(), unk: string = UNK, specials?: readonly string[]) {
    this.itos = Object.freeze([...itos]);
    this.stoi = new Map();
    this.itos.forEach((t, i) => {
      if (this.stoi.has(t)) throw new DataError("value", "Vocabulary", `token ${JSON.stringify(t)} appears twice`, { argument: "itos" });
      this.stoi.set(t, i);
    });
    const u = this.stoi.get(unk);
    if (u === undefined) throw new DataError("value", "Vocabulary", `the vocabulary has no ${unk} token`, { argument: "specials" });
    this.unkIndex = u;
    this.counts = counts;
    this.specials = Object.freeze([...(specials ?? itos.filter((t) => SPECIAL_TOKENS.includes(t)))]);
  }

  /** Builds a vocabulary from token lists (one per document) or one flat token list. */
  static build(tokens: readonly string[] | readonly (readonly string[])[], options: VocabularyOptions = {}): Vocabulary {
    const specials = options.specials ?? SPECIAL_TOKENS;
    const minFreq = options.minFreq ?? 1;
    if (!Number.isInteger(minFreq) || minFreq < 1) throw new DataError("value", "Vocabulary.build", `minFreq must be a positive integer, got ${minFreq}`, { argument: "minFreq" });
    const counts = new Map<string, number>();
    const add = (t: string) => counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const item of tokens) {
      if (typeof item === "string") add(item);
      else for (const t of item) add(t);
    }
    const specialSet = new Set(specials);
    const excluded = new Set(options.exclude ?? []);
    // Map iteration follows insertion (first-seen) order, and sort is stable: ties keep that order.
    let words = [...counts.entries()].filter(([t, c]) => c >= minFreq && !specialSet.has(t) && !excluded.has(t)).sort((a, b) => b[1] - a[1]).map(([t]) => t);
    if (options.maxSize !== undefined) {
      if (!Number.isInteger(options.maxSize) || options.maxSize < 0) {
        throw new DataError("value", "Vocabulary.build", `maxSize must be a non-negative integer, got ${options.maxSize}`, { argument: "maxSize" });
      }
      words = words.slice(0, options.maxSize);
    }
    const unk = specials.includes(UNK) ? UNK : specials.find((t) => /unk/i.test(t)) ?? UNK;
    return new Vocabulary([...specials, ...words], counts, unk, specials);
  }

  get length(): number { return this.itos.length; }

  /** The id of a token ([UNK]'s id when unknown). */
  indexOf(token: string): number { return this.stoi.get(token) ?? this.unkIndex; }
  has(token: string): boolean { return this.stoi.has(token); }
  /** The token of an id. */
  tokenOf(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.itos.length) {
      throw new DataError("value", "Vocabulary.tokenOf", `id ${index} is not in [0, ${this.itos.length})`);
    }
    return this.itos[index];
  }

  /** Token ids, optionally wrapped in [SOS] ... [EOS]. */
  encode(tokens: readonly string[], options: { addSpecial?: boolean } = {}): number[] {
    const ids = tokens.map((t) => this.indexOf(t));
    if (!options.addSpecial) return ids;
    for (const t of [SOS, EOS]) {
      if (!this.stoi.has(t)) {
        throw new DataError("value", "Vocabulary.encode", `addSpecial needs ${t}, which this vocabulary does not have`,
          { argument: "addSpecial" }, `build it with ${SOS} and ${EOS} among its specials`);
      }
    }
    return [this.indexOf(SOS), ...ids, this.indexOf(EOS)];
  }

  /** Tokens of ids; `skipSpecial` leaves out [PAD], [SOS], [EOS] and the other specials. */
  decode(ids: ArrayLike<number> | NDArray, options: { skipSpecial?: boolean } = {}): string[] {
    const list = ids instanceof NDArray ? Array.from(ids.toTypedArray()) : Array.from(ids);
    const out = list.map((i) => this.tokenOf(i));
    return options.skipSpecial ? out.filter((t) => !this.specials.includes(t)) : out;
  }

  get padIndex(): number { return this.indexOf(PAD); }
}

/**
 * Sequences of ids → one (n, maxLen) int32 array, padded at the end with padValue (0, the id of
 * [PAD]) and cut to maxLen (default: the longest sequence).
 */
export function padSequences(sequences: readonly (readonly number[])[], options: { maxLen?: number; padValue?: number } = {}): NDArray {
  const maxLen = options.maxLen ?? sequences.reduce((m, s) => Math.max(m, s.length), 0); // no spread: any count of sequences
  if (!Number.isInteger(maxLen) || maxLen < 0) throw new DataError("value", "padSequences", `maxLen must be a non-negative integer, got ${maxLen}`, { argument: "maxLen" });
  const out = NDArray.zeros([sequences.length, maxLen], "int32");
  out.fill(options.padValue ?? 0);
  sequences.forEach((s, i) => { for (let j = 0; j < Math.min(s.length, maxLen); j++) out.data[i * maxLen + j] = s[j]; });
  return out;
}

/**
 * Bag of words: an (n documents, vocabulary size) float64 array whose entry (i, j) counts token j
 * in document i (1/0 presence with binary: true). Unknown tokens count toward [UNK].
 */
export function bagOfWords(documents: readonly (readonly string[])[], vocab: Vocabulary, options: { binary?: boolean } = {}): NDArray {
  const V = vocab.length;
  const out = NDArray.zeros([documents.length, V], "float64");
  documents.forEach((doc, i) => {
    for (const t of doc) {
      const k = i * V + vocab.indexOf(t);
      out.data[k] = options.binary ? 1 : out.data[k] + 1;
    }
  });
  return out;
}
