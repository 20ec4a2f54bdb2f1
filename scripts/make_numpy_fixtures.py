#!/usr/bin/python3
"""Write the NumPy reference values the tests compare against.

Each module in scripts/numpy_fixtures/ defines `cases()`, returning a JSON-able dict; this script
writes it to tests/fixtures/<module>.json. Run with Debian's NumPy:

    apt-get install python3-numpy libopenblas0-pthread
    /usr/bin/python3 scripts/make_numpy_fixtures.py

CI never runs this: it uses the committed JSON.
"""
import importlib
import json
import math
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


def encode(value):
    """Make NumPy values JSON-safe; non-finite floats become strings NaN/Infinity/-Infinity."""
    if isinstance(value, np.ndarray):
        return {"__ndarray__": True, "dtype": str(value.dtype), "shape": list(value.shape),
                "data": [encode(v) for v in value.ravel().tolist()]}
    if isinstance(value, np.generic):
        return encode(value.item())
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


def main():
    names = sys.argv[1:] or sorted(p.stem for p in (ROOT / "scripts" / "numpy_fixtures").glob("*.py")
                                   if not p.stem.startswith("_"))
    out_dir = ROOT / "tests" / "fixtures"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        module = importlib.import_module(f"numpy_fixtures.{name}")
        data = {"numpy_version": np.__version__, "cases": encode(module.cases())}
        path = out_dir / f"{name}.json"
        path.write_text(json.dumps(data, separators=(",", ":"), allow_nan=False) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
