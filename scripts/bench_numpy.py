"""NumPy side of `npm run bench` (scripts/bench.ts runs it; not part of npm test).

Times the same work as the TypeScript benchmark and prints one JSON object on stdout:
  {"numpy": version, "ops": {name: median_ms}, "mnist": {...} or null}

Usage: /usr/bin/python3 scripts/bench_numpy.py [--repeats N] [--mnist PATH --epochs E]
PATH holds what bench.ts wrote: the MNIST train and test images as uint8 (0..255, 784 per row)
and labels as uint8, with a small JSON header naming the counts. Images are scaled as our loader
does (float32 x / 255, then float64), so both sides train on the same numbers.
"""
import argparse
import json
import resource
import sys
import time

import numpy as np


def median_ms(fn, repeats, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]


def ops(repeats):
    rng = np.random.default_rng(0)
    out = {}
    a64, b64 = rng.random((512, 512)), rng.random((512, 512))
    a32, b32 = a64.astype(np.float32), b64.astype(np.float32)
    out["matmul512_f64"] = median_ms(lambda: a64 @ b64, repeats)
    out["matmul512_f32"] = median_ms(lambda: a32 @ b32, repeats)
    x = rng.random(1_000_000) * 2 - 1
    out["exp_1e6_f64"] = median_ms(lambda: np.exp(x), repeats)
    m, row = rng.random((1000, 1000)), rng.random(1000)
    out["add_bcast_1000_f64"] = median_ms(lambda: m + row, repeats)
    out["sum_axis0_1000_f64"] = median_ms(lambda: m.sum(axis=0), repeats)
    return out


def load(path):
    with open(path, "rb") as f:
        header_len = int.from_bytes(f.read(4), "little")
        header = json.loads(f.read(header_len))
        blob = np.frombuffer(f.read(), dtype=np.uint8)
    parts, at = {}, 0
    for name, count in header:
        parts[name] = blob[at:at + count]
        at += count
    scale = lambda u8: (u8.reshape(-1, 784).astype(np.float32) / np.float32(255))
    return scale(parts["xTrain"]), parts["yTrain"].astype(np.int64), scale(parts["xTest"]), parts["yTest"].astype(np.int64)


def mlp(x_train, y_train, x_test, y_test, epochs, dtype, batch=64, lr=0.1, momentum=0.9):
    """784-128-10 ReLU MLP, softmax + cross-entropy (mean), SGD with momentum, as nn/optim do it."""
    rng = np.random.default_rng(0)
    x_train, x_test = x_train.astype(dtype), x_test.astype(dtype)
    W1 = (rng.standard_normal((784, 128)) * np.sqrt(2 / 784)).astype(dtype)
    b1 = np.zeros(128, dtype)
    W2 = (rng.standard_normal((128, 10)) * np.sqrt(2 / (128 + 10))).astype(dtype)
    b2 = np.zeros(10, dtype)
    params = [W1, b1, W2, b2]
    velocity = [np.zeros_like(p) for p in params]
    n = x_train.shape[0]
    eye = np.eye(10, dtype=dtype)
    epoch_ms = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        order = rng.permutation(n)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            X, Y = x_train[idx], eye[y_train[idx]]
            h_pre = X @ W1 + b1
            h = np.maximum(h_pre, 0)
            z = h @ W2 + b2
            z = z - z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            dz = (p - Y) / X.shape[0]
            dW2, db2 = h.T @ dz, dz.sum(axis=0)
            dh = (dz @ W2.T) * (h_pre > 0)
            dW1, db1 = X.T @ dh, dh.sum(axis=0)
            for p_, v, g in zip(params, velocity, [dW1, db1, dW2, db2]):
                v *= momentum
                v += g
                p_ -= lr * v
        epoch_ms.append((time.perf_counter() - t0) * 1000)
    hidden = np.maximum(x_test @ W1 + b1, 0)
    accuracy = float(((hidden @ W2 + b2).argmax(axis=1) == y_test).mean())
    return {"epochMs": sorted(epoch_ms)[len(epoch_ms) // 2], "epochsMs": epoch_ms, "testAccuracy": accuracy}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--mnist")
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    result = {"numpy": np.__version__, "python": sys.version.split()[0], "ops": ops(args.repeats), "mnist": None}
    if args.mnist:
        data = load(args.mnist)
        result["mnist"] = {"f64": mlp(*data, args.epochs, np.float64), "f32": mlp(*data, args.epochs, np.float32)}
    # ru_maxrss is in KiB on Linux: the whole process's peak, data included.
    result["peakRssMiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
