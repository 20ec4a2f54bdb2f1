// The feedback scrubber: hidden test code a learner's function threw back is cut out; the hidden
// checks' own messages (string literals) stay.
import { describe, expect, it } from "vitest";
import { hiddenCode, scrubHidden } from "../../grading/scrub";

const source = [
  'check(addOne(1) === 2, "addOne(1) should be 2");',
  "// BEGIN HIDDEN TESTS",
  'check([1, 2, 3].every((v) => addOne(v) === v + 1), "addOne should add one to every number");',
  "check(sums[1] === 0, `an empty row sums to 0, got ${sums[1]}`);",
  "// END HIDDEN TESTS",
].join("\n");
const test = { cell: 0, source, weight: null, hidden: [[2, 5]] as [number, number][] };

describe("scrubHidden", () => {
  it("takes the hidden lines between the markers", () => {
    expect(hiddenCode(test).split("\n")).toEqual([source.split("\n")[2], source.split("\n")[3]]);
  });

  it("cuts runs of hidden code out of a message", () => {
    expect(scrubHidden("Error: LEAK (v) => addOne(v) === v + 1", hiddenCode(test))).toBe("Error: LEAK [hidden test code]");
    expect(scrubHidden("x check([1, 2, 3].every(y", hiddenCode(test))).toBe("x [hidden test code]y");
    // as the kernel compiled it
    expect(scrubHidden("Error: LEAK (v) => exports.addOne(v) === v + 1", hiddenCode(test))).toBe("Error: LEAK [hidden test code]");
  });

  it("keeps the checks' own messages, short matches and unrelated text", () => {
    const hidden = hiddenCode(test);
    expect(scrubHidden("CheckError: addOne should add one to every number", hidden)).toBe("CheckError: addOne should add one to every number");
    expect(scrubHidden("CheckError: an empty row sums to 0, got NaN", hidden)).toBe("CheckError: an empty row sums to 0, got NaN");
    expect(scrubHidden("TypeError: addOne(v) is 3", hidden)).toBe("TypeError: addOne(v) is 3");
    expect(scrubHidden("anything at all", "")).toBe("anything at all");
  });

  it("keeps a long name the hidden tests also use: the exercise's function, named in its stub message", () => {
    const hidden = "np.assertArrayEqual(predictPoints(XCloud, fit.W, fit.b), yCloud);";
    expect(scrubHidden("Exercise 03.1 is not done yet: write the body of predictPoints (replace this line)", hidden))
      .toBe("Exercise 03.1 is not done yet: write the body of predictPoints (replace this line)");
    expect(scrubHidden("LEAK predictPoints(XCloud, fit.W", hidden)).toBe("LEAK [hidden test code]");
  });
});
