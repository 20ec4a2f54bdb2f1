// MIME bundles: how a value is shown in a notebook.
//
// Every value gets `text/plain`, made by util.inspect (so an NDArray, which defines Node's inspect
// symbol, shows NumPy's repr). A value offers richer formats by defining a method under
// `Symbol.for("jupyter.mimeBundle")` that returns `{ "text/html": "...", ... }` (or
// `{ data, metadata }`); the kernel keeps what it returns and adds text/plain if it is missing.
import * as util from "node:util";

export type MimeData = Record<string, unknown>;

export interface MimeBundle {
  data: MimeData;
  metadata: Record<string, unknown>;
}

/** The symbol a value defines to offer a multi-MIME representation. */
export const MIME_BUNDLE = Symbol.for("jupyter.mimeBundle");

const MIME_TYPE = /^[\w\-+.]+\/[\w\-+.]+$/;

/** text/plain of a value, as a notebook shows it: strings are quoted like util.inspect does. */
export function plainText(value: unknown): string {
  return util.inspect(value, { depth: 4, maxArrayLength: 100, breakLength: 100 });
}

function isObject(x: unknown): x is Record<string | symbol, unknown> {
  return (typeof x === "object" || typeof x === "function") && x !== null;
}

/** Checks a bundle's data: keys must be MIME types; binary values become base64 strings. */
export function normalizeData(data: MimeData): MimeData {
  const out: MimeData = {};
  for (const [mime, v] of Object.entries(data)) {
    if (!MIME_TYPE.test(mime)) throw new TypeError(`display: ${JSON.stringify(mime)} is not a MIME type`);
    out[mime] = v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") : v;
  }
  return out;
}

/** The bundle for a value: its own richer formats, if it offers any, plus text/plain. */
export function mimeBundle(value: unknown): MimeBundle {
  let data: MimeData = {};
  let metadata: Record<string, unknown> = {};
  if (isObject(value) && typeof value[MIME_BUNDLE] === "function") {
    const offered = (value[MIME_BUNDLE] as () => unknown).call(value);
    if (isObject(offered)) {
      if (isObject(offered.data)) {
        data = normalizeData(offered.data as MimeData);
        if (isObject(offered.metadata)) metadata = { ...(offered.metadata as Record<string, unknown>) };
      } else {
        data = normalizeData(offered as MimeData);
      }
    }
  }
  if (typeof data["text/plain"] !== "string") data["text/plain"] = plainText(value);
  return { data, metadata };
}

/** Options of `display(...)` in a cell. */
export interface DisplayOptions {
  /** Treat the first argument as a ready MIME bundle `{ "text/html": ..., ... }`. */
  raw?: boolean;
  /** Name this output so `updateDisplay` can replace it later. */
  displayId?: string;
  metadata?: Record<string, unknown>;
}

/** The bundle `display(value, options)` sends. */
export function displayBundle(value: unknown, options: DisplayOptions = {}): MimeBundle {
  let bundle: MimeBundle;
  if (options.raw) {
    if (!isObject(value)) throw new TypeError("display: with { raw: true } the value must be a MIME bundle object");
    const data = normalizeData(value as MimeData);
    if (Object.keys(data).length === 0) throw new TypeError("display: the MIME bundle is empty");
    bundle = { data, metadata: {} };
  } else {
    bundle = mimeBundle(value);
  }
  if (options.metadata) bundle.metadata = { ...bundle.metadata, ...options.metadata };
  return bundle;
}
