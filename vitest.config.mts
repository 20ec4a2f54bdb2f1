import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Loading a whole dataset or running a lesson takes seconds, and more on a busy 2-core CI
    // machine: a test is a failure for what it checks, not for vitest's 5 s default.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
