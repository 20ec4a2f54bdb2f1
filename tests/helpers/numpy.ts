// Comparing our arrays with NumPy fixture values, shared by the ndarray test suites.
import { expect } from "vitest";
import { NDArray } from "../../lib/index";
import { decodeNumber, EncodedArray } from "./fixtures";

/** NumPy's dtype name as ours (NumPy's default int64 is our int32). */
export function ourDType(numpy: string): NDArray["dtype"] {
  return numpy === "int64" ? "int32" : (numpy as NDArray["dtype"]);
}

/** Exact comparison with a NumPy result: shape, dtype and every value (Object.is, so -0 counts). */
export function expectNumPy(actual: NDArray, expected: EncodedArray): void {
  expect(actual).toBeInstanceOf(NDArray);
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(ourDType(expected.dtype));
  expect(Array.from(actual.toTypedArray())).toEqual(expected.data.map(decodeNumber));
}

/** Runs f and returns what it threw (failing the test if it did not throw). */
export function thrown(f: () => unknown): any {
  try { f(); } catch (e) { return e; }
  throw new Error("expected an error");
}
