// The WebAssembly SIMD matmul and the pure TypeScript one give the same products (within float
// rounding) for every layout the lib makes: packed, transposed, stepped and reversed views,
// broadcast batches, vectors, edges that are not multiples of the kernel's tile.
import { afterEach, describe, expect, it } from "vitest";
import { np, NDArray } from "../../lib/index";
import { wasmGemm } from "../../lib/kernels/gemm-wasm";
import { PARALLEL_MIN_WORK, setThreads, threadInfo } from "../../lib/kernels/gemm-threads";

const both = (f: () => NDArray): [NDArray, NDArray] => {
  np.setBackend("ts");
  const ts = f();
  np.setBackend("wasm");
  return [ts, f()];
};

afterEach(() => np.setBackend("wasm"));

describe("matmul: wasm and TypeScript kernels agree", () => {
  it("the wasm kernels load in Node 20 (WebAssembly SIMD)", () => {
    expect(wasmGemm).not.toBeNull();
    np.setBackend("wasm");
    expect(np.kernelInfo()).toMatch(/^wasm/);
  });

  const shapes: [number, number, number][] = [[1, 1, 1], [2, 3, 4], [5, 7, 3], [4, 8, 8], [17, 33, 9], [64, 784, 128], [3, 300, 10], [130, 257, 70]];
  for (const [n, k, m] of shapes) {
    for (const dtype of ["float64", "float32"] as const) {
      it(`(${n},${k}) @ (${k},${m}) ${dtype}`, () => {
        np.random.seed(n * 1000 + k + m);
        const a = np.random.randn(n, k).astype(dtype), b = np.random.randn(k, m).astype(dtype);
        const [ts, wasm] = both(() => a.matmul(b));
        expect(wasm.dtype).toBe(dtype);
        expect(wasm.shape).toEqual([n, m]);
        const tol = dtype === "float64" ? 1e-12 : 1e-4;
        np.assertAllClose(wasm, ts, { rtol: tol, atol: tol * Math.sqrt(k) });
      });
    }
  }

  it("transposed, stepped and reversed views, without copies in the caller", () => {
    np.random.seed(1);
    const x = np.random.randn(40, 30), w = np.random.randn(50, 40);
    for (const [a, b] of [[x.T, w.T], [x.slice("::2, ::-1"), np.random.randn(30, 7).slice("::-1, 1:")],
      [x.slice("3:9, ::3"), w.slice(":10, 5:21:2")]] as [NDArray, NDArray][]) {
      const [ts, wasm] = both(() => a.matmul(b));
      np.assertAllClose(wasm, ts, { rtol: 1e-12, atol: 1e-12 });
    }
  });

  it("operands packed inside the wasm module (a transposed or row-major A, a row-major B), ragged edges, gaps between rows", () => {
    np.random.seed(5);
    for (const dtype of ["float64", "float32"] as const) {
      const x = np.random.randn(37, 23).astype(dtype), g = np.random.randn(37, 13).astype(dtype);
      const wide = np.random.randn(23, 45).astype(dtype);
      const cases: [NDArray, NDArray][] = [
        [x.T, g],                              // x.T @ g: A's rows are neighbours, 23 rows (5 panels + 3)
        [x, wide.slice(":, 2:39")],            // B rows 37 wide inside rows of 45 (gaps)
        [x.slice(":, 1:22").T, g],           // a transposed A with gaps between its columns
        [np.arange(37 * 23).reshape(37, 23).astype("int32").T, g], // int32 A converted as it is copied in
        [x.slice(":, 2:21"), wide.slice("2:21")],  // a row-major A with gaps, 19 columns (odd; not a multiple of 4)
        [np.random.randn(9, 3).astype(dtype), np.random.randn(3, 5).astype(dtype)], // fewer columns than one SIMD step
        [np.random.randn(8, 2).astype(dtype), np.random.randn(2, 8).astype(dtype)],
      ];
      for (const [a, b] of cases) {
        const [ts, wasm] = both(() => a.matmul(b));
        expect(wasm.shape).toEqual(ts.shape);
        np.assertAllClose(wasm, ts, dtype === "float32" ? { rtol: 1e-4, atol: 1e-3 } : { rtol: 1e-12, atol: 1e-12 });
      }
    }
  });

  it("broadcast batches, vectors and mixed dtypes", () => {
    np.random.seed(2);
    const cases: [NDArray, NDArray][] = [
      [np.random.randn(3, 1, 5, 6), np.random.randn(4, 6, 2)],
      [np.random.randn(6), np.random.randn(2, 6, 3)],
      [np.random.randn(2, 5, 6), np.random.randn(6)],
      [np.random.randn(7), np.random.randn(7)],
      [np.random.randn(4, 5).astype("float32"), np.arange(0, 10, 1, { dtype: "int32" }).reshape(5, 2)],
      [np.random.randn(4, 5).astype("float32"), np.ones([5, 3], { dtype: "bool" })],
      [np.random.randn(0, 5), np.random.randn(5, 3)],
      [np.random.randn(2, 0), np.random.randn(0, 3)],
    ];
    for (const [a, b] of cases) {
      const [ts, wasm] = both(() => np.matmul(a, b));
      expect(wasm.shape).toEqual(ts.shape);
      expect(wasm.dtype).toBe(ts.dtype);
      np.assertAllClose(wasm, ts, { rtol: 1e-5, atol: 1e-5 });
    }
  });

  it("int32 products stay exact and wrap like NumPy on both backends", () => {
    const a = np.array([[2147483647, 2]], { dtype: "int32" }), b = np.array([[2], [3]], { dtype: "int32" });
    const [ts, wasm] = both(() => a.matmul(b));
    expect(wasm.toArray()).toEqual(ts.toArray());
    expect(wasm.toArray()).toEqual([[4]]);
  });

  it("NNBOOK_WASM=0 and setBackend choose the TypeScript kernels", () => {
    np.setBackend("ts");
    expect(np.getBackend()).toBe("ts");
    expect(np.kernelInfo()).toMatch(/^ts/);
    expect(() => np.setBackend("gpu" as "ts")).toThrow(/unknown backend/);
  });
});

