// Comparing arrays, for tests and exercise checkers: allclose / arrayEqual answer yes or no;
// the assert functions throw an error that shows both arrays and the largest difference.
import { formatShape } from "./errors";
import { ArrayInput, NDArray } from "./ndarray";
import { asarray } from "./create";
import { broadcastShapes, shapesEqual } from "./shape";

export interface CloseOptions { rtol?: number; atol?: number; equalNan?: boolean }

/** NumPy's isclose test for two numbers: |a - b| <= atol + rtol * |b| (equal infinities are close). */
function close(a: number, b: number, rtol: number, atol: number, equalNan: boolean): boolean {
  if (a === b) return true;
  if (a !== a || b !== b) return equalNan && a !== a && b !== b;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/** Elementwise closeness as a bool array (inputs broadcast). */
export function isclose(a: ArrayInput, b: ArrayInput, options: CloseOptions = {}): NDArray {
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  const x0 = asarray(a), y0 = asarray(b);
  const shape = broadcastShapes("isclose", x0.shape, y0.shape);
  const x = x0.broadcastTo(shape), y = y0.broadcastTo(shape);
  const xv = x.toTypedArray(), yv = y.toTypedArray();
  const out = NDArray.zeros(x.shape, "bool");
  for (let i = 0; i < xv.length; i++) out.data[i] = +close(xv[i], yv[i], rtol, atol, equalNan);
  return out;
}

/** True when every element of a is close to b (defaults rtol=1e-5, atol=1e-8, as NumPy). */
export function allclose(a: ArrayInput, b: ArrayInput, options: CloseOptions = {}): boolean {
  return isclose(a, b, options).toTypedArray().every((v) => v === 1);
}

/** True when a and b have the same shape and equal elements (NaN equals NaN only with equalNan). */
export function arrayEqual(a: ArrayInput, b: ArrayInput, options: { equalNan?: boolean } = {}): boolean {
  const x = asarray(a), y = asarray(b);
  if (!shapesEqual(x.shape, y.shape)) return false;
  const xv = x.toTypedArray(), yv = y.toTypedArray();
  for (let i = 0; i < xv.length; i++) {
    if (xv[i] !== yv[i] && !(options.equalNan && xv[i] !== xv[i] && yv[i] !== yv[i])) return false;
  }
  return true;
}

/** Thrown by the assert functions; carries the numbers a checker may want to report. */
export class ArrayAssertionError extends Error {
  readonly mismatched: number;
  readonly total: number;
  readonly maxAbsDiff: number;
  readonly maxRelDiff: number;
  constructor(message: string, stats: { mismatched: number; total: number; maxAbsDiff: number; maxRelDiff: number }) {
    super(message);
    this.name = "ArrayAssertionError";
    this.mismatched = stats.mismatched;
    this.total = stats.total;
    this.maxAbsDiff = stats.maxAbsDiff;
    this.maxRelDiff = stats.maxRelDiff;
  }
}

function indent(text: string): string {
  return text.split("\n").join("\n    ");
}

function failure(header: string, x: NDArray, y: NDArray, mismatched: number, maxAbsDiff: number, maxRelDiff: number): ArrayAssertionError {
  const total = Math.max(x.size, y.size);
  const pct = total === 0 ? 0 : (100 * mismatched) / total;
  const lines = [header, ""];
  if (mismatched > 0) {
    lines.push(`Mismatched elements: ${mismatched} / ${total} (${+pct.toPrecision(3)}%)`,
      `Max absolute difference: ${+maxAbsDiff.toPrecision(8)}`, `Max relative difference: ${+maxRelDiff.toPrecision(8)}`);
  }
  lines.push(` actual: ${indent(x.repr())}`, ` desired: ${indent(y.repr())}`);
  return new ArrayAssertionError(lines.join("\n"), { mismatched, total, maxAbsDiff, maxRelDiff });
}

/**
 * The operands of an assert, with a single desired value (a number or 0-d array) repeated to the
 * actual shape, as NumPy's asserts allow (`assert_allclose(x, 0)`). Unlike NumPy, a 0-d actual
 * is not stretched to the desired shape: a checker given a learner's scalar where an array is
 * wanted reports the shapes.
 */
function assertOperands(actual: ArrayInput, desired: ArrayInput): [NDArray, NDArray] {
  const x = asarray(actual), y = asarray(desired);
  return [x, y.ndim === 0 && x.ndim > 0 ? y.broadcastTo(x.shape) : y];
}

/**
 * Throws unless actual and desired have the same shape (or desired is one value) and are close
 * elementwise (defaults rtol=1e-7, atol=0, as numpy.testing.assert_allclose). NaNs compare equal
 * by default.
 */
export function assertAllClose(actual: ArrayInput, desired: ArrayInput,
  options: CloseOptions & { message?: string } = {}): void {
  const { rtol = 1e-7, atol = 0, equalNan = true } = options;
  const [x, y] = assertOperands(actual, desired);
  const header = `${options.message ? options.message + "\n" : ""}Not equal to tolerance rtol=${rtol}, atol=${atol}`;
  if (!shapesEqual(x.shape, y.shape)) {
    throw failure(`${header}\n(shapes ${formatShape(x.shape)}, ${formatShape(y.shape)} mismatch)`, x, y, 0, NaN, NaN);
  }
  const xv = x.toTypedArray(), yv = y.toTypedArray();
  let mismatched = 0, maxAbs = 0, maxRel = 0;
  for (let i = 0; i < xv.length; i++) {
    if (close(xv[i], yv[i], rtol, atol, equalNan)) continue;
    mismatched++;
    const diff = Math.abs(xv[i] - yv[i]);
    maxAbs = Math.max(maxAbs, diff);
    maxRel = Math.max(maxRel, diff / Math.abs(yv[i]));
  }
  if (mismatched > 0) throw failure(header, x, y, mismatched, maxAbs, maxRel);
}

/** Throws unless actual and desired have the same shape (or desired is one value) and exactly equal elements. */
export function assertArrayEqual(actual: ArrayInput, desired: ArrayInput, options: { message?: string } = {}): void {
  const [x, y] = assertOperands(actual, desired);
  const header = `${options.message ? options.message + "\n" : ""}Arrays are not equal`;
  if (!shapesEqual(x.shape, y.shape)) {
    throw failure(`${header}\n(shapes ${formatShape(x.shape)}, ${formatShape(y.shape)} mismatch)`, x, y, 0, NaN, NaN);
  }
  const xv = x.toTypedArray(), yv = y.toTypedArray();
  let mismatched = 0, maxAbs = 0, maxRel = 0;
  for (let i = 0; i < xv.length; i++) {
    if (xv[i] === yv[i] || (xv[i] !== xv[i] && yv[i] !== yv[i])) continue;
    mismatched++;
    const diff = Math.abs(xv[i] - yv[i]);
    maxAbs = Math.max(maxAbs, diff);
    maxRel = Math.max(maxRel, diff / Math.abs(yv[i]));
  }
  if (mismatched > 0) throw failure(header, x, y, mismatched, maxAbs, maxRel);
}
