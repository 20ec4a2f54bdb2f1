// Jupyter's wire protocol (messaging spec 5.3): a message on a ZeroMQ socket is
//   [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]
// where the signature is the HMAC of the four JSON frames with the connection file's key.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = "<IDS|MSG>";

export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface Message<C = Record<string, unknown>> {
  /** ZeroMQ routing identities (shell/control) or the topic (iopub). */
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** Signs messages and checks incoming signatures; an empty key disables signing, as Jupyter does. */
export class Signer {
  constructor(
    private readonly key: string,
    private readonly scheme = "hmac-sha256",
  ) {
    if (key && scheme !== "hmac-sha256") throw new Error(`unsupported signature_scheme ${scheme}`);
  }

  sign(frames: (string | Buffer)[]): string {
    if (!this.key) return "";
    const h = createHmac("sha256", this.key);
    for (const f of frames) h.update(f);
    return h.digest("hex");
  }

  verify(signature: string, frames: (string | Buffer)[]): boolean {
    if (!this.key) return true;
    const want = Buffer.from(this.sign(frames));
    const got = Buffer.from(signature);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}

/** Parses the frames of one message; throws on a missing delimiter or a bad signature. */
export function decode(frames: Buffer[], signer: Signer): Message {
  const delim = frames.findIndex((f) => f.length === DELIMITER.length && f.toString() === DELIMITER);
  if (delim < 0) throw new Error("message without <IDS|MSG> delimiter");
  if (frames.length < delim + 6) throw new Error(`message with ${frames.length - delim - 2} of 4 JSON frames`);
  const signature = frames[delim + 1].toString();
  const body = frames.slice(delim + 2, delim + 6);
  if (!signer.verify(signature, body)) throw new Error("message with an invalid signature");
  return {
    identities: frames.slice(0, delim),
    header: JSON.parse(body[0].toString()) as Header,
    parent_header: JSON.parse(body[1].toString()) as Partial<Header>,
    metadata: JSON.parse(body[2].toString()) as Record<string, unknown>,
    content: JSON.parse(body[3].toString()) as Record<string, unknown>,
    buffers: frames.slice(delim + 6),
  };
}

/** The frames of a message, signed. */
export function encode(msg: Message<unknown>, signer: Signer): (Buffer | string)[] {
  const body = [
    JSON.stringify(msg.header),
    JSON.stringify(msg.parent_header),
    JSON.stringify(msg.metadata),
    JSON.stringify(msg.content),
  ];
  return [...msg.identities, DELIMITER, signer.sign(body), ...body, ...msg.buffers];
}

/** A new header for a message the kernel sends. */
export function newHeader(msgType: string, session: string): Header {
  return {
    msg_id: randomUUID(),
    msg_type: msgType,
    session,
    username: "kernel",
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION,
  };
}
