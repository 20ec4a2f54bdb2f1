// Resident arrays: float arrays stored in the kernels' WebAssembly memory rather than in ordinary
// JS buffers. A model's parameters and its optimizer's state live as long as the model and are
// read and written every training step; kept here, matmul packs the weights straight from where
// they are and optimizer steps update them in place with SIMD, with no copy in and out per step.
//
// They are ordinary Float64Array / Float32Array views (of a SharedArrayBuffer) to all other code.
// A block returns to the arena (arena.ts) when its view is garbage-collected. NDArray views
// (slices, reshapes, .T) keep that view alive, but a new typed array made over the same memory
// does not: `.data.subarray(...)` kept after its model is gone, or `structuredClone(.data)` (which
// shares a SharedArrayBuffer instead of copying it), may see a later model's values. The library
// only makes short-lived ones; user code should copy (`.copy()`, `.toTypedArray()`).
// Nothing short-lived may be placed here: it would hold blocks until the event loop runs the
// finalizers.
import { giveBlock, takeBlock, blockBytes } from "./arena";
import { kernelMemory, markKernelBuffer } from "./gemm-wasm";

// Resident arrays stop at this total; later ones are ordinary arrays. A WebAssembly memory never
// shrinks, so this also bounds what a loop that builds many models keeps in the process after
// their blocks are freed (one model of 20M float32 parameters with Adam's state fits).
export const LIMIT_BYTES = 2 ** 28;

type Block = { at: number; size: number };
// ES2021's FinalizationRegistry, typed here (the lib compiles against ES2020).
type Registry = { register(target: object, held: Block): void };
const Finalizers = (globalThis as { FinalizationRegistry?: new (cleanup: (held: Block) => void) => Registry }).FinalizationRegistry;
const registry = Finalizers ? new Finalizers((block) => giveBlock(block.at, block.size)) : null;

/**
 * A zero-filled resident array of `length` values, or null where that cannot be (no wasm kernels,
 * no finalizers, the limit reached, or the memory cannot grow): the caller then uses an ordinary one.
 */
export function residentArray(dtype: "float64" | "float32", length: number): Float64Array | Float32Array | null {
  const bytes = length * (dtype === "float64" ? 8 : 4);
  if (registry === null || length === 0 || blockBytes() + bytes > LIMIT_BYTES) return null;
  const block = takeBlock(bytes);
  const buffer = kernelMemory(block.at + block.size);
  if (buffer === null) {
    giveBlock(block.at, block.size);
    return null;
  }
  markKernelBuffer(buffer);
  const view = dtype === "float64" ? new Float64Array(buffer, block.at, length) : new Float32Array(buffer, block.at, length);
  view.fill(0); // a block may have held an earlier array, or a product's scratch work
  registry.register(view, block);
  return view;
}
