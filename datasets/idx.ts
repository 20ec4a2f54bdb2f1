// The IDX format of MNIST and Fashion-MNIST: a 4-byte magic (0, 0, type, ndim), ndim big-endian
// uint32 sizes, then the values in C order. Only unsigned bytes (type 0x08) occur in these sets.
import { readFileSync } from "fs";
import { basename } from "path";
import { gunzipSync } from "zlib";
import { DataError } from "../lib/data/errors";

export interface IdxArray {
  /** The sizes from the header, e.g. [60000, 28, 28]. */
  shape: number[];
  /** The values, a view into the file's bytes (no copy). */
  data: Uint8Array;
}

/** Parses IDX bytes; `source` names the file in errors. */
export function parseIdx(bytes: Uint8Array, source: string): IdxArray {
  const fail = (what: string) => new DataError("parse", "readIdx", `${source}: ${what}`, { file: source });
  if (bytes.length < 4) throw fail(`file too short for an IDX header (${bytes.length} bytes)`);
  const [z0, z1, type, ndim] = bytes;
  if (z0 !== 0 || z1 !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw fail(`wrong magic number ${magic} (an IDX file starts with 00 00 <type> <ndim>)`);
  }
  if (type !== 0x08) throw fail(`unsupported IDX element type 0x${type.toString(16).padStart(2, "0")} (only unsigned bytes, 0x08, are supported)`);
  if (ndim < 1) throw fail("IDX header declares 0 dimensions");
  const headerLength = 4 + 4 * ndim;
  if (bytes.length < headerLength) throw fail(`truncated header: ${ndim} dimensions need ${headerLength} bytes, the file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < ndim; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const size = shape.reduce((a, b) => a * b, 1);
  const have = bytes.length - headerLength;
  if (have < size) throw fail(`truncated: shape (${shape.join(",")}) needs ${size} bytes of data, found ${have}`);
  if (have > size) throw fail(`${have - size} unexpected bytes after the data of shape (${shape.join(",")})`);
  return { shape, data: bytes.subarray(headerLength, headerLength + size) };
}

/** Reads an IDX file, gunzipping it when its name ends in .gz. Returns the raw bytes as well. */
export function readIdx(path: string): IdxArray & { bytes: Uint8Array } {
  let bytes: Uint8Array = readFileSync(path);
  if (path.endsWith(".gz")) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DataError("parse", "readIdx", `${basename(path)}: not a valid gzip file (${(e as Error).message})`, { file: path });
    }
  }
  return { ...parseIdx(bytes, path), bytes };
}
