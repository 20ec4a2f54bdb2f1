"""Reference repr()/str() strings of NumPy arrays, for tests/ndarray/format.test.ts.

Default print options throughout (precision=8, threshold=1000, edgeitems=3, linewidth=75).
Arrays are kept small enough for JSON: summarized cases use a few thousand elements at most.
"""
import numpy as np

f64, f32, i32 = np.float64, np.float32, np.int32
nan, inf = np.nan, np.inf


def _arrays():
    """(name, array) pairs covering dtypes, shapes, magnitudes and print modes."""
    out = []

    def add(name, a):
        out.append((name, np.asarray(a)))

    # --- float64: 0-d (repr shows array(x), str shows the scalar's str) ---
    add("f64 0d 5", np.array(5.0))
    add("f64 0d -0.5", np.array(-0.5))
    add("f64 0d 1/3", np.array(1 / 3))
    add("f64 0d nan", np.array(nan))
    add("f64 0d -inf", np.array(-inf))
    add("f64 0d 1e10 (exp)", np.array(1e10))
    add("f64 0d 1e16 (scalar str switches to exp)", np.array(1e16))
    add("f64 0d 9.9e15", np.array(9.9e15))
    add("f64 0d 1e-4", np.array(1e-4))
    add("f64 0d 9e-5", np.array(9e-5))
    add("f64 0d -0.0", np.array(-0.0))
    add("f64 0d 123456789.123", np.array(123456789.123))

    # --- float64: 1-d positional ---
    add("f64 [1, 2]", np.array([1.0, 2.0]))
    add("f64 [0.5, 0.25]", np.array([0.5, 0.25]))
    add("f64 with nan", np.array([0.5, 0.25, nan, -1.0]))
    add("f64 thirds", np.array([1 / 3, 2 / 3]))
    add("f64 negatives mixed", np.array([-1.5, 2.25, -3.125, 4.0]))
    add("f64 ints as floats", np.array([1.0, 100.0, 12345.0, -7.0]))
    add("f64 0.1+0.2", np.array([0.1 + 0.2, 0.7]))
    add("f64 8 digits", np.array([1.23456789012, 9.87654321098]))
    add("f64 pi*1e5", np.array([np.pi * 1e5, 1.0]))
    add("f64 zeros and -0", np.array([0.0, -0.0, 0.0]))
    add("f64 only -0", np.array([-0.0]))
    add("f64 single", np.array([3.5]))
    add("f64 ratio exactly 1e3 (positional)", np.array([0.001, 1.0]))
    add("f64 min exactly 1e-4 ratio 1e3", np.array([1e-4, 0.1]))
    add("f64 just below 1e8", np.array([99999999.0, 1.0]))
    add("f64 rounding 9s carry", np.array([0.999999999, 9.9999999999, 1.5]))
    add("f64 half-even digits", np.array([0.125, 0.375, 2.5e-1]))

    # --- float64: scientific notation ---
    add("f64 1.5e-05 and 1", np.array([1.5e-05, 1.0]))
    add("f64 >= 1e8", np.array([1e8, 1.0]))
    add("f64 ratio > 1e3", np.array([0.001, 1.0001]))
    add("f64 min 1e-4 ratio 1e4", np.array([1e-4, 1.0]))
    add("f64 1e300 1e-300", np.array([1e300, 1e-300]))
    add("f64 3-digit exponents", np.array([1e-300, 1.0, -2.5e200]))
    add("f64 exp with zero", np.array([0.0, 1e-5, 1.0]))
    add("f64 exp with nan/inf", np.array([nan, 1e-5, -inf, 1.0]))
    add("f64 exp negative", np.array([-1.23456789e-7, 5e9]))
    add("f64 denormals", np.array([5e-324, 1e-320, 2.2250738585072014e-308]))
    add("f64 max", np.array([1.7976931348623157e308, -1.0]))
    add("f64 1e23", np.array([1e23, 1e22]))
    add("f64 large ints", np.array([123456789.0, 1.0]))

    # --- float64: non-finite only ---
    add("f64 nan inf -inf", np.array([nan, inf, -inf]))
    add("f64 nan only", np.array([nan]))
    add("f64 inf and 1", np.array([inf, 1.0]))
    add("f64 nan -inf", np.array([nan, -inf]))
    add("f64 2d nonfinite", np.array([[nan, 1.0], [inf, -2.5]]))

    # --- float64: n-d ---
    add("f64 2x2", np.array([[1.0, 2.0], [3.0, 4.0]]))
    add("f64 3x4", np.arange(12.0).reshape(3, 4))
    add("f64 2x3x4", np.arange(24.0).reshape(2, 3, 4))
    add("f64 2x3x4x5", np.arange(120.0).reshape(2, 3, 4, 5) / 4)
    add("f64 1x1x3", np.zeros((1, 1, 3)))
    add("f64 3x1", np.ones((3, 1)))
    add("f64 1x1x1x1", np.full((1, 1, 1, 1), 2.5))
    add("f64 column neg", np.array([[-1.0], [2.5], [10.0]]))

    # --- float64: line wrapping ---
    add("f64 arange(30)/7", np.arange(30.0) / 7)
    add("f64 wide rows", np.arange(40.0).reshape(2, 20) / 3)
    add("f64 wide rows exp", (np.arange(36.0).reshape(3, 12) + 1) * 1e-6)
    add("f64 3d wide", np.arange(60.0).reshape(2, 2, 15) * 1.5)
    add("f64 logspace", np.logspace(-5, 5, 23))

    # --- float64: summarized (> 1000 elements) ---
    add("f64 arange(2000)", np.arange(2000.0))
    add("f64 1001 elems", np.linspace(0, 1, 1001))
    add("f64 40x40", np.arange(1600.0).reshape(40, 40) / 3)
    add("f64 12x12x12", np.arange(1728.0).reshape(12, 12, 12))
    add("f64 2x1000x1 middle axis summarized", np.arange(2000.0).reshape(2, 1000, 1))
    add("f64 summarized exp", np.logspace(-10, 10, 1001))
    add("f64 summarized 3x400 only last axis", np.arange(1200.0).reshape(3, 400))

    # --- float64: seeded random data ---
    np.random.seed(0)
    add("f64 randn(5)", np.random.randn(5))
    add("f64 randn(3,4)", np.random.randn(3, 4))
    add("f64 randn(2,3,4)", np.random.randn(2, 3, 4))
    add("f64 randn(50)", np.random.randn(50))
    add("f64 randn(40,40)", np.random.randn(40, 40))
    add("f64 randn*1e-5", np.random.randn(10) * 1e-5)
    add("f64 randn*1e6", np.random.randn(6) * 1e6)
    add("f64 randn*1e9", np.random.randn(4) * 1e9)
    add("f64 randn(2,2,2,3)", np.random.randn(2, 2, 2, 3))
    add("f64 rand(7,9)", np.random.rand(7, 9))

    # --- float64: empty ---
    add("f64 empty (0,)", np.zeros((0,)))
    add("f64 empty (0,3)", np.zeros((0, 3)))
    add("f64 empty (2,0,3)", np.zeros((2, 0, 3)))
    add("f64 empty (0,0)", np.zeros((0, 0)))

    # --- float32 ---
    add("f32 0d 0.1", np.array(0.1, f32))
    add("f32 0d 1e16", np.array(1e16, f32))
    add("f32 0d 1e-5", np.array(1e-5, f32))
    add("f32 0d 1e-4 (below 1e-4 as float64)", np.array(1e-4, f32))
    add("f32 0d 9.9e15", np.array(9.9e15, f32))
    add("f32 [1, 2]", np.array([1.0, 2.0], f32))
    add("f32 0.1 0.2 0.3", np.array([0.1, 0.2, 0.3], f32))
    add("f32 thirds", np.array([1 / 3, 2 / 3], f32))
    add("f32 exp 1e-5", np.array([1e-5, 1.0], f32))
    add("f32 exp extra digits", np.array([0.1, 1.2345678e-5], f32))
    add("f32 1e30 1e-30", np.array([1e30, 1e-30], f32))
    add("f32 max and denormal", np.array([3.4028235e38, 1e-45], f32))
    add("f32 nan inf", np.array([nan, inf, 1.0], f32))
    add("f32 near 1e-4", np.array([1e-4, 0.05], f32))
    add("f32 arange(30)/7", np.arange(30, dtype=f32) / f32(7))
    add("f32 2x3x4", np.arange(24, dtype=f32).reshape(2, 3, 4) / f32(3))
    add("f32 2000 summarized", np.arange(2000, dtype=f32) / f32(3))
    add("f32 empty", np.zeros((0,), f32))
    add("f32 empty (3,0)", np.zeros((3, 0), f32))
    np.random.seed(1)
    add("f32 randn(3,4)", np.random.randn(3, 4).astype(f32))
    add("f32 randn(20)", np.random.randn(20).astype(f32))
    add("f32 randn*1e-3 exp", (np.random.randn(8) * 1e-3).astype(f32))

    # --- int32 ---
    add("i32 0d", np.array(5, i32))
    add("i32 0d negative", np.array(-42, i32))
    add("i32 [1, 2, 3]", np.array([1, 2, 3], i32))
    add("i32 negatives", np.array([-5, 100, 7], i32))
    add("i32 extremes", np.array([2147483647, -2147483648, 0], i32))
    add("i32 arange(100)", np.arange(100, dtype=i32))
    add("i32 arange(2000)", np.arange(2000, dtype=i32))
    add("i32 2x3x4", np.arange(24, dtype=i32).reshape(2, 3, 4))
    add("i32 1x2x3x4", np.arange(24, dtype=i32).reshape(1, 2, 3, 4) - 12)
    add("i32 10x10x20 summarized", np.arange(2000, dtype=i32).reshape(10, 10, 20))
    add("i32 wide rows", np.arange(60, dtype=i32).reshape(2, 30) * 1000)
    add("i32 dtype on new line", np.arange(17, dtype=i32) * 100000)
    add("i32 empty", np.zeros((0,), i32))
    add("i32 empty (0,3)", np.zeros((0, 3), i32))
    np.random.seed(2)
    add("i32 randint", np.random.randint(-1000, 1000, size=(4, 5)).astype(i32))

    # --- bool ---
    add("bool 0d True", np.array(True))
    add("bool 0d False", np.array(False))
    add("bool [True, False]", np.array([True, False]))
    add("bool 2x3", np.array([[True, False, True], [False, False, True]]))
    add("bool 2x2x2", np.arange(8).reshape(2, 2, 2) % 3 == 0)
    add("bool 30 wraps", np.arange(30) % 2 == 0)
    add("bool 1500 summarized", np.arange(1500) % 3 == 0)
    add("bool empty", np.zeros((0,), bool))
    add("bool empty (0,2)", np.zeros((0, 2), bool))
    add("bool (3,1)", np.array([[True], [False], [True]]))
    return out


def cases():
    return [{"name": name, "values": a, "repr": repr(a), "str": str(a)} for name, a in _arrays()]
