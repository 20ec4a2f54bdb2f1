// The layout of the kernels' WebAssembly memory. Long-lived arrays (resident.ts: model parameters
// and optimizer state) take blocks from the bottom; a kernel call's transient work (packed
// operands, products, staged copies) goes above the highest block, from scratchBase() up.
// Calls are synchronous and keep nothing there, so blocks may come and go between them.

const ALIGN = 64; // a cache line: blocks never share one

let top = ALIGN; // offset 0 stays unused
let inUse = 0;
const holes: { at: number; size: number }[] = []; // freed blocks below top, sorted by address, merged

const roundUp = (x: number) => Math.ceil(x / ALIGN) * ALIGN;

/** Where a kernel call may put its transient work (a multiple of 64). */
export function scratchBase(): number {
  return top;
}

/** Bytes held by blocks. */
export function blockBytes(): number {
  return inUse;
}

/** A block of at least `bytes` bytes: its byte offset (a multiple of 64) and rounded size. */
export function takeBlock(bytes: number): { at: number; size: number } {
  const size = roundUp(Math.max(bytes, 1));
  inUse += size;
  const i = holes.findIndex((h) => h.size >= size);
  if (i >= 0) {
    const hole = holes[i];
    const at = hole.at;
    if (hole.size === size) holes.splice(i, 1);
    else { hole.at += size; hole.size -= size; }
    return { at, size };
  }
  const at = top;
  top += size;
  return { at, size };
}

/** Returns a block taken with takeBlock. */
export function giveBlock(at: number, size: number): void {
  inUse -= size;
  let i = 0;
  while (i < holes.length && holes[i].at < at) i++;
  holes.splice(i, 0, { at, size });
  // merge with the neighbours
  if (i + 1 < holes.length && holes[i].at + holes[i].size === holes[i + 1].at) {
    holes[i].size += holes[i + 1].size;
    holes.splice(i + 1, 1);
  }
  if (i > 0 && holes[i - 1].at + holes[i - 1].size === holes[i].at) {
    holes[i - 1].size += holes[i].size;
    holes.splice(i, 1);
    i--;
  }
  // a hole that reaches the top lowers it
  const last = holes[holes.length - 1];
  if (last && last.at + last.size === top) {
    top = last.at;
    holes.pop();
  }
}
