// Row-wise work along one axis: move the axis last, process each packed row, move it back.
// cumsum, sort and argsort are all "do something to every 1-D slice along an axis".
import { allocate, DType, TypedArray } from "./dtype";
import { NDArray } from "./ndarray";
import { normalizeAxis } from "./shape";
import { transpose } from "./manipulate";

/**
 * Calls perRow(values, out) for each 1-D slice along `axis` (the flattened array when axis is
 * null) and returns the rows put back in place as a new array of `outDType`.
 */
export function mapAlongAxis(op: string, x: NDArray, axisOption: number | null | undefined, outDType: DType,
  perRow: (values: TypedArray, out: TypedArray) => void): NDArray {
  const src = axisOption === null ? x.reshape(-1) : x;
  const axis = normalizeAxis(op, axisOption ?? -1, src.ndim, x.shape);
  const order = src.shape.map((_, i) => i).filter((i) => i !== axis).concat([axis]);
  const moved = transpose(src, order);
  const buf = moved.toTypedArray();
  const out = allocate(outDType, buf.length);
  const n = src.shape[axis];
  for (let start = 0; start < buf.length; start += n) {
    perRow(buf.subarray(start, start + n), out.subarray(start, start + n));
  }
  const inverse = order.map((_, i) => order.indexOf(i));
  return transpose(new NDArray(out, moved.shape, undefined, 0, outDType), inverse).copy();
}
