// The generated notebook tests match the notebooks (regenerate with npm run notebooks:tests).
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const generator = require("../scripts/notebook-tests.js") as { expected(): Map<string, string> };

describe("tests/notebooks/", () => {
  it("holds exactly the generated test of every lesson", () => {
    for (const [file, text] of generator.expected()) {
      const path = join(__dirname, "notebooks", file);
      expect(existsSync(path), `${file} is missing: run npm run notebooks:tests`).toBe(true);
      expect(readFileSync(path, "utf8"), `${file} is stale: run npm run notebooks:tests`).toBe(text);
    }
  });
});
