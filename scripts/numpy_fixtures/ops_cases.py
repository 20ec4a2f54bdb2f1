"""Reference results for the ndarray ops, computed by NumPy.

Each case names an op, its inputs and keyword options, and NumPy's result (or the error NumPy
raises). An input may carry a `view`: a NumPy index expression (\"::-1, 1:\") or \"T\", applied to
the base array on both sides, so that non-contiguous views are tested against the same values.
"""
import numpy as np

rng = np.random.RandomState(1234)

F64, F32, I32, B = np.float64, np.float32, np.int32, np.bool_


def data(shape, dtype=F64, low=-3, high=3):
    if dtype == B:
        return np.asarray(rng.rand(*shape) > 0.5)
    if dtype == I32:
        return np.asarray(rng.randint(low, high + 1, size=shape)).astype(I32)
    return np.asarray(rng.rand(*shape) * (high - low) + low).astype(dtype)


def positive(shape, dtype=F64):
    return np.asarray(rng.rand(*shape) * 3 + 0.1).astype(dtype)


def inp(base, view=None):
    return {"base": base, "view": view}


def apply_view(entry):
    if isinstance(entry, list):
        return [apply_view(x) for x in entry]
    if not isinstance(entry, dict):
        return entry
    a = entry["base"]
    v = entry["view"]
    if v is None:
        return a
    if v == "T":
        return a.T
    return eval(f"a[{v}]")


NP_NAMES = {
    "notEqual": "not_equal", "lessEqual": "less_equal", "greaterEqual": "greater_equal",
    "logicalAnd": "logical_and", "logicalOr": "logical_or", "logicalNot": "logical_not",
    "expandDims": "expand_dims", "broadcastTo": "broadcast_to", "arraySplit": "array_split",
}


def run(op, inputs, kwargs):
    args = [apply_view(x) for x in inputs]
    kw = dict(kwargs)
    if op == "var":
        return np.var(*args, **kw)
    if op == "matmul":
        return np.matmul(*args)
    if op == "norm":
        if isinstance(kw.get("axis"), list):
            kw["axis"] = tuple(kw["axis"])
        return np.linalg.norm(*args, **kw)
    if op == "sliceView":
        return eval(f"args[0][{kw['index']}]")
    if op == "clip":
        return np.clip(*args, kw.get("min"), kw.get("max"))
    if op == "round":
        return np.round(*args, **kw)
    if op == "unique":
        return np.unique(*args, return_counts=True)
    if op == "take":
        return np.take(*args, **kw)
    if op == "mask":
        return args[0][args[1]]
    return getattr(np, NP_NAMES.get(op, op))(*args, **kw)


CASES = []


def describe(x):
    if isinstance(x, list):
        return "[" + ", ".join(describe(y) for y in x) + "]"
    if isinstance(x, dict):
        a = apply_view(x)
        return f"{tuple(a.shape)}{a.dtype}" + (f"[{x['view']}]" if x["view"] else "")
    return repr(x)


def case(op, inputs, kwargs=None, name=None):
    kwargs = kwargs or {}
    entry = {"op": op, "inputs": inputs, "kwargs": kwargs}
    entry["name"] = name or f"{op} " + " ".join(
        describe(x) for x in inputs) + (f" {kwargs}" if kwargs else "")
    try:
        with np.errstate(all="ignore"):
            result = run(op, inputs, kwargs)
        if isinstance(result, tuple):
            entry["expected"] = [np.asarray(r) for r in result]
        elif isinstance(result, list):
            entry["expected"] = [np.asarray(r) for r in result]
        else:
            entry["expected"] = np.asarray(result)
    except Exception as e:  # the error NumPy raises is the expectation
        entry["error"] = type(e).__name__
        entry["message"] = str(e)
    CASES.append(entry)


