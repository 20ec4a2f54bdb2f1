"""Reference values for tests/ndarray/creation.test.ts: arange and linspace (whose float values
depend on exactly how NumPy computes them) and astype conversions, computed by NumPy.

Each entry records the arguments and NumPy's result; the test calls our function with the same
arguments. NumPy's int64 results are compared as our int32.
"""
import warnings

import numpy as np


def arange_cases():
    args = [
        [5], [2, 9], [10, 0, -3], [5, 1], [0, 1, 0.25], [0.1, 0.4, 0.1], [1, 2, 0.1],
        [-3, 3, 1.5], [0, -1, -0.1], [2.5], [1, 2.2, 0.3], [0, 10, 3], [-5, -20, -4],
    ]
    return [{"args": a, "expected": np.arange(*a)} for a in args]


def linspace_cases():
    out = []
    for start, stop, num in [(0, 1, 5), (0.1, 0.9, 7), (-1, 1, 3), (2, 3, 1), (2, 3, 0), (1, 10, 50),
                             (0, 1, 11), (3, -2, 6), (-0.7, 1e3, 9)]:
        for endpoint in (True, False):
            out.append({"start": start, "stop": stop, "num": num, "endpoint": endpoint,
                        "expected": np.linspace(start, stop, num, endpoint=endpoint)})
    # Integer dtypes: NumPy (>= 1.20) floors the float values before the cast.
    for start, stop, num in [(-1, 1, 4), (0, 10, 4), (-3, 2, 7)]:
        out.append({"start": start, "stop": stop, "num": num, "endpoint": True, "dtype": "int32",
                    "expected": np.linspace(start, stop, num, dtype=np.int32)})
    out.append({"start": 0, "stop": 1, "num": 4, "endpoint": True, "dtype": "float32",
                "expected": np.linspace(0, 1, 4, dtype=np.float32)})
    return out


def astype_cases():
    values = [1.7, -1.7, 0.5, -0.5, 2.0, 2147483647.0, -2147483648.0, 1e-300, -0.0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            "values": values,
            "int32": np.array(values).astype(np.int32),
            "float32": np.array(values).astype(np.float32),
            "bool": np.array(values).astype(np.bool_),
        }


def cases():
    return {"arange": arange_cases(), "linspace": linspace_cases(), "astype": astype_cases()}
