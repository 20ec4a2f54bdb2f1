// Keeps the hidden tests' code out of learner feedback. A learner's function that the tests call
// can get hold of the functions the tests pass it (a callback given to a replaced
// Array.prototype.every, say) and throw their source as its error message; the grader would then
// quote hidden code back. The messages of the hidden checks themselves ("addOne(-1) should be 0")
// are meant for the learner, so text inside string literals stays.
import type { TestCell } from "./format";

/** Runs of at least this many characters copied from hidden code are cut from feedback. */
const MIN_RUN = 12;

/** The hidden lines of a tests cell, without the BEGIN/END markers. */
export function hiddenCode(test: TestCell): string {
  const src = test.source.split("\n");
  return test.hidden.map(([a, b]) => src.slice(a, b - 1).join("\n")).join("\n");
}

/** The contents of the string and template literals in some code (template holes left out). */
function literals(code: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
  for (let m = re.exec(code); m !== null; m = re.exec(code)) {
    const text = m[1] ?? m[2] ?? m[3] ?? "";
    out.push(...text.split(/\$\{[^}]*\}/));
  }
  return out;
}

/**
 * `text` with every run of MIN_RUN or more characters that also appears in `hidden` replaced by
 * "[hidden test code]", unless the run lies inside one of the hidden code's string literals.
 */
export function scrubHidden(text: string, hidden: string): string {
  if (hidden.trim() === "" || text.length < MIN_RUN) return text;
  // The kernel compiles each cell, reaching earlier cells' names as `exports.name`: matched as written.
  const message = text.replace(/\bexports\./g, "");
  const allowed = literals(hidden);
  const inLiteral = (run: string) => allowed.some((l) => l.includes(run));
  let out = "";
  let i = 0;
  while (i < message.length) {
    let len = 0;
    if (hidden.includes(message.slice(i, i + MIN_RUN)) && i + MIN_RUN <= message.length) {
      len = MIN_RUN;
      while (i + len < message.length && hidden.includes(message.slice(i, i + len + 1))) len++;
    }
    // A run with no code punctuation is prose or a name (the function the exercise asks for, named
    // in the hidden checks too): it gives nothing away, and the learner needs to read it.
    const run = message.slice(i, i + len);
    if (len > 0 && /[()[\]{};=<>+*/&|!?]/.test(run) && !inLiteral(run)) {
      out += "[hidden test code]";
      i += len;
    } else {
      out += message[i];
      i++;
    }
  }
  return out;
}
