// Runs matrix products on the WebAssembly SIMD kernels of gemm.wat. This file packs the operands
// (from any strides, converting to the kernel's float type) into the module's memory, calls the
// kernel and copies the product out. The module is compiled synchronously from bytes embedded in
// gemm-wasm-bytes.ts; where this engine lacks WebAssembly SIMD, `wasmGemm` is null and callers use
// the TypeScript kernels.
//
// Two builds of the kernels: with fused multiply-adds (relaxed SIMD's relaxed_madd, an FMA
// instruction on x86-64 with FMA3 and on ARM64; about 20% faster here) where the engine runs relaxed
// SIMD, else plain SIMD. Node 22 and later run relaxed SIMD as they come; Node 20 has it behind a
// V8 flag, which is switched on here before compiling (NNBOOK_WASM_FMA=0 keeps the plain build).
// Fused and separate multiply-adds round differently in the last bit; tests compare with tolerances.
import { GEMM_FMA_WASM_BASE64, GEMM_WASM_BASE64 } from "./gemm-wasm-bytes";
import { GemmKernels, nodeProcess, runGemm } from "./gemm-threads";

/** A matrix inside a typed array: element (i, j) is data[offset + i·rowStride + j·colStride]. */
export interface StridedMatrix {
  readonly data: Float64Array | Float32Array | Int32Array | Uint8Array;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/** The shared memory the kernels work in (a WebAssembly.Memory). */
interface SharedMemory { readonly buffer: SharedArrayBuffer; grow(pages: number): number }

interface Kernels extends GemmKernels {
  pack_panels(src: number, ld: number, dst: number, count: number, panels: number, chunk: number): void;
  pack_rows(src: number, ld: number, dst: number, count: number, panels: number, size: number): void;
  // float32 optimizer updates (see update-wasm.ts)
  sgd_f32(w: number, g: number, s0: number, n: number, lr: number, mu: number, wd: number, flags: number): void;
  adagrad_f32(w: number, g: number, s0: number, n: number, lr: number, eps: number): void;
  rmsprop_f32(w: number, g: number, s0: number, n: number, lr: number, alpha: number, oneMinusAlpha: number, eps: number): void;
  adam_f32(w: number, g: number, s0: number, s1: number, n: number, lr: number, b1: number, oneMinusB1: number, b2: number,
    oneMinusB2: number, correction1: number, correction2: number, eps: number, wd: number, flags: number): void;
}

interface Loaded { exports: Kernels; module: object; memory: SharedMemory; fma: boolean }

const MR = 4; // rows per A micro-panel (both kernels)

function decode(base64: string): Uint8Array {
  if (typeof Buffer !== "undefined") return new Uint8Array(Buffer.from(base64, "base64"));
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The few WebAssembly JS APIs used here (typed locally: the lib compiles without DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => SharedMemory;
  Instance: new (module: object, imports: object) => { exports: unknown };
  validate(bytes: Uint8Array): boolean;
}

/** Switches on Node 20's relaxed SIMD flag (a no-op elsewhere); true when the module then validates. */
function relaxedSimd(wasm: WasmApi, bytes: Uint8Array): boolean {
  if (wasm.validate(bytes)) return true;
  const v8 = nodeProcess?.getBuiltinModule?.("v8") as { setFlagsFromString?(flags: string): void } | undefined;
  if (!v8?.setFlagsFromString) return false;
  try {
    v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
  } catch {
    return false;
  }
  return wasm.validate(bytes);
}

function instantiate(): Loaded | null {
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return null;
  const fmaBytes = decode(GEMM_FMA_WASM_BASE64);
  const builds = nodeProcess?.env?.NNBOOK_WASM_FMA !== "0" && relaxedSimd(wasm, fmaBytes)
    ? [{ bytes: fmaBytes, fma: true }, { bytes: decode(GEMM_WASM_BASE64), fma: false }]
    : [{ bytes: decode(GEMM_WASM_BASE64), fma: false }];
  for (const build of builds) {
    try {
      // One page to start; grown as products need (up to 4 GiB, the most a 32-bit memory holds).
      const memory = new wasm.Memory({ initial: 1, maximum: 65536, shared: true });
      const module = new wasm.Module(build.bytes);
      const exports = new wasm.Instance(module, { env: { memory } }).exports as Kernels;
      return { exports, module, memory, fma: build.fma };
    } catch {
      // this build does not run here: try the next, else the TypeScript kernels do the work
    }
  }
  return null;
}

const loaded = instantiate();

/** Which wasm build runs matmul: "fma" (relaxed SIMD), "simd", or null (none: TypeScript kernels). */
export const wasmGemmBuild: "fma" | "simd" | null = loaded === null ? null : loaded.fma ? "fma" : "simd";

/** Grows the kernels' memory to at least `bytes`; false when it cannot (32-bit memory is at most 4 GiB). */
function reserve(memory: SharedMemory, bytes: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  if (bytes > 2 ** 32 - 65536) return false;
  try {
    memory.grow(Math.ceil((bytes - have) / 65536));
    return true;
  } catch {
    return false;
  }
}

const roundUp = (x: number, to: number) => Math.ceil(x / to) * to;

/**
 * The module's exports and a float32 view of its first `floats` values, for the other kernels of
 * gemm.wat (update-wasm.ts). Null when the module does not run here or the memory cannot grow.
 * Matrix products use the same area; neither keeps anything there between calls.
 */
export function kernelScratch(floats: number): { exports: Kernels; view: Float32Array } | null {
  if (loaded === null || !reserve(loaded.memory, floats * 4)) return null;
  return { exports: loaded.exports, view: new Float32Array(loaded.memory.buffer as unknown as ArrayBuffer, 0, floats) };
}

/**
 * A into micro-panels of 4 rows (zero rows pad the last), p-major inside a panel: the 4 values of
 * each column p are written side by side, read from the 4 rows at once, so a transposed view
 * (rows next to each other in memory) reads whole cache lines instead of one value per line.
 */
function packA(dst: Float64Array | Float32Array, at: number, a: StridedMatrix, n: number, k: number, fromRow = 0): void {
  const src = a.data, rs = a.rowStride, cs = a.colStride;
  for (let i = fromRow; i < n; i += MR) {
    let d = at + i * k;
    let s0 = a.offset + i * rs;
    if (i + MR <= n) {
      const s1 = rs, s2 = 2 * rs, s3 = 3 * rs;
      for (let p = 0; p < k; p++, d += MR, s0 += cs) {
        dst[d] = src[s0];
        dst[d + 1] = src[s0 + s1];
        dst[d + 2] = src[s0 + s2];
        dst[d + 3] = src[s0 + s3];
      }
      continue;
    }
    const rows = n - i;
    for (let p = 0; p < k; p++, d += MR, s0 += cs) {
      for (let r = 0; r < MR; r++) dst[d + r] = r < rows ? src[s0 + r * rs] : 0;
    }
  }
}

/** B into micro-panels of nr columns (zero columns pad the last), p-major inside a panel. */
function packB(dst: Float64Array | Float32Array, at: number, b: StridedMatrix, k: number, m: number, nr: number, fromColumn = 0): void {
  const src = b.data, rs = b.rowStride, cs = b.colStride;
  for (let j = fromColumn; j < m; j += nr) {
    const width = Math.min(nr, m - j);
    let d = at + j * k;
    let s = b.offset + j * cs;
    if (width === nr && cs === 1) {
      // a row-major B: nr neighbours per row
      for (let p = 0; p < k; p++, d += nr, s += rs) {
        for (let c = 0; c < nr; c++) dst[d + c] = src[s + c];
      }
      continue;
    }
    for (let p = 0; p < k; p++, d += nr, s += rs) {
      for (let c = 0; c < nr; c++) dst[d + c] = c < width ? src[s + c * cs] : 0;
    }
  }
}

/**
 * out[outOffset + i·m + j] = Σ_p A[i, p] · B[p, j] in float64 ("f64") or float32 ("f32")
 * arithmetic. Null when the wasm kernels cannot run here; returns false (computing nothing) when
 * the operands do not fit in the module's memory, and the caller uses the TypeScript kernel.
 */
export const wasmGemm: null | ((type: "f64" | "f32", a: StridedMatrix, b: StridedMatrix, n: number, k: number, m: number,
  out: Float64Array | Float32Array, outOffset: number) => boolean) = loaded === null ? null : (type, a, b, n, k, m, out, outOffset) => {
  const { exports, module, memory } = loaded;
  const size = type === "f64" ? 8 : 4, nr = type === "f64" ? 4 : 8;
  const nP = roundUp(n, MR), mP = roundUp(m, nr);
  const aLen = nP * k, bLen = k * mP, cLen = nP * mP;
  // A transposed or row-major A and a row-major B are copied in whole (a native copy) to a
  // staging area after C, and packed there by the wasm module with SIMD loads, stores and shuffles.
  const aTransposed = a.rowStride === 1 && a.colStride >= n, aRowMajor = !aTransposed && a.colStride === 1 && a.rowStride >= k;
  const aSpan = k > 0 && n >= MR ? (aTransposed ? (k - 1) * a.colStride + n : aRowMajor ? (n - 1) * a.rowStride + k : 0) : 0;
  const bSpan = k > 0 && m >= nr && b.colStride === 1 && b.rowStride >= m ? (k - 1) * b.rowStride + m : 0;
  const stageA = aSpan > 0 && aSpan <= 2 * n * k + 64, stageB = bSpan > 0 && bSpan <= 2 * k * m + 64;
  const stageLen = roundUp(Math.max(stageA ? aSpan : 0, stageB ? bSpan : 0), 4);
  const stageAt = aLen + bLen + cLen;
  // A, then B, then C, then the staging area, each starting on a 16-byte boundary (lengths are
  // multiples of 4 elements).
  if (!reserve(memory, (stageAt + stageLen) * size)) return false;
  const View = type === "f64" ? Float64Array : Float32Array;
  const mem = new View(memory.buffer as unknown as ArrayBuffer, 0, stageAt + stageLen);
  if (stageA) {
    mem.set(a.data.subarray(a.offset, a.offset + aSpan), stageAt);
    const panels = Math.floor(n / MR);
    if (aTransposed) exports.pack_panels(stageAt * size, a.colStride * size, 0, k, panels, MR * size);
    else exports.pack_rows(stageAt * size, a.rowStride * size, 0, k, panels, size);
    packA(mem, 0, a, n, k, panels * MR);
  } else {
    packA(mem, 0, a, n, k);
  }
  if (stageB) {
    mem.set(b.data.subarray(b.offset, b.offset + bSpan), stageAt);
    const panels = Math.floor(m / nr);
    exports.pack_panels(stageAt * size, b.rowStride * size, aLen * size, k, panels, nr * size);
    packB(mem, aLen, b, k, m, nr, panels * nr);
  } else {
    packB(mem, aLen, b, k, m, nr);
  }
  const c = mem.subarray(aLen + bLen, stageAt);
  // The kernels write all of C (the first block of k stores); with k = 0 the product is zeros.
  if (k > 0) runGemm(exports, module, memory, type === "f32", 0, aLen * size, (aLen + bLen) * size, nP, k, mP);
  else c.fill(0);
  if (mP === m) out.set(c.subarray(0, n * m), outOffset);
  else for (let i = 0; i < n; i++) out.set(c.subarray(i * mP, i * mP + m), outOffset + i * m);
  return true;
};