def build():
    binary = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "equal", "notEqual",
              "less", "lessEqual", "greater", "greaterEqual", "logicalAnd", "logicalOr"]
    shape_pairs = [((), ()), ((3,), ()), ((), (4,)), ((2, 3), (2, 3)), ((2, 3), (3,)), ((3,), (2, 3)),
                   ((3, 1), (1, 4)), ((2, 1, 4), (3, 1)), ((1,), (5,)), ((2, 3), (4,)), ((0, 3), (3,))]
    for op in binary:
        for sa, sb in shape_pairs:
            case(op, [inp(data(sa)), inp(data(sb))])
        # non-contiguous views on both sides
        case(op, [inp(data((3, 4)), "T"), inp(data((4, 3)), "::-1")])
        case(op, [inp(data((4, 6)), "::2, ::-3"), inp(data((2,)), None)])
        case(op, [inp(data((2, 3, 4)), "..., 1:3"), inp(data((3, 2)), "::-1, None")])
        # scalars, both sides
        case(op, [inp(data((2, 3))), 2.5])
        case(op, [1.5, inp(data((3,)))])
        # dtypes
        for da, db in [(I32, I32), (I32, F64), (F32, F32), (F32, F64), (I32, F32), (B, B), (B, F64)]:
            if op in ("add", "subtract", "multiply") and (da, db) == (B, B):
                continue  # bool arithmetic is int32 here, by design (NumPy: logical ops / TypeError)
            if op == "subtract" and B in (da, db):
                continue
            a = data((2, 3), da)
            b = data((3,), db)
            if op == "divide" and db != B:
                b = np.where(b == 0, 1, b).astype(db)
            case(op, [inp(a), inp(b)])
        case(op, [inp(data((3,), I32)), 2])
        case(op, [inp(data((3,), F32)), 0.1])
        case(op, [inp(data((3,), I32)), 0.5])
    case("add", [inp(np.array([2**31 - 1, -2**31], dtype=I32)), inp(np.array([1, -1], dtype=I32))], name="add int32 wraps")
    case("multiply", [inp(np.array([65536, 123456789], dtype=I32)), inp(np.array([65536, 987654321], dtype=I32))],
         name="multiply int32 wraps")
    case("divide", [inp(np.array([1., -1., 0.])), 0.0], name="divide by zero gives inf and nan")
    case("maximum", [inp(np.array([1., np.nan, 3.])), inp(np.array([np.nan, 2., 1.]))], name="maximum propagates nan")
    case("minimum", [inp(np.array([1., np.nan, 3.])), inp(np.array([np.nan, 2., 1.]))], name="minimum propagates nan")

    # power: positive bases for float exponents, small ints for int powers
    case("power", [inp(positive((2, 3))), inp(data((3,)))])
    case("power", [inp(positive((3, 2)), "T"), 0.5])
    case("power", [inp(data((2, 3), I32)), inp(np.array([0, 1, 3], dtype=I32))])
    case("power", [inp(data((4,), I32)), 2])
    case("power", [inp(np.array([1., -1.])), inp(np.array([np.nan, np.inf]))], name="power C edge cases")
    case("power", [inp(np.array([2, 3], dtype=I32)), inp(np.array([-1, 2], dtype=I32))], name="power int negative exponent")
    case("power", [inp(data((3,), F32)), 2])

    unary_float = ["exp", "log", "log1p", "sqrt", "sin", "cos", "tanh", "floor", "ceil"]
    unary_any = ["negative", "abs", "sign", "square", "isnan", "isfinite", "logicalNot"]
    for op in unary_float + unary_any:
        pos = op in ("log", "sqrt", "log1p")
        make = positive if pos else data
        for shape in [(), (1,), (5,), (2, 3), (2, 1, 3)]:
            case(op, [inp(make(shape))])
        case(op, [inp(make((3, 4)), "T")])
        case(op, [inp(make((4, 5)), "::-1, 1::2")])
        case(op, [inp(make((2, 3), F32))])
        case(op, [inp(positive((2, 3)).astype(I32) if pos else data((2, 3), I32))])
        if op in ("isnan", "isfinite", "logicalNot", "abs", "sign", "exp", "sqrt", "floor"):
            case(op, [inp(np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 2.5]))], name=f"{op} special values")
        if op in ("isnan", "isfinite", "logicalNot"):
            case(op, [inp(data((2, 3), B))])  # (NumPy's float ufuncs turn bool into float16; ours give float64)
    case("exp", [inp(np.array([-1000., 0., 709., 710.]))], name="exp overflow to inf")
    case("log", [inp(np.array([0., -1., 1e-300]))], name="log of zero and negative")
    for dec in [0, 1, 2, -1]:
        case("round", [inp(np.array([0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 0.125, 123.456, -7.25]))], {"decimals": dec})
    case("round", [inp(data((3, 4)), "T")], {"decimals": 1})
    case("round", [inp(np.array([15, 25, -35], dtype=I32))], {"decimals": -1})
    for lo, hi in [(-1.0, 1.0), (None, 0.5), (0.0, None)]:
        case("clip", [inp(data((2, 5)))], {"min": lo, "max": hi})
    case("clip", [inp(data((4,), I32))], {"min": -1, "max": 1})
    case("clip", [inp(data((2, 3)))], {"min": None, "max": None}, name="clip without bounds")

    # where
    case("where", [inp(data((2, 3), B)), inp(data((2, 3))), inp(data((2, 3)))])
    case("where", [inp(data((3, 1), B)), inp(data((1, 4))), -1.0])
    case("where", [inp(data((4,), B)), inp(data((4,), I32)), inp(data((4,), F32))])
    case("where", [inp(data((2, 3), B)), inp(data((3,))), inp(data((4,)))])

    # reductions
    red_shapes = [(5,), (2, 3), (2, 3, 4), (1, 4), (3, 1, 2)]
    for op in ["sum", "mean", "prod", "max", "min", "var", "std", "any", "all"]:
        for shape in red_shapes:
            nd = len(shape)
            for axis in [None, 0, -1] + ([(0, 2), 1] if nd == 3 else []) + ([(0, 1)] if nd == 2 else []):
                if axis is not None and isinstance(axis, int) and axis >= nd:
                    continue
                x = data(shape, B) if op in ("any", "all") else data(shape)
                kw = {} if axis is None else {"axis": list(axis) if isinstance(axis, tuple) else axis}
                pyk = dict(kw)
                if "axis" in pyk and isinstance(pyk["axis"], list):
                    pyk["axis"] = tuple(pyk["axis"])
                case_red(op, [inp(x)], kw, pyk)
                if axis is not None:
                    kk = dict(kw, keepdims=True)
                    case_red(op, [inp(x)], kk, dict(pyk, keepdims=True))
        case_red(op, [inp(data((3, 4)), "T")], {"axis": 0}, {"axis": 0})
        case_red(op, [inp(data((4, 6)), "::-1, ::2")], {"axis": 1}, {"axis": 1})
        case_red(op, [inp(data((2, 3), I32))], {"axis": 1}, {"axis": 1})
        case_red(op, [inp(data((2, 3), F32))], {"axis": 0}, {"axis": 0})
        case_red(op, [inp(data((), F64))], {}, {})
        case_red(op, [inp(data((2, 3)))], {"axis": 2}, {"axis": 2})
        case_red(op, [inp(data((2, 3)))], {"axis": -3}, {"axis": -3})
    for ddof in [1, 2]:
        case_red("var", [inp(data((4, 3)))], {"axis": 0, "ddof": ddof}, {"axis": 0, "ddof": ddof})
        case_red("std", [inp(data((6,)))], {"ddof": ddof}, {"ddof": ddof})
    case_red("sum", [inp(data((3, 4), B))], {"axis": 0}, {"axis": 0})
    case_red("max", [inp(np.zeros((0, 3)))], {"axis": 0}, {"axis": 0})
    case_red("max", [inp(np.zeros((0, 3)))], {"axis": 1}, {"axis": 1})
    case_red("sum", [inp(np.zeros((0, 3)))], {"axis": 0}, {"axis": 0})
    case_red("max", [inp(np.array([1., np.nan, 3.]))], {}, {})
    case_red("sum", [inp(rng.rand(20000))], {}, {})
    for op in ["argmax", "argmin"]:
        for shape, axis in [((5,), None), ((2, 3), None), ((2, 3), 0), ((2, 3), 1), ((2, 3, 4), -1), ((2, 3, 4), 1)]:
            kw = {} if axis is None else {"axis": axis}
            case(op, [inp(data(shape))], kw)
            if axis is not None:
                case(op, [inp(data(shape))], dict(kw, keepdims=True))
        case(op, [inp(np.array([1., 3., 3., 0., 0.]))], name=f"{op} ties pick first")
        case(op, [inp(np.array([1., np.nan, 3., np.nan]))], name=f"{op} first nan")
        case(op, [inp(data((3, 4)), "T")], {"axis": 0})
        case(op, [inp(data((2, 3), I32))], {"axis": 1})
        case(op, [inp(np.zeros((0,)))], {})
    for shape, axis in [((5,), None), ((2, 3), None), ((2, 3), 0), ((2, 3), 1), ((2, 3, 4), -2)]:
        kw = {} if axis is None else {"axis": axis}
        case("cumsum", [inp(data(shape))], kw)
        case("cumsum", [inp(data(shape, I32))], kw)
    case("cumsum", [inp(data((3, 4)), "T")], {"axis": 1})
    case("cumsum", [inp(data((4,), B))], {})

    # linear algebra
    for sa, sb in [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((5, 2, 3), (3, 4)),
                   ((2, 3), (5, 3, 4)), ((2, 1, 2, 3), (4, 3, 2)), ((1, 3), (3, 1)), ((0, 3), (3, 2)),
                   ((2, 0), (0, 3)), ((2, 3), (4, 5)), ((3,), (4,)), ((2, 2, 3), (3, 3, 4))]:
        case("matmul", [inp(data(sa)), inp(data(sb))])
    case("matmul", [inp(data((3, 2)), "T"), inp(data((4, 3)), "T")])
    case("matmul", [inp(data((4, 6)), "::2, ::-2"), inp(data((3, 5)), "::-1")])
    case("matmul", [inp(data((2, 3), I32)), inp(data((3, 2), I32))])
    case("matmul", [inp(data((2, 3), F32)), inp(data((3, 2), F32))])
    case("matmul", [inp(data((2, 3), I32)), inp(data((3, 2)))])
    case("matmul", [inp(data((3,))), 2.0], name="matmul with a scalar")
    for sa, sb in [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((2, 3, 4), (4,)),
                   ((2, 3, 4), (5, 4, 2)), ((2, 3), (4, 5))]:
        case("dot", [inp(data(sa)), inp(data(sb))])
    case("dot", [inp(data((2, 3))), 3.0])
    case("outer", [inp(data((3,))), inp(data((4,)))])
    case("outer", [inp(data((2, 2))), inp(data((3,)))])
    for kw in [{}, {"ord": 1}, {"ord": np.inf}, {"ord": -np.inf}, {"ord": 0}, {"ord": 3}]:
        case("norm", [inp(data((5,)))], kw)
    for kw in [{}, {"ord": "fro"}, {"ord": 1}, {"ord": -1}, {"ord": np.inf}, {"ord": -np.inf}, {"axis": 0}, {"axis": 1},
               {"axis": 1, "keepdims": True}]:
        case("norm", [inp(data((3, 4)))], kw)
    for kw in [{"ord": 2}, {"ord": -2}, {"ord": "nuc"}, {"ord": 2, "axis": [1, 0]}, {"ord": 1, "axis": [1, 0]}]:
        case("norm", [inp(data((3, 4)))], kw)
    case("norm", [inp(data((5, 2)))], {"ord": 2})
    case("norm", [inp(data((4, 6)), "T")], {"ord": -2})
    case("norm", [inp(np.array([[1., 2.], [2., 4.]]))], {"ord": -2}, name="norm -2 of a singular matrix is 0")
    case("norm", [inp(data((2, 3, 4)))], {"ord": 2, "axis": [1, 2]})
    case("norm", [inp(data((2, 3, 4)))], {"ord": "nuc", "axis": [2, 0], "keepdims": True})
    case("norm", [inp(data((2, 3, 4)))], {})
    case("norm", [inp(data((2, 3, 4)))], {"axis": -1})

    # shape manipulation
    for shape, new in [((6,), [2, 3]), ((2, 3), [3, 2]), ((2, 3), [-1]), ((2, 3, 4), [4, -1]), ((6,), [1, 6, 1]),
                       ((), [1, 1]), ((1,), []), ((2, 3), [4, 2]), ((2, 3), [-1, -1]), ((6,), [4, -1])]:
        case("reshape", [inp(data(shape)), new])
    case("reshape", [inp(data((3, 4)), "T"), [12]])
    case("reshape", [inp(data((4, 6)), "::2"), [2, 2, 3]])
    case("reshape", [inp(data((4, 6)), "::-1, ::2"), [-1]])
    for shape, axes in [((2, 3), None), ((2, 3, 4), None), ((2, 3, 4), [1, 0, 2]), ((2, 3, 4), [-1, 0, 1]),
                        ((2, 3), [0, 0]), ((2, 3), [0])]:
        case("transpose", [inp(data(shape))] + ([axes] if axes is not None else []))
    case("swapaxes", [inp(data((2, 3, 4))), 0, 2])
    for shape, axis in [((3,), 0), ((3,), 1), ((3,), -1), ((2, 3), [0, 3]), ((3,), 3)]:
        case("expandDims", [inp(data(shape)), axis if isinstance(axis, int) else tuple(axis)])
    for shape, axis in [((1, 3, 1), None), ((1, 3, 1), 0), ((1, 3, 1), [0, 2]), ((1, 3, 1), 1), ((1,), None)]:
        case("squeeze", [inp(data(shape))] + ([] if axis is None else [axis if isinstance(axis, int) else tuple(axis)]))
    for shape, target in [((3,), [2, 3]), ((1, 3), [4, 3]), ((3, 1), [3, 4]), ((), [2, 2]), ((3,), [4]), ((2, 3), [3])]:
        case("broadcastTo", [inp(data(shape)), target])
    for shapes, axis in [([(2, 3), (1, 3)], 0), ([(2, 3), (2, 2)], 1), ([(2, 3), (2, 3)], -1), ([(3,), (2,)], 0),
                         ([(2, 3), (2, 2)], 0), ([(2,), (2, 2)], 0), ([(2, 3), (1, 3)], None)]:
        case("concatenate", [[inp(data(s)) for s in shapes]], {"axis": axis})
    case("concatenate", [[inp(data((2, 3), I32)), inp(data((1, 3)))]], {"axis": 0})
    case("concatenate", [[inp(data((3, 2)), "T"), inp(data((2, 4)), "::-1, 1:")]], {"axis": 1})
    for shapes, axis in [([(3,), (3,)], 0), ([(3,), (3,)], 1), ([(2, 3), (2, 3), (2, 3)], -1), ([(3,), (4,)], 0)]:
        case("stack", [[inp(data(s)) for s in shapes]], {"axis": axis})
    for shape, spec, axis in [((6,), 3, 0), ((6,), [1, 4], 0), ((4, 6), 2, 1), ((5,), 2, 0), ((6,), [-2, 10], 0)]:
        case("split", [inp(data(shape)), spec], {"axis": axis})
    case("arraySplit", [inp(data((7,))), 3])
    for shape, reps in [((3,), 2), ((3,), [2, 2]), ((2, 2), [1, 3]), ((2, 2), 2), ((2, 1, 2), [2, 1, 1, 2])]:
        case("tile", [inp(data(shape)), reps])
    for shape, reps, axis in [((3,), 2, None), ((2, 2), 2, 0), ((2, 2), [1, 2], 1), ((2, 3), 3, None),
                              ((3,), [1, 2], None), ((2, 3), [0, 1, 2], -1)]:
        kw = {} if axis is None else {"axis": axis}
        case("repeat", [inp(data(shape)), reps], kw)

    # slicing (basic indexing) and take / masks
    base = np.arange(60.).reshape(3, 4, 5)
    for index in ["1", "-1", "1:3", "::-1", ":, 1", "..., 2", "..., None", "None, 0, ::2", "1:2, ::-2, -3:",
                  "::2, 1:, 4", "0, 0, 0", "5:", "-10:2", ":, ::-3, ...", "2, ..., None, 1", "1:1",
                  "::-1, ::-1, ::-1", "3", "0, 0, 0, 0", "..., ...", ":, 4:0:-2"]:
        case("sliceView", [inp(base)], {"index": index})
    case("sliceView", [inp(np.arange(10.), "::-2")], {"index": "1:4"})
    case("sliceView", [inp(np.arange(12.).reshape(3, 4), "T")], {"index": "::-1, 1"})
    for idx, axis in [([0, 2], None), ([[0, 1], [2, 2]], 0), ([-1, 0], 1), ([3], 0), ([5], None), ([1, 1, 0], -1)]:
        kw = {} if axis is None else {"axis": axis}
        case("take", [inp(np.arange(12.).reshape(3, 4)), inp(np.array(idx, dtype=I32))], kw)
    m = np.array([[True, False, True, False], [False, False, True, True], [True, True, True, False]])
    case("mask", [inp(np.arange(12.).reshape(3, 4)), inp(m)])
    case("mask", [inp(np.arange(12.).reshape(3, 4)), inp(np.array([True, False, True]))])
    case("mask", [inp(np.arange(12.).reshape(3, 4), "T"), inp(m.T)])
    case("mask", [inp(np.arange(12.).reshape(3, 4)), inp(np.array([True, False]))])

    # sorting
    for shape, axis in [((6,), -1), ((3, 4), -1), ((3, 4), 0), ((2, 3, 4), 1), ((3, 4), None)]:
        kw = {} if axis == -1 else {"axis": axis}
        case("sort", [inp(data(shape))], kw)
        # distinct values so argsort has one answer whatever the algorithm
        case("argsort", [inp(rng.permutation(int(np.prod(shape))).reshape(shape).astype(F64))], kw)
    case("sort", [inp(np.array([3., np.nan, 1., -np.inf, 2.]))])
    case("sort", [inp(data((3, 4), I32), "T")])
    case("argsort", [inp(np.array([3., np.nan, 1., -np.inf, 2.]))])
    case("unique", [inp(data((4, 5), I32))])
    case("unique", [inp(np.array([2., 1., 2., np.nan, 1., np.nan]))])
    case("unique", [inp(np.array([True, False, True]))])

    # norms keep float32 (NumPy computes them in float32); other dtypes give float64
    for kw in [{}, {"ord": 1}, {"ord": np.inf}, {"ord": 0}, {"ord": 3}]:
        case("norm", [inp(data((5,), F32))], kw)
    for kw in [{}, {"ord": "fro"}, {"ord": 2}, {"ord": "nuc"}, {"ord": 1}, {"axis": 1}, {"axis": 0, "keepdims": True}]:
        case("norm", [inp(data((3, 4), F32))], kw)
    case("norm", [inp(data((3, 4), I32))], {})
    case("norm", [inp(data((3, 4), I32))], {"ord": 1, "axis": 1})


