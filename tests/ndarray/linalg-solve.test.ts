// np.linalg.det, inv and solve against NumPy 1.24. Expected values are NumPy's, computed with
// /usr/bin/python3 -c 'import numpy as np; ...' (the expression is given by each value). The LU
// code is not LAPACK's step for step, so float64 results are compared with rtol 1e-12, and
// float32 ones (NumPy works in float32, this library in float64 rounded once) with rtol 1e-6.
import { describe, expect, it } from "vitest";
import { np } from "../../lib/index";

const F64 = { rtol: 1e-12, atol: 0 };
const F32 = { rtol: 1e-6, atol: 1e-7 };

// a = np.array([[2., -1, 0.5], [4, 3, -2], [-1, 7, 5]])
const A = [[2, -1, 0.5], [4, 3, -2], [-1, 7, 5]];
// p = np.array([[0., 2, 1], [1, 1, 1], [3, 0, 2]]): a zero in the top-left, so row swaps are needed
const P = [[0, 2, 1], [1, 1, 1], [3, 0, 2]];

describe("a general 3×3 matrix", () => {
  it("det(a)", () => {
    const d = np.linalg.det(A);
    expect(d.shape).toEqual([]);
    expect(d.dtype).toBe("float64");
    expect(d.item()).toBeCloseTo(91.50000000000003, 12); // np.linalg.det(a)
  });

  it("inv(a)", () => {
    const x = np.linalg.inv(A);
    expect(x.shape).toEqual([3, 3]);
    // np.linalg.inv(a).tolist()
    np.assertAllClose(x, [
      [0.31693989071038253, 0.092896174863388, 0.0054644808743169355],
      [-0.19672131147540983, 0.11475409836065573, 0.06557377049180328],
      [0.33879781420765026, -0.14207650273224043, 0.1092896174863388]], F64);
  });

  it("solve(a, vector) and solve(a, matrix)", () => {
    // np.linalg.solve(a, [1., 2, 3]).tolist()
    const v = np.linalg.solve(A, [1, 2, 3]);
    expect(v.shape).toEqual([3]);
    np.assertAllClose(v, [0.5191256830601093, 0.22950819672131148, 0.3825136612021858], F64);
    // np.linalg.solve(a, [[1., 0], [2, -1], [3, 4]]).tolist()
    const m = np.linalg.solve(A, [[1, 0], [2, -1], [3, 4]]);
    expect(m.shape).toEqual([3, 2]);
    np.assertAllClose(m, [[0.5191256830601092, -0.07103825136612023], [0.2295081967213115, 0.14754098360655737],
      [0.3825136612021857, 0.5792349726775956]], F64);
  });

  it("accepts views: solve(a.T, b) equals solve of the packed transpose", () => {
    const a = np.array(A);
    np.assertAllClose(np.linalg.solve(a.T, [1, 2, 3]), np.linalg.solve(a.T.copy(), [1, 2, 3]), { rtol: 0, atol: 0 });
    np.assertAllClose(np.matmul(a.T, np.linalg.solve(a.T, [1, 2, 3])), [1, 2, 3], { rtol: 1e-12, atol: 1e-14 });
  });
});

describe("a matrix that needs pivoting (zero in the top-left)", () => {
  it("det, inv and solve", () => {
    expect(np.linalg.det(P).item()).toBeCloseTo(-0.9999999999999991, 12); // np.linalg.det(p)
    // np.linalg.inv(p).tolist()
    np.assertAllClose(np.linalg.inv(P), [
      [-2.0000000000000018, 4.0000000000000036, -1.000000000000001],
      [-1.0000000000000013, 3.0000000000000027, -1.0000000000000009],
      [3.0000000000000027, -6.000000000000005, 2.0000000000000018]], F64);
    // np.linalg.solve(p, [1., 2, 3]).tolist()
    np.assertAllClose(np.linalg.solve(P, [1, 2, 3]), [3.0000000000000018, 2.0000000000000013, -3.0000000000000027], F64);
  });

  it("det of a permutation matrix is its sign", () => {
    expect(np.linalg.det([[0, 1], [1, 0]]).item()).toBe(-1); // np.linalg.det([[0., 1], [1, 0]]) → -1.0
    expect(np.linalg.det([[0, 1, 0], [0, 0, 1], [1, 0, 0]]).item()).toBe(1);
  });
});

