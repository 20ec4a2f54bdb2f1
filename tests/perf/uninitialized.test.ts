// Ops whose output buffer starts uninitialized (lib/ndarray/dtype.ts, allocateUninitialized) must
// write every element of it. With the buffers poisoned, an element an op skips would show the
// poison value, so each op here is compared with a reference computed element by element.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";
import { allocateUninitialized, poisonUninitialized } from "../../lib/ndarray/dtype";

const POISON = -7777.25;
const flat = (a: NDArray): number[] => Array.from(a.toTypedArray(), Number);

describe("ops on uninitialized output buffers", () => {
  beforeAll(() => poisonUninitialized(POISON));
  afterAll(() => { poisonUninitialized(null); np.setBackend("wasm"); });

  np.random.seed(4);
  // Large enough (over 64 KiB) that, unpoisoned, the buffers come from Node uninitialized.
  const a = np.random.randn(150, 120), row = np.random.randn(120);
  const A = a.toArray() as number[][], R = row.toArray() as number[];

  it("the poison is there to be found", () => {
    expect(Array.from(allocateUninitialized("float64", 3))).toEqual([POISON, POISON, POISON]);
    expect(Array.from(allocateUninitialized("int32", 2))).toEqual([-7777, -7777]);
  });

  it("elementwise ops, packed and broadcast, write every element", () => {
    expect(flat(np.add(a, row))).toEqual(A.flatMap((r) => r.map((v, j) => v + R[j])));
    expect(flat(np.exp(a.T))).toEqual(A[0].flatMap((_, j) => A.map((r) => Math.exp(r[j]))));
    expect(flat(np.greater(a, 0))).toEqual(A.flat().map((v) => +(v > 0)));
  });

  it("copies, casts, take and reductions write every element", () => {
    expect(flat(a.T.copy())).toEqual(A[0].flatMap((_, j) => A.map((r) => r[j])));
    expect(flat(a.astype("int32"))).toEqual(A.flat().map((v) => Math.trunc(v) | 0));
    const picked = np.take(a, [5, 0, 149, 5], { axis: 0 });
    expect(picked.toArray()).toEqual([A[5], A[0], A[149], A[5]]);
    const sums = flat(a.sum({ axis: 1 }));
    A.forEach((r, i) => expect(sums[i]).toBeCloseTo(r.reduce((s, v) => s + v, 0), 12));
  });

  for (const backend of ["wasm", "ts"] as const) {
    it(`matmul on the ${backend} kernels writes every element`, () => {
      np.setBackend(backend);
      const b = np.random.randn(120, 90);
      const got = np.matmul(a, b);
      const B = b.toArray() as number[][];
      const want = A.map((r) => B[0].map((_, j) => r.reduce((s, v, p) => s + v * B[p][j], 0)));
      const g = got.toArray() as number[][];
      for (let i = 0; i < want.length; i++) for (let j = 0; j < want[0].length; j++) expect(g[i][j]).toBeCloseTo(want[i][j], 10);
    });
  }
});
