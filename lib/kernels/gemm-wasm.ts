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
import { scratchBase } from "./arena";

/** A matrix inside a typed array: element (i, j) is data[offset + i·rowStride + j·colStride]. */
export interface StridedMatrix {
  readonly data: Float64Array | Float32Array | Int32Array | Uint8Array;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/** The shared memory the kernels work in (a WebAssembly.Memory). */
interface SharedMemory { readonly buffer: SharedArrayBuffer; grow(pages: number): number }

/** The optimizer updates (see update-wasm.ts), each in float32 and float64. */
type UpdateKernels = { [name in `${"sgd" | "adagrad" | "rmsprop" | "adam"}_${"f32" | "f64"}`]: (...args: number[]) => void };

interface Kernels extends GemmKernels, UpdateKernels {
  pack_panels(src: number, ld: number, dst: number, count: number, panels: number, chunk: number): void;
  pack_rows(src: number, ld: number, dst: number, count: number, panels: number, size: number): void;
  // ReLU (see activation-wasm.ts)
  relu_f32(x: number, out: number, n: number): void;
  relu_f64(x: number, out: number, n: number): void;
  relu_backward_f32(x: number, g: number, out: number, n: number): void;
  relu_backward_f64(x: number, g: number, out: number, n: number): void;
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

/** A float array of either width: what the other kernels of gemm.wat work on. */
export type Floats = Float64Array | Float32Array;

/**
 * Scratch space for the other kernels of gemm.wat (update-wasm.ts, activation-wasm.ts): `count`
 * slots of n float64 or float32 values each, every slot padded to whole 16-byte vectors. `view`
 * covers them all (slot k starts at element k·padded), `at(k)` is slot k's byte address. Null when
 * the module does not run here or the memory cannot grow. Matrix products use the same area;
 * nothing is kept there between calls.
 */
export function scratchSlots(f64: boolean, n: number, count: number): { view: Floats; padded: number; at(slot: number): number } | null {
  const size = f64 ? 8 : 4, padded = roundUp(n, 16 / size), base = scratchBase();
  if (loaded === null || !reserve(loaded.memory, base + count * padded * size)) return null;
  const buffer = loaded.memory.buffer as unknown as ArrayBuffer;
  const view = f64 ? new Float64Array(buffer, base, count * padded) : new Float32Array(buffer, base, count * padded);
  return { view, padded, at: (slot) => base + slot * padded * size };
}

/** The module's exports, for calls on arrays already in its memory (resident.ts); null when it does not run. */
export const kernelExports: Kernels | null = loaded === null ? null : loaded.exports;

/**
 * Room for `bytes` bytes from offset 0 of the module's memory, and the memory's current buffer
 * (for views of resident arrays); null when the memory cannot grow that far or there is none.
 */
export function kernelMemory(bytes: number): SharedArrayBuffer | null {
  if (loaded === null || !reserve(loaded.memory, bytes)) return null;
  return loaded.memory.buffer;
}

// Buffers of this memory that views were made on (memory.buffer is a new object after each grow).
const memoryBuffers = new WeakSet<object>();

/** Notes that views on `buffer` (from kernelMemory) are in the kernels' memory. */
export function markKernelBuffer(buffer: object): void {
  memoryBuffers.add(buffer);
}

/**
 * The byte address in the module's memory of element `offset` of `data`, when `data` is a view of
 * that memory (a resident array); else -1.
 */
export function addressOf(data: ArrayBufferView & { BYTES_PER_ELEMENT: number }, offset = 0): number {
  return memoryBuffers.has(data.buffer) ? data.byteOffset + offset * data.BYTES_PER_ELEMENT : -1;
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
  const View = type === "f64" ? Float64Array : Float32Array;
  // A transposed or row-major A and a row-major B are packed by the wasm module with SIMD loads,
  // stores and shuffles: from where they are when they live in this memory (resident.ts: a
  // model's weights), else from a copy made in whole (a native copy) to a staging area after C.
  const aTransposed = a.rowStride === 1 && a.colStride >= n, aRowMajor = !aTransposed && a.colStride === 1 && a.rowStride >= k;
  const aSpan = k > 0 && n >= MR ? (aTransposed ? (k - 1) * a.colStride + n : aRowMajor ? (n - 1) * a.rowStride + k : 0) : 0;
  const bSpan = k > 0 && m >= nr && b.colStride === 1 && b.rowStride >= m ? (k - 1) * b.rowStride + m : 0;
  const aHere = aSpan > 0 && a.data instanceof View ? addressOf(a.data, a.offset) : -1;
  const bHere = bSpan > 0 && b.data instanceof View ? addressOf(b.data, b.offset) : -1;
  const stageA = aHere < 0 && aSpan > 0 && aSpan <= 2 * n * k + 64, stageB = bHere < 0 && bSpan > 0 && bSpan <= 2 * k * m + 64;
  const stageLen = roundUp(Math.max(stageA ? aSpan : 0, stageB ? bSpan : 0), 4);
  const stageAt = aLen + bLen + cLen;
  // Above the resident arrays (byte `base`): A, then B, then C, then the staging area, each on a
  // 16-byte boundary (lengths are multiples of 4 elements). Offsets below count elements from base.
  const base = scratchBase();
  if (!reserve(memory, base + (stageAt + stageLen) * size)) return false;
  const mem = new View(memory.buffer as unknown as ArrayBuffer, base, stageAt + stageLen);
  const at = (element: number) => base + element * size; // byte address
  if (aHere >= 0 || stageA) {
    if (stageA) mem.set(a.data.subarray(a.offset, a.offset + aSpan), stageAt);
    const src = stageA ? at(stageAt) : aHere;
    const panels = Math.floor(n / MR);
    if (aTransposed) exports.pack_panels(src, a.colStride * size, at(0), k, panels, MR * size);
    else exports.pack_rows(src, a.rowStride * size, at(0), k, panels, size);
    packA(mem, 0, a, n, k, panels * MR);
  } else {
    packA(mem, 0, a, n, k);
  }
  if (bHere >= 0 || stageB) {
    if (stageB) mem.set(b.data.subarray(b.offset, b.offset + bSpan), stageAt);
    const panels = Math.floor(m / nr);
    exports.pack_panels(stageB ? at(stageAt) : bHere, b.rowStride * size, at(aLen), k, panels, nr * size);
    packB(mem, aLen, b, k, m, nr, panels * nr);
  } else {
    packB(mem, aLen, b, k, m, nr);
  }
  const c = mem.subarray(aLen + bLen, stageAt);
  // The kernels write all of C (the first block of k stores); with k = 0 the product is zeros.
  if (k > 0) runGemm(exports, module, memory, type === "f32", at(0), at(aLen), at(aLen + bLen), nP, k, mP);
  else c.fill(0);
  if (mP === m) out.set(c.subarray(0, n * m), outOffset);
  else for (let i = 0; i < n; i++) out.set(c.subarray(i * mP, i * mP + m), outOffset + i * m);
  return true;
};