describe("singular matrices", () => {
  it("det is exactly 0 when a pivot is exactly zero: det([[1., 2], [2, 4]]), det(zeros((2, 2)))", () => {
    expect(np.linalg.det([[1, 2], [2, 4]]).item()).toBe(0); // → 0.0
    expect(np.linalg.det([[0, 0], [0, 0]]).item()).toBe(0); // → 0.0
  });

  it("det of a numerically singular matrix is ~0: det(np.arange(1., 10).reshape(3, 3))", () => {
    // NumPy (reference LAPACK) gives 0.0, OpenBLAS builds 6.66e-16: rounding decides.
    expect(Math.abs(np.linalg.det(np.arange(1, 10).reshape(3, 3)).item())).toBeLessThan(1e-14);
  });

  it("inv and solve throw LinAlgError 'Singular matrix', as NumPy does", () => {
    // np.linalg.inv([[1., 2], [2, 4]]) → numpy.linalg.LinAlgError: Singular matrix
    expect(() => np.linalg.inv([[1, 2], [2, 4]])).toThrow(/^inv: Singular matrix/);
    expect(() => np.linalg.solve([[1, 2], [2, 4]], [1, 2])).toThrow(/^solve: Singular matrix/);
    let caught: unknown;
    try { np.linalg.inv(np.zeros([3, 3])); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(np.linalg.LinAlgError);
    expect(caught).toBeInstanceOf(np.ValueError); // as in NumPy, LinAlgError is a ValueError
    expect((caught as Error).name).toBe("LinAlgError");
  });

  it("one singular matrix in a stack makes inv throw", () => {
    expect(() => np.linalg.inv(np.array([A, [[1, 2, 3], [2, 4, 6], [0, 0, 1]]]))).toThrow(/Singular matrix/);
  });
});

describe("stacks of matrices", () => {
  const stack = [A, P]; // s = np.array([a, p])

  it("det of a (2,3,3) stack has shape (2,)", () => {
    const d = np.linalg.det(stack);
    expect(d.shape).toEqual([2]);
    np.assertAllClose(d, [91.50000000000003, -0.9999999999999991], F64); // np.linalg.det(s).tolist()
  });

  it("inv of a (2,3,3) stack inverts each matrix", () => {
    const x = np.linalg.inv(stack);
    expect(x.shape).toEqual([2, 3, 3]);
    np.assertAllClose(x.slice(0), np.linalg.inv(A), { rtol: 0, atol: 0 });
    np.assertAllClose(x.slice(1), [ // np.linalg.inv(s)[1].tolist()
      [-2.0000000000000018, 4.0000000000000036, -1.000000000000001],
      [-1.0000000000000013, 3.0000000000000027, -1.0000000000000009],
      [3.0000000000000027, -6.000000000000005, 2.0000000000000018]], F64);
  });

  it("solve with a stack of vectors (b.ndim == a.ndim - 1)", () => {
    // np.linalg.solve(s, [[1., 2, 3], [-1, 0, 4]]).tolist()
    const x = np.linalg.solve(stack, [[1, 2, 3], [-1, 0, 4]]);
    expect(x.shape).toEqual([2, 3]);
    np.assertAllClose(x, [[0.5191256830601093, 0.22950819672131148, 0.3825136612021858],
      [-2.000000000000003, -3.000000000000002, 5.000000000000004]], F64);
    // the stack dims broadcast: np.linalg.solve(s, [[1., 2, 3]]).tolist()
    np.assertAllClose(np.linalg.solve(stack, [[1, 2, 3]]), [[0.5191256830601093, 0.22950819672131148, 0.3825136612021858],
      [3.0000000000000018, 2.0000000000000013, -3.0000000000000027]], F64);
  });

  it("solve broadcasts one matrix against a stack of right-hand sides", () => {
    // np.linalg.solve(a, [[[1., 0], [2, -1], [3, 4]], [[0., 1], [1, 0], [-2, 2]]]).tolist()
    const x = np.linalg.solve(A, [[[1, 0], [2, -1], [3, 4]], [[0, 1], [1, 0], [-2, 2]]]);
    expect(x.shape).toEqual([2, 3, 2]);
    np.assertAllClose(x, [
      [[0.5191256830601092, -0.07103825136612023], [0.2295081967213115, 0.14754098360655737], [0.3825136612021857, 0.5792349726775956]],
      [[0.08196721311475413, 0.32786885245901637], [-0.016393442622950845, -0.06557377049180327], [-0.360655737704918, 0.5573770491803278]]], F64);
  });

  it("empty stacks and 0×0 matrices: det(zeros((2, 0, 0))) → [1., 1.], det(zeros((0, 3, 3))).shape → (0,)", () => {
    expect(np.linalg.det(np.zeros([0, 0])).item()).toBe(1);
    expect(np.linalg.det(np.zeros([2, 0, 0])).toArray()).toEqual([1, 1]);
    expect(np.linalg.det(np.zeros([0, 3, 3])).shape).toEqual([0]);
    expect(np.linalg.inv(np.zeros([0, 0])).shape).toEqual([0, 0]);
    expect(np.linalg.inv(np.zeros([0, 3, 3])).shape).toEqual([0, 3, 3]);
    expect(np.linalg.solve(np.zeros([0, 0]), np.zeros([0])).shape).toEqual([0]); // → (0,)
  });
});

describe("dtypes", () => {
  it("int32 input is computed in float64: i = np.array([[4, 7], [2, 6]], dtype=np.int32)", () => {
    const i = np.array([[4, 7], [2, 6]], { dtype: "int32" });
    const d = np.linalg.det(i);
    expect(d.dtype).toBe("float64");
    expect(d.item()).toBeCloseTo(10.000000000000002, 12); // np.linalg.det(i)
    const x = np.linalg.inv(i);
    expect(x.dtype).toBe("float64");
    np.assertAllClose(x, [[0.6, -0.7000000000000001], [-0.2, 0.4]], F64); // np.linalg.inv(i).tolist()
    // np.linalg.solve(i, np.array([1, 2], dtype=np.int32)).tolist()
    const s = np.linalg.solve(i, np.array([1, 2], { dtype: "int32" }));
    expect(s.dtype).toBe("float64");
    np.assertAllClose(s, [-0.7999999999999999, 0.6], F64);
  });

  it("bool input gives float64: np.linalg.det(np.array([[True, False], [True, True]])).dtype", () => {
    const d = np.linalg.det([[true, false], [true, true]]);
    expect(d.dtype).toBe("float64");
    expect(d.item()).toBe(1);
  });

  it("float32 stays float32: f = a.astype(np.float32)", () => {
    const f = np.array(A, { dtype: "float32" });
    const d = np.linalg.det(f);
    expect(d.dtype).toBe("float32");
    expect(d.item()).toBeCloseTo(91.5, 4); // float(np.linalg.det(f)) → 91.5
    const x = np.linalg.inv(f);
    expect(x.dtype).toBe("float32");
    np.assertAllClose(x, [ // np.linalg.inv(f).tolist()
      [0.3169398903846741, 0.09289617836475372, 0.005464480724185705],
      [-0.19672131538391113, 0.1147540956735611, 0.06557376682758331],
      [0.33879780769348145, -0.1420765072107315, 0.10928961634635925]], F32);
    // np.linalg.solve(f, np.array([1, 2, 3], dtype=np.float32)).tolist()
    const s = np.linalg.solve(f, np.array([1, 2, 3], { dtype: "float32" }));
    expect(s.dtype).toBe("float32");
    np.assertAllClose(s, [0.5191256999969482, 0.2295081913471222, 0.3825136721134186], F32);
  });

  it("float32 with float64 or int32 gives float64: np.linalg.solve(f, np.array([1., 2, 3])).dtype", () => {
    const f = np.array(A, { dtype: "float32" });
    expect(np.linalg.solve(f, [1, 2, 3]).dtype).toBe("float64");
    expect(np.linalg.solve(f, np.array([1, 2, 3], { dtype: "int32" })).dtype).toBe("float64");
  });
});

describe("extreme magnitudes", () => {
  it("det of diag([1e200, 1e200, 1e-300]) does not overflow on the way: NumPy 1.0000000000000678e+100", () => {
    // NumPy sums logs, which costs it some bits here; the scaled product is exact.
    const d = np.linalg.det([[1e200, 0, 0], [0, 1e200, 0], [0, 0, 1e-300]]).item();
    expect(d).toBe(1e100);
    expect(Math.abs(d - 1.0000000000000678e+100) / 1e100).toBeLessThan(1e-12);
  });

  it("det of np.eye(3) * 1e-200 underflows to 0.0", () => {
    expect(np.linalg.det(np.eye(3).multiply(1e-200)).item()).toBe(0);
  });
});

describe("random matrices (the library's np.random matches NumPy's for a seed)", () => {
  it("np.random.seed(0); r = np.random.randn(4, 4): det(r), inv(r)[0]", () => {
    np.random.seed(0);
    const r = np.random.randn(4, 4);
    np.assertAllClose(r.slice(0), [1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458], { rtol: 0, atol: 0 });
    expect(np.linalg.det(r).item()).toBeCloseTo(0.2827659277931275, 12); // np.linalg.det(r)
    // np.linalg.inv(r)[0].tolist()
    np.assertAllClose(np.linalg.inv(r).slice(0), [2.1108514300798915, -0.5982059154939569, -2.745117834240479, -2.483209476257201], F64);
  });

  it("np.random.seed(1); np.linalg.det(np.random.randn(3, 5, 5)).tolist()", () => {
    np.random.seed(1);
    np.assertAllClose(np.linalg.det(np.random.randn(3, 5, 5)), [0.9904221716940916, -3.6180594214183355, -6.349011080423012], F64);
  });

  it("inv(a) @ a ≈ I and a @ solve(a, b) ≈ b for well-conditioned random matrices", () => {
    np.random.seed(42);
    for (const n of [1, 2, 3, 5, 8, 13, 20]) {
      // a = np.random.randn(n, n) + n * np.eye(n): diagonally dominant enough to be well conditioned
      const a = np.random.randn(n, n).add(np.eye(n).multiply(n));
      const I = np.eye(n);
      np.assertAllClose(np.matmul(np.linalg.inv(a), a), I, { rtol: 0, atol: 1e-12 });
      np.assertAllClose(np.matmul(a, np.linalg.inv(a)), I, { rtol: 0, atol: 1e-12 });
      const b = np.random.randn(n, 3);
      np.assertAllClose(np.matmul(a, np.linalg.solve(a, b)), b, { rtol: 0, atol: 1e-12 });
      // det(a) · det(inv(a)) = 1
      expect(np.linalg.det(a).item() * np.linalg.det(np.linalg.inv(a)).item()).toBeCloseTo(1, 10);
    }
  });

  it("the same holds for a stack: inv(s) @ s ≈ I for s of shape (4, 6, 6)", () => {
    np.random.seed(7);
    const s = np.random.randn(4, 6, 6).add(np.eye(6).multiply(6));
    np.assertAllClose(np.matmul(np.linalg.inv(s), s), np.broadcastTo(np.eye(6), [4, 6, 6]), { rtol: 0, atol: 1e-12 });
  });
});

describe("errors (NumPy's sentences)", () => {
  it("fewer than 2 dimensions: np.linalg.det([1., 2]), np.linalg.det(np.array(5.))", () => {
    // numpy.linalg.LinAlgError: 1-dimensional array given. Array must be at least two-dimensional
    expect(() => np.linalg.det([1, 2])).toThrow(/^det: 1-dimensional array given\. Array must be at least two-dimensional/);
    expect(() => np.linalg.inv([1, 2])).toThrow(/^inv: 1-dimensional array given/);
    expect(() => np.linalg.solve([1, 2], [1, 2])).toThrow(/^solve: 1-dimensional array given/);
    expect(() => np.linalg.det(5)).toThrow(/^det: 0-dimensional array given\. Array must be at least two-dimensional/);
    expect(() => np.linalg.det([1, 2])).toThrow(np.linalg.LinAlgError);
  });

  it("non-square: np.linalg.inv(np.ones((2, 3)))", () => {
    // numpy.linalg.LinAlgError: Last 2 dimensions of the array must be square
    expect(() => np.linalg.inv(np.ones([2, 3]))).toThrow(/^inv: Last 2 dimensions of the array must be square/);
    expect(() => np.linalg.det(np.ones([4, 2, 3]))).toThrow(/^det: Last 2 dimensions of the array must be square/);
    expect(() => np.linalg.solve(np.ones([2, 3]), [1, 2])).toThrow(/Last 2 dimensions of the array must be square/);
  });

  it("solve with mismatched b names both shapes", () => {
    // np.linalg.solve(np.eye(3), np.ones(2)) → ValueError: solve1: Input operand 1 has a mismatch in its core
    // dimension 0, with gufunc signature (m,m),(m)->(m) (size 2 is different from 3)
    expect(() => np.linalg.solve(np.eye(3), np.ones([2]))).toThrow(
      /^solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature \(m,m\),\(m\)->\(m\) \(size 2 is different from 3\)/);
    expect(() => np.linalg.solve(np.eye(3), np.ones([2]))).toThrow(/a has shape \(3,3\) and b has shape \(2,\)/);
    // np.linalg.solve(np.eye(3), np.ones((4, 3))) → ... (m,m),(m,n)->(m,n) (size 4 is different from 3)
    expect(() => np.linalg.solve(np.eye(3), np.ones([4, 3]))).toThrow(/\(m,m\),\(m,n\)->\(m,n\) \(size 4 is different from 3\)/);
    // np.linalg.solve(np.ones((2, 3, 3)), np.ones(3)) → ... does not have enough dimensions (has 1, ... requires 2)
    expect(() => np.linalg.solve(np.ones([2, 3, 3]), np.ones([3]))).toThrow(
      /Input operand 1 does not have enough dimensions \(has 1, gufunc core with signature \(m,m\),\(m,n\)->\(m,n\) requires 2\)/);
    expect(() => np.linalg.solve(np.eye(3), 1)).toThrow(/does not have enough dimensions \(has 0/);
    expect(() => np.linalg.solve(np.eye(3), np.ones([2]))).toThrow(np.ShapeError);
  });

  it("solve with stack dims that do not broadcast: solve(ones((2, 3, 3)), ones((4, 3, 1)))", () => {
    expect(() => np.linalg.solve(np.ones([2, 3, 3]), np.ones([4, 3, 1]))).toThrow(np.BroadcastError);
    expect(() => np.linalg.solve(np.ones([2, 3, 3]), np.ones([4, 3, 1]))).toThrow(/\(2,3,3\).*\(4,3,1\)/);
  });
});

describe("inputs are left alone", () => {
  it("det, inv and solve do not modify their arguments", () => {
    const a = np.array(P), b = np.array([1, 2, 3]);
    np.linalg.det(a); np.linalg.inv(a); np.linalg.solve(a, b);
    expect(a.toArray()).toEqual(P);
    expect(b.toArray()).toEqual([1, 2, 3]);
  });
});
