import { afterEach, describe, expect, it } from "vitest";
import { check, CheckError, isFastMode } from "../lib/index";

describe("isFastMode", () => {
  const saved = { CI: process.env.CI, NNBOOK_FAST: process.env.NNBOOK_FAST };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  });
  it("follows NNBOOK_FAST, else CI", () => {
    delete process.env.CI; delete process.env.NNBOOK_FAST;
    expect(isFastMode()).toBe(false);
    process.env.CI = "true";
    expect(isFastMode()).toBe(true);
    process.env.NNBOOK_FAST = "0";
    expect(isFastMode()).toBe(false);
    delete process.env.CI; process.env.NNBOOK_FAST = "1";
    expect(isFastMode()).toBe(true);
  });
});

describe("check", () => {
  it("throws the learner's message when the condition fails", () => {
    expect(() => check(1 + 1 === 3, "1 + 1 should be 3")).toThrow(CheckError);
    expect(() => check(false, "expected W to have shape (2, 3)")).toThrow("expected W to have shape (2, 3)");
    expect(() => check(true, "fine")).not.toThrow();
  });
});
