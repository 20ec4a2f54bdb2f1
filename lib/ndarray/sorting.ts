// Sorting: sort, argsort (both stable, NaN last as in NumPy) and unique with counts.
import { allocate } from "./dtype";
import { ArrayInput, NDArray } from "./ndarray";
import { asarray } from "./create";
import { mapAlongAxis } from "./along-axis";

/** Ascending order with NaN after every number, like NumPy. */
function compare(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sorted copy along `axis` (default last; null sorts the flattened array). */
export function sort(a: ArrayInput, options: { axis?: number | null } = {}): NDArray {
  const x = asarray(a);
  return mapAlongAxis("sort", x, options.axis, x.dtype, (values, out) => {
    const sorted = Array.from(values).sort(compare);
    for (let i = 0; i < sorted.length; i++) out[i] = sorted[i];
  });
}

/** Indices that sort along `axis` (int32); ties keep their original order (a stable sort). */
export function argsort(a: ArrayInput, options: { axis?: number | null } = {}): NDArray {
  const x = asarray(a);
  // NumPy sorts a 0-d array's one element as a 1-d array (np.sort of it has no axis -1, and throws)
  if (x.ndim === 0) return argsort(x.reshape(1), options);
  return mapAlongAxis("argsort", x, options.axis, "int32", (values, out) => {
    const idx = Array.from({ length: values.length }, (_, i) => i);
    idx.sort((i, j) => compare(values[i], values[j]) || i - j);
    for (let i = 0; i < idx.length; i++) out[i] = idx[i];
  });
}

export interface UniqueResult { values: NDArray; counts: NDArray }

/** The sorted distinct values of the flattened input; with returnCounts, how often each occurs. */
export function unique(a: ArrayInput): NDArray;
export function unique(a: ArrayInput, options: { returnCounts: true }): UniqueResult;
export function unique(a: ArrayInput, options: { returnCounts?: boolean } = {}): NDArray | UniqueResult {
  const x = asarray(a);
  const sorted = Array.from(x.toTypedArray()).sort(compare);
  const values: number[] = [], counts: number[] = [];
  for (const v of sorted) {
    const last = values.length - 1;
    // NaNs compare unequal, but NumPy (1.21+) collapses them into one entry.
    if (last >= 0 && (values[last] === v || (v !== v && values[last] !== values[last]))) counts[last]++;
    else { values.push(v); counts.push(1); }
  }
  const out = new NDArray(allocate(x.dtype, values.length), [values.length], undefined, 0, x.dtype);
  out.data.set(values);
  if (!options.returnCounts) return out;
  return { values: out, counts: new NDArray(Int32Array.from(counts), [counts.length], undefined, 0, "int32") };
}
