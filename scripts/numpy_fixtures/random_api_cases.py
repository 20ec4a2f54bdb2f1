"""Reference draws for tests/ndarray/random.test.ts: NumPy's legacy np.random functions called in
a fixed order after np.random.seed(seed). The test replays the same calls, by name, on np.random
and on a RandomState, so it checks every wrapper's argument handling, shapes and call order
(including the Gaussian cached between randn calls).
"""
import numpy as np

POOL = np.array([10.0, 20.0, 30.0, 40.0, 50.0, 60.0])
P = [0.1, 0.2, 0.3, 0.2, 0.2]


def calls(r):
    """(name, result) for each call, in order; r is np.random or a RandomState."""
    out = []

    def call(name, f):
        out.append({"name": name, "result": f()})

    call("rand_2_3", lambda: r.rand(2, 3))
    call("rand_scalar", lambda: r.rand())
    call("randn_3", lambda: r.randn(3))  # leaves a cached Gaussian
    call("normal_scalar", lambda: r.normal())  # uses the cached one
    call("randn_4", lambda: r.randn(4))
    call("randn_scalar", lambda: r.randn())
    call("uniform_m1_2_2x2", lambda: r.uniform(-1, 2, (2, 2)))
    call("uniform_scalar", lambda: r.uniform())
    call("normal_3_05_5", lambda: r.normal(3, 0.5, 5))
    call("normal_2x3", lambda: r.normal(-1, 2, (2, 3)))
    call("random_4", lambda: r.random_sample(4))
    call("randint_0_10_5", lambda: r.randint(0, 10, 5))
    call("randint_5", lambda: r.randint(5))
    call("randint_5_size_2x2", lambda: r.randint(5, size=(2, 2)))
    call("randint_m3_3_scalar", lambda: r.randint(-3, 3))
    call("permutation_10", lambda: r.permutation(10))
    call("permutation_rows", lambda: r.permutation(np.arange(12.).reshape(4, 3)))
    call("permutation_list", lambda: r.permutation(np.array([1.5, 2.5, 3.5, 4.5, 5.5])))

    def shuffled(x):
        r.shuffle(x)
        return x

    call("shuffle_1d", lambda: shuffled(np.arange(8.)))
    call("shuffle_2d", lambda: shuffled(np.arange(15.).reshape(5, 3)))
    call("choice_5_3", lambda: r.choice(5, 3))
    call("choice_5_scalar", lambda: r.choice(5))
    call("choice_pool_4_noreplace", lambda: r.choice(POOL, 4, replace=False))
    call("choice_5_6_p", lambda: r.choice(5, 6, p=P))
    call("choice_pool_3_noreplace_p", lambda: r.choice(POOL[:5], 3, replace=False, p=P))
    call("choice_5_2x2", lambda: r.choice(5, (2, 2)))
    call("rand_after", lambda: r.rand(3))
    return out


def cases():
    out = {"pool": POOL, "p": P, "by_seed": {}}
    for seed in (0, 42, 2024):
        np.random.seed(seed)
        out["by_seed"][str(seed)] = calls(np.random)
    return out
