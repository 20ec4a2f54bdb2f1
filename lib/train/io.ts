// Saving and loading a model's weights. The file is JSON: a format tag, and per parameter its
// dtype, shape and little-endian bytes in base64, so it is portable and easy to inspect.
import { readFileSync, writeFileSync } from "node:fs";
import { NDArray } from "../ndarray/ndarray";
import { allocate, DType, isDType } from "../ndarray/dtype";
import { ValueError } from "../ndarray/errors";
import { Module, StateDict } from "../nn/module";

const FORMAT = "nnbook-weights";
const VERSION = 1;

interface EncodedParam { dtype: DType; shape: number[]; data: string }

function littleEndianBytes(values: ArrayBufferView): Buffer {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  // Typed arrays use the machine's byte order; files always store little-endian.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return Buffer.from(bytes);
  const copy = Buffer.from(bytes), width = (values as any).BYTES_PER_ELEMENT as number;
  for (let i = 0; i < copy.length; i += width) copy.subarray(i, i + width).reverse();
  return copy;
}

/** The state as a JSON string. */
export function serializeState(state: StateDict): string {
  const params: Record<string, EncodedParam> = {};
  for (const [name, value] of Object.entries(state)) {
    params[name] = { dtype: value.dtype, shape: [...value.shape], data: littleEndianBytes(value.toTypedArray()).toString("base64") };
  }
  return JSON.stringify({ format: FORMAT, version: VERSION, params });
}

/** Parses what serializeState wrote; `source` names the input in errors. */
export function deserializeState(text: string, source = "input"): StateDict {
  const fail = (why: string) => new ValueError("loadWeights", `${source} is not a valid nnbook weights file: ${why}`);
  let parsed: any;
  try { parsed = JSON.parse(text); } catch (e) { throw fail(`not JSON (${(e as Error).message})`); }
  if (parsed?.format !== FORMAT) throw fail(`format tag is ${JSON.stringify(parsed?.format)}, expected "${FORMAT}"`);
  if (parsed.version !== VERSION) throw fail(`version ${parsed.version} is not supported (expected ${VERSION})`);
  if (typeof parsed.params !== "object" || parsed.params === null) throw fail("no params");
  const state: StateDict = {};
  for (const [name, p] of Object.entries<any>(parsed.params)) {
    if (!isDType(p?.dtype) || !Array.isArray(p.shape) || typeof p.data !== "string") throw fail(`parameter '${name}' is malformed`);
    if (!p.shape.every((d: unknown) => Number.isInteger(d) && (d as number) >= 0)) {
      throw fail(`parameter '${name}' has shape ${JSON.stringify(p.shape)}, expected a list of non-negative integers`);
    }
    const size = p.shape.reduce((a: number, b: number) => a * b, 1);
    const values = allocate(p.dtype, size);
    const bytes = Buffer.from(p.data, "base64");
    if (bytes.length !== values.byteLength) {
      throw fail(`parameter '${name}' has ${bytes.length} bytes, but shape (${p.shape.join(",")}) of ${p.dtype} needs ${values.byteLength}`);
    }
    const le = littleEndianBytes(new Uint8Array(bytes)); // a no-op on little-endian machines
    new Uint8Array(values.buffer).set(new Uint8Array(le.buffer, le.byteOffset, le.byteLength));
    state[name] = new NDArray(values, p.shape, undefined, 0, p.dtype);
  }
  return state;
}

export function saveWeights(model: Module, path: string): void {
  const text = serializeState(model.stateDict());
  try { writeFileSync(path, text); } catch (e) {
    throw new ValueError("saveWeights", `cannot write ${path}: ${(e as Error).message}`, [], "does its folder exist? create it first");
  }
}

/** Loads weights saved by saveWeights; the architecture must match parameter for parameter. */
export function loadWeights(model: Module, path: string): void {
  let text: string;
  try { text = readFileSync(path, "utf8"); } catch (e) {
    throw new ValueError("loadWeights", `cannot read ${path}: ${(e as Error).message}`);
  }
  model.loadStateDict(deserializeState(text, path));
}