describe("the two wasm builds: fused multiply-add and plain SIMD", () => {
  it("runs the fused multiply-add build on this Node (relaxed SIMD switched on for Node 20)", async () => {
    const { wasmGemmBuild } = await import("../../lib/kernels/gemm-wasm");
    np.setBackend("wasm"); // CI also runs this file with NNBOOK_WASM=0
    expect(wasmGemmBuild).toBe("fma");
    expect(np.kernelInfo()).toMatch(/fused multiply-add/);
  });

  it("both builds give the product of the same packed panels, within float rounding", async () => {
    const { GEMM_WASM_BASE64, GEMM_FMA_WASM_BASE64 } = await import("../../lib/kernels/gemm-wasm-bytes");
    const run = (base64: string, f32: boolean): number[] => {
      const wasm = (globalThis as any).WebAssembly;
      const memory = new wasm.Memory({ initial: 1, maximum: 16, shared: true });
      const k = new wasm.Instance(new wasm.Module(Buffer.from(base64, "base64")), { env: { memory } }).exports;
      // n = 8 rows, k = 300, m = 8 columns: A as two 4-row panels, B as one (f32) or two (f64) panels.
      const n = 8, depth = 300, m = 8, View = f32 ? Float32Array : Float64Array, size = f32 ? 4 : 8;
      const mem = new View(memory.buffer, 0, n * depth + depth * m + n * m);
      np.random.seed(11);
      mem.set(np.random.randn(n * depth + depth * m).toTypedArray());
      mem.fill(0, n * depth + depth * m);
      (f32 ? k.gemm_f32 : k.gemm_f64)(0, n * depth * size, (n * depth + depth * m) * size, n, depth, m);
      return Array.from(mem.subarray(n * depth + depth * m));
    };
    for (const f32 of [false, true]) {
      const plain = run(GEMM_WASM_BASE64, f32), fused = run(GEMM_FMA_WASM_BASE64, f32);
      expect(plain.some((v) => v !== 0)).toBe(true);
      np.assertAllClose(fused, plain, { rtol: f32 ? 1e-4 : 1e-12, atol: f32 ? 1e-4 : 1e-12 });
    }
  });
});

describe("matmul on worker threads", () => {
  afterEach(() => setThreads(2));

  it("gives bit-identical products on 1, 2 and 3 threads (rows are cut, sums keep their order)", () => {
    np.setBackend("wasm"); // CI also runs this file with NNBOOK_WASM=0
    for (const dtype of ["float64", "float32"] as const) {
      for (const [n, k, m] of [[512, 512, 64], [260, 300, 260], [9, 20000, 96]] as [number, number, number][]) {
        np.random.seed(n + k + m);
        const a = np.random.randn(n, k).astype(dtype), b = np.random.randn(k, m).astype(dtype);
        // Another product in between leaves other values in the kernels' scratch memory, so a band
        // that no thread computed would show.
        const dirty = () => a.matmul(b.multiply(-1));
        setThreads(1);
        const one = a.matmul(b).toTypedArray();
        setThreads(2);
        dirty();
        const two = a.matmul(b).toTypedArray();
        setThreads(3);
        dirty();
        const three = a.matmul(b.T.copy().T).toTypedArray(); // a strided B on three threads
        expect(n * k * m).toBeGreaterThanOrEqual(PARALLEL_MIN_WORK);
        expect(Array.from(two)).toEqual(Array.from(one));
        expect(Array.from(three)).toEqual(Array.from(one));
      }
    }
    expect(threadInfo().running).toBe(3);
  });

  it("gives bit-identical products over a run of 150 back-to-back jobs of changing sizes (bands are claimed per job)", () => {
    np.setBackend("wasm");
    np.random.seed(7);
    const shapes: [number, number, number][] = [[64, 784, 128], [784, 64, 128], [200, 300, 100], [96, 1000, 48]];
    const operands = shapes.map(([n, k, m]) => [np.random.randn(n, k), np.random.randn(k, m)] as const);
    setThreads(1);
    const expected = operands.map(([a, b]) => Array.from(a.matmul(b).toTypedArray()));
    setThreads(2);
    for (let r = 0; r < 150; r++) {
      const i = (r * 7) % shapes.length; // a different shape from the one before, job after job
      const [a, b] = operands[i];
      const got = a.matmul(b).toTypedArray();
      if (Array.from(got).some((v, j) => v !== expected[i][j])) throw new Error(`job ${r} (shape ${shapes[i]}) differs from one thread's`);
    }
    expect(threadInfo().running).toBe(2);
  });

  it("rejects a thread count that is not a whole number >= 1", () => {
    expect(() => setThreads(0)).toThrow(/whole number of threads >= 1, got 0/);
    expect(() => setThreads(1.5)).toThrow(RangeError);
  });
});
