// The committed WebAssembly artifact is exactly lib/kernels/gemm.wat assembled by
// scripts/build-wasm.js (the wabt dev dependency); npm ci needs no compiler, CI checks the bytes.
import { execFileSync } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";

describe("lib/kernels/gemm.wasm", () => {
  it("matches its source gemm.wat (npm run build:wasm rebuilds it)", () => {
    const script = path.join(__dirname, "..", "..", "scripts", "build-wasm.js");
    const output = execFileSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(output).toMatch(/matches gemm\.wat/);
  }, 60_000);
});
