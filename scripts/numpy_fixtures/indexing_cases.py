"""Reference results for tests/ndarray/indexing.test.ts: slice assignment, boolean masks, take,
nonzero and reshape-view rules, computed by NumPy.

Each entry maps a case name to NumPy's result; the test performs the same operation by name.
Arrays start from np.arange(n) reshaped, so both sides build identical inputs.
"""
import numpy as np


def a34():
    return np.arange(12).reshape(3, 4).astype(np.float64)


def assignments():
    out = {}

    x = np.arange(6.)
    x[1:] = x[:-1]
    out["overlap_shift_right"] = x

    x = np.arange(6.)
    x[:-1] = x[1:]
    out["overlap_shift_left"] = x

    x = np.arange(6.)
    x[:] = x[::-1]
    out["overlap_reverse"] = x

    x = a34()
    x[:, 1:] = x[:, :-1]
    out["overlap_2d_columns"] = x

    x = a34()
    x[1:, :] = [100, 200, 300, 400]
    out["row_into_2d_slice"] = x

    x = a34()
    x[:, 1:3] = [[1], [2], [3]]
    out["column_broadcast"] = x

    x = a34()
    x[::2, ::-2] = -1
    out["scalar_into_strided"] = x

    x = a34()
    x[::-1, 1] = [7, 8, 9]
    out["negative_step_view"] = x

    x = a34()
    x.T[0] = [7, 8, 9]
    out["transposed_view"] = x

    x = a34()
    x.T[1:3, ::-1] = [[1, 2, 3], [4, 5, 6]]
    out["transposed_reversed_block"] = x

    x = np.arange(24.).reshape(2, 3, 4)
    x[..., 1] = 10  # a scalar through an ellipsis
    out["ellipsis_scalar"] = x

    x = np.arange(24.).reshape(2, 3, 4)
    x[:, None, 1] = [1, 2, 3, 4]
    out["newaxis_target"] = x

    x = np.arange(6, dtype=np.int32)
    x[:4] = [1.9, -1.9, 2.5, -0.5]
    out["float_into_int32"] = x

    x = np.zeros(4, dtype=np.bool_)
    x[1:3] = [2.0, 0.0]
    out["float_into_bool"] = x

    x = np.arange(4, dtype=np.float32)
    x[:] = 0.1
    out["float_into_float32"] = x

    x = a34()
    x[x > 5] = 0
    out["mask_scalar"] = x

    x = a34()
    x[x > 8] = [10, 20, 30]
    out["mask_values"] = x

    x = a34()
    x.T[x.T % 3 == 0] = [-1, -2, -3, -4]  # mask on a transposed view: C order of the view
    out["mask_on_transposed"] = x

    x = a34()
    x[np.array([True, False, True])] = [1, 2, 3, 4]
    out["mask_leading_dim"] = x

    x = a34()
    x[np.array([True, False, True])] = [[1], [2]]
    out["mask_leading_dim_column"] = x

    x = np.arange(24.).reshape(2, 3, 4)
    x[np.array([[True, False, True], [False, True, False]])] = np.arange(3 * 4.).reshape(3, 4) * -1
    out["mask_two_leading_dims"] = x
    return out


def selections():
    x = np.arange(24.).reshape(2, 3, 4)
    out = {}
    out["mask_select_elements"] = a34()[a34() % 5 == 0]
    out["mask_select_rows"] = a34()[np.array([False, True, True])]
    out["mask_select_two_dims"] = x[np.array([[True, False, True], [False, True, False]])]
    out["mask_select_none"] = a34()[a34() > 100]
    out["take_axis1"] = np.take(a34(), [2, -1, 0], axis=1)
    out["take_axis0_repeat"] = np.take(a34(), [0, 0, -1], axis=0)
    out["take_flat_2d_indices"] = np.take(a34(), [[0, 11], [-1, 5]])
    out["take_axis_neg_2d_indices"] = np.take(x, [[1, 0], [3, -3]], axis=-1)
    out["take_from_transposed"] = np.take(a34().T, [1, 3], axis=0)
    out["take_empty"] = np.take(a34(), np.array([], dtype=np.int64), axis=1)
    out["nonzero_2d"] = list(np.nonzero(np.array([[0, 1, 0], [2, 0, 3]])))
    out["nonzero_1d_bool"] = list(np.nonzero(np.array([True, False, True, True])))
    out["nonzero_3d_view"] = list(np.nonzero((x % 7 == 0)[:, ::-1]))
    return out


def reshape_views():
    """Whether NumPy's reshape returns a view (shares memory) and the result values."""
    out = {}
    x = np.arange(24.).reshape(4, 6)
    cases = {
        "T_ravel": (lambda: x.T, (-1,)),
        "T_to_6_2_2": (lambda: x.T, (6, 2, 2)),
        "cols_step2_to_2_2_3": (lambda: x[:, ::2], (2, 2, 3)),
        "cols_step2_to_12": (lambda: x[:, ::2], (12,)),
        "rows_step2_to_12": (lambda: x[::2], (12,)),
        "rows_step2_to_2_3_2": (lambda: x[::2], (2, 3, 2)),
        "inner_block_to_6": (lambda: x[1:3, 1:4], (6,)),
        "inner_block_to_2_3_1": (lambda: x[1:3, 1:4], (2, 3, 1)),
        "reversed_rows_to_4_3_2": (lambda: x[::-1], (4, 3, 2)),
        "reversed_rows_ravel": (lambda: x[::-1], (-1,)),
        "column_to_2_2": (lambda: x[:, 1], (2, 2)),
    }
    for name, (view, shape) in cases.items():
        v = view()
        r = v.reshape(shape)
        out[name] = {"shape": list(shape), "shares": bool(np.shares_memory(r, x)), "values": r}
    return out


def errors():
    out = {}

    def catch(name, f):
        try:
            f()
        except Exception as e:  # noqa: BLE001
            out[name] = {"error": type(e).__name__, "message": str(e)}
        else:
            raise AssertionError(f"{name} did not raise")

    def assign(x, index, value):
        x[index] = value

    catch("get_out_of_bounds", lambda: np.arange(3.)[5])
    catch("get_negative_out_of_bounds", lambda: a34()[1, -5])
    catch("set_shape_mismatch", lambda: assign(np.arange(5.), slice(0, 2), [1, 2, 3]))
    catch("set_2d_mismatch", lambda: assign(a34(), slice(0, 2), [[1, 2, 3]]))
    catch("mask_count_mismatch", lambda: assign(a34(), a34() > 8, [10, 20]))
    catch("mask_leading_mismatch", lambda: assign(a34(), np.array([True, False, True]), [1, 2, 3]))
    catch("mask_wrong_length", lambda: a34()[np.array([True, False])])
    catch("too_many_indices", lambda: a34()[1, 2, 3])
    catch("two_ellipses", lambda: a34()[..., ...])
    catch("step_zero", lambda: a34()[::0])
    catch("take_out_of_bounds", lambda: np.take(a34(), [4], axis=0))
    catch("take_flat_out_of_bounds", lambda: np.take(a34(), [12]))
    catch("take_bad_axis", lambda: np.take(a34(), [0], axis=2))
    return out


def cases():
    return {"assign": assignments(), "select": selections(), "reshape": reshape_views(), "errors": errors()}