def case_red(op, inputs, kwargs, pykwargs):
    entry_kwargs = kwargs
    entry = {"op": op, "inputs": inputs, "kwargs": entry_kwargs}
    x = apply_view(inputs[0])
    entry["name"] = f"{op} {tuple(x.shape)}{x.dtype}" + (f"[{inputs[0]['view']}]" if inputs[0]["view"] else "") + \
        (f" {kwargs}" if kwargs else "")
    try:
        with np.errstate(all="ignore"):
            fn = np.var if op == "var" else getattr(np, op)
            entry["expected"] = np.asarray(fn(x, **pykwargs))
    except Exception as e:
        entry["error"] = type(e).__name__
        entry["message"] = str(e)
    CASES.append(entry)


def encode_inputs(entry):
    def enc(x):
        if isinstance(x, dict):
            return {"base": x["base"], "view": x["view"]}
        if isinstance(x, list):
            return [enc(y) for y in x]
        if isinstance(x, tuple):
            return list(x)
        return x
    entry["inputs"] = [enc(x) for x in entry["inputs"]]
    kw = entry["kwargs"]
    for k, v in list(kw.items()):
        if isinstance(v, tuple):
            kw[k] = list(v)
    return entry


def cases():
    build()
    return [encode_inputs(c) for c in CASES]
