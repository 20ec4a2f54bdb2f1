// Replays every case of tests/fixtures/ops_cases.json (computed by NumPy, see
// scripts/numpy_fixtures/ops_cases.py) against our ops: same values, same dtype (NumPy's int64
// becomes our int32), and for errors the same error code and NumPy's own sentence.
import { describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";
import { decodeNumber, EncodedArray, isEncodedArray, loadFixture } from "../helpers/fixtures";

interface Input { base: EncodedArray; view: string | null }
interface Case {
  name: string;
  op: string;
  inputs: unknown[];
  kwargs: Record<string, unknown>;
  expected?: EncodedArray | EncodedArray[];
  error?: string;
  message?: string;
}

const cases = loadFixture<Case[]>("ops_cases");

function toDType(numpyDType: string): NDArray["dtype"] {
  if (numpyDType === "int64" || numpyDType === "int32") return "int32";
  if (numpyDType === "bool") return "bool";
  if (numpyDType === "float32") return "float32";
  return "float64";
}

function fromEncoded(e: EncodedArray): NDArray {
  const dtype = toDType(e.dtype);
  const values = e.data.map(decodeNumber);
  const typed = dtype === "float64" ? Float64Array.from(values) : dtype === "float32" ? Float32Array.from(values)
    : dtype === "int32" ? Int32Array.from(values) : Uint8Array.from(values);
  return new NDArray(typed, e.shape, undefined, 0, dtype);
}

function decodeInput(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(decodeInput);
  if (typeof x === "object" && x !== null && "base" in x) {
    const { base, view } = x as Input;
    const arr = fromEncoded(base);
    if (view === null) return arr;
    return view === "T" ? arr.T : arr.slice(view);
  }
  if (typeof x === "string") return decodeNumber(x);
  return x;
}

function kw(c: Case): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(c.kwargs)) out[k] = v === "NaN" || v === "Infinity" || v === "-Infinity" ? decodeNumber(v) : v;
  return out;
}

type Runner = (args: any[], k: Record<string, any>) => NDArray | NDArray[];

const runners: Record<string, Runner> = {
  sliceView: ([x], k) => x.slice(k.index),
  clip: ([x], k) => np.clip(x, k.min, k.max),
  round: ([x], k) => np.round(x, k.decimals),
  take: ([x, i], k) => np.take(x, i, k),
  mask: ([x, m]) => x.mask(m),
  unique: ([x]) => { const r = np.unique(x, { returnCounts: true }); return [r.values, r.counts]; },
  reshape: ([x, s]) => x.reshape(s),
  transpose: ([x, axes]) => np.transpose(x, axes),
  swapaxes: ([x, a, b]) => np.swapaxes(x, a, b),
  expandDims: ([x, a]) => np.expandDims(x, a),
  squeeze: ([x, a]) => np.squeeze(x, a),
  broadcastTo: ([x, s]) => np.broadcastTo(x, s),
  concatenate: ([xs], k) => np.concatenate(xs, k),
  stack: ([xs], k) => np.stack(xs, k),
  split: ([x, s], k) => np.split(x, s, k),
  arraySplit: ([x, s], k) => np.arraySplit(x, s, k),
  tile: ([x, r]) => np.tile(x, r),
  repeat: ([x, r], k) => np.repeat(x, r, k),
  norm: ([x], k) => np.linalg.norm(x, k),
  where: ([c, a, b]) => np.where(c, a, b),
};

const unaryOrReduce = new Set(["sum", "mean", "prod", "max", "min", "var", "std", "any", "all", "argmax", "argmin",
  "cumsum", "sort", "argsort"]);

function run(c: Case): NDArray | NDArray[] {
  const args = c.inputs.map(decodeInput);
  const k = kw(c);
  if (runners[c.op]) return runners[c.op](args, k);
  const fn = (np as any)[c.op];
  if (typeof fn !== "function") throw new Error(`test: no op ${c.op}`);
  if (unaryOrReduce.has(c.op)) return fn(args[0], k);
  return fn(...args);
}

/** The error code we promise for the error NumPy raises. */
function expectedCode(c: Case): string {
  const m = c.message ?? "";
  if (c.error === "AxisError") return "axis";
  if (c.error === "IndexError") return "index";
  if (/broadcast/.test(m) || /more dimensions than allowed/.test(m)) return "broadcast";
  if (/reshape|unknown dimension/.test(m)) return "reshape";
  if (/^matmul:/.test(m)) return "matmul";
  if (/not aligned|must match exactly|same number of dimensions|same shape/.test(m)) return "shape";
  return "value";
}

// Where our sentence differs from NumPy's on purpose (NumPy's is about its internals).
const ownWording = /remapped shapes|more dimensions than allowed|zero-dimensional arrays cannot be concatenated/;

function compare(actual: NDArray, expected: EncodedArray): void {
  const want = fromEncoded(expected);
  expect(actual).toBeInstanceOf(NDArray);
  expect(actual.shape).toEqual(want.shape);
  expect(actual.dtype).toBe(want.dtype);
  const rtol = want.dtype === "float32" ? 2e-6 : 1e-12;
  np.assertAllClose(actual, want, { rtol, atol: want.dtype === "float32" ? 1e-6 : 1e-13 });
}

describe("ops against NumPy", () => {
  it("has the fixture", () => expect(cases.length).toBeGreaterThan(1000));
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    if (c.error) {
      let thrown: any = null;
      try { run(c); } catch (e) { thrown = e; }
      expect(thrown, `expected NumPy's ${c.error}: ${c.message}`).toBeInstanceOf(np.NDArrayError);
      expect(thrown.code).toBe(expectedCode(c));
      const sentence = (c.message ?? "").trim().replace(/^matmul: /, "");
      if (!ownWording.test(sentence)) expect(thrown.message).toContain(sentence);
      return;
    }
    const result = run(c);
    if (Array.isArray(c.expected)) {
      expect(Array.isArray(result)).toBe(true);
      const list = result as NDArray[];
      expect(list.length).toBe(c.expected.length);
      list.forEach((r, i) => compare(r, (c.expected as EncodedArray[])[i]));
    } else {
      compare(result as NDArray, c.expected as EncodedArray);
    }
  });
});

void isEncodedArray;
