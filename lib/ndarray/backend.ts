// Which kernels run the heavy loops. The pure TypeScript kernels always exist; a WebAssembly SIMD
// build of the hot ones (lib/kernels/) is used when this JavaScript engine can run it, unless the
// environment says NNBOOK_WASM=0 or np.setBackend("ts") chose otherwise. Both give the same
// results within float rounding (tests run both).
import { wasmGemm, wasmGemmBuild } from "../kernels/gemm-wasm";
import { setThreads, threadInfo } from "../kernels/gemm-threads";

/** How many threads large matrix products use (NNBOOK_THREADS; default: the cores, up to 8). */
export { setThreads };

export type Backend = "wasm" | "ts";

let wanted: Backend = typeof process !== "undefined" && process.env && process.env.NNBOOK_WASM === "0" ? "ts" : "wasm";

/** Chooses the kernels: "wasm" (the default where WebAssembly SIMD works) or "ts". */
export function setBackend(backend: Backend): void {
  if (backend !== "wasm" && backend !== "ts") throw new Error(`setBackend: unknown backend ${JSON.stringify(backend)}; use "wasm" or "ts"`);
  wanted = backend;
}

/** The backend asked for (the wasm kernels may still be unavailable: see kernelInfo). */
export function getBackend(): Backend {
  return wanted;
}

/** A line for benchmarks and bug reports: which kernels are in use. */
export function kernelInfo(): string {
  if (wanted === "ts") return "ts (pure TypeScript, chosen)";
  if (wasmGemm === null) return "ts (pure TypeScript: this engine has no WebAssembly SIMD)";
  const t = threadInfo();
  const threads = t.threads === 1 ? "1 thread" : t.unavailable !== null && t.running === 1
    ? `1 thread: worker threads unavailable (${t.unavailable})` : `up to ${t.threads} threads`;
  return `wasm (WebAssembly SIMD matmul${wasmGemmBuild === "fma" ? ", fused multiply-add" : ""}, ${threads})`;
}
