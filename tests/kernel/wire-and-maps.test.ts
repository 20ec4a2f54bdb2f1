// The wire format (signing, framing) and the source maps that point errors at TypeScript lines.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mimeBundle } from "../../kernel/display";
import { ComposedMap, decodeVlq, SourceMap } from "../../kernel/sourcemap";
import { decode, encode, newHeader, Signer, type Message } from "../../kernel/wire";

describe("wire", () => {
  const signer = new Signer("secret-key");
  const msg: Message = {
    identities: [Buffer.from("id-1"), Buffer.from("id-2")],
    header: newHeader("execute_request", "sess"),
    parent_header: {},
    metadata: {},
    content: { code: "1 + 1" },
    buffers: [],
  };

  it("signs the four JSON frames with HMAC-SHA256 of the connection key", () => {
    const frames = encode(msg, signer).map((f) => Buffer.from(f));
    expect(frames.slice(0, 3).map(String)).toEqual(["id-1", "id-2", "<IDS|MSG>"]);
    const h = createHmac("sha256", "secret-key");
    for (const f of frames.slice(4, 8)) h.update(f);
    expect(frames[3].toString()).toBe(h.digest("hex"));
    expect(JSON.parse(frames[7].toString())).toEqual({ code: "1 + 1" });
  });

  it("decodes what it encodes, keeping identities and buffers", () => {
    const frames = [...encode(msg, signer), Buffer.from([1, 2])].map((f) => Buffer.from(f));
    const back = decode(frames, signer);
    expect(back.identities.map(String)).toEqual(["id-1", "id-2"]);
    expect(back.header).toEqual(msg.header);
    expect(back.content).toEqual({ code: "1 + 1" });
    expect(back.buffers).toEqual([Buffer.from([1, 2])]);
  });

  it("rejects a wrong signature and a missing delimiter; an empty key signs nothing", () => {
    const frames = encode(msg, signer).map((f) => Buffer.from(f));
    expect(() => decode(frames, new Signer("other-key"))).toThrow("invalid signature");
    expect(() => decode(frames.filter((f) => f.toString() !== "<IDS|MSG>"), signer)).toThrow("delimiter");
    const unsigned = encode(msg, new Signer("")).map((f) => Buffer.from(f));
    expect(unsigned[3].toString()).toBe("");
    expect(decode(unsigned, new Signer("")).content).toEqual({ code: "1 + 1" });
  });

  it("stamps headers with protocol 5.3, a fresh msg_id and the kernel session", () => {
    const a = newHeader("status", "s");
    const b = newHeader("status", "s");
    expect(a).toMatchObject({ msg_type: "status", session: "s", username: "kernel", version: "5.3" });
    expect(a.msg_id).not.toBe(b.msg_id);
    expect(Number.isNaN(Date.parse(a.date))).toBe(false);
  });
});

describe("source maps", () => {
  it("decodes base64 VLQ fields", () => {
    expect(decodeVlq("AAAA")).toEqual([0, 0, 0, 0]);
    expect(decodeVlq("CADE")).toEqual([1, 0, -1, 2]);
    expect(decodeVlq("gB")).toEqual([16]);
    expect(decodeVlq("hB")).toEqual([-16]);
  });

  it("looks up the last segment at or before a column", () => {
    // line 0: col 0 -> (0,0), col 4 -> (2,3); line 1: col 2 -> (7,0) (fields are deltas)
    const map = new SourceMap({ version: 3, sources: ["a.ts"], mappings: "AAAA,IAEG;EAKH" });
    expect(map.lookup(0, 0)).toEqual({ source: "a.ts", line: 0, col: 0 });
    expect(map.lookup(0, 3)).toEqual({ source: "a.ts", line: 0, col: 0 });
    expect(map.lookup(0, 9)).toEqual({ source: "a.ts", line: 2, col: 3 });
    expect(map.lookup(1, 0)).toEqual({ source: "a.ts", line: 7, col: 0 });
    expect(map.lookup(7, 0)).toBeNull();
  });

  it("composes the CommonJS->ESM and ESM->TS maps and removes the `export {};` line", () => {
    const inline = (m: object) => "//# sourceMappingURL=data:application/json;base64," + Buffer.from(JSON.stringify(m)).toString("base64");
    // ESM line 0 comes from TS line 3; CJS line 1 comes from ESM line 0.
    const js = ["x;", inline({ version: 3, sources: ["t.ts"], mappings: "AAGA" }), inline({ version: 3, sources: ["e.js"], mappings: ";AAAA" })].join("\n");
    expect(new ComposedMap(js, 1).toSource(1, 0)).toEqual({ line: 2, col: 0 });
  });
});

describe("mime bundles", () => {
  it("always gives text/plain from util.inspect", () => {
    expect(mimeBundle("s")).toEqual({ data: { "text/plain": "'s'" }, metadata: {} });
    expect(mimeBundle({ a: [1, 2] })).toEqual({ data: { "text/plain": "{ a: [ 1, 2 ] }" }, metadata: {} });
  });

  it("takes { data, metadata } from a value's jupyter.mimeBundle method and keeps its own text/plain", () => {
    const v = { [Symbol.for("jupyter.mimeBundle")]: () => ({ data: { "text/plain": "mine", "text/markdown": "**m**" }, metadata: { isolated: true } }) };
    expect(mimeBundle(v)).toEqual({ data: { "text/plain": "mine", "text/markdown": "**m**" }, metadata: { isolated: true } });
  });
});

describe("the kernel process's outbox", () => {
  it("keeps each socket's order and sends a reply only after the IOPub messages sent before it", async () => {
    const { createOutbox } = await import("../../kernel/server");
    const wire: string[] = [];
    const pending: (() => void)[] = [];
    // IOPub writes finish only when released (a slow subscriber); other sockets at once.
    const outbox = createOutbox((channel, frames) => {
      const done = () => { wire.push(`${channel}:${frames[0]}`); };
      if (channel !== "iopub") { done(); return Promise.resolve(); }
      return new Promise<void>((resolve) => pending.push(() => { done(); resolve(); }));
    });
    outbox.send("iopub", ["busy"]);
    outbox.send("iopub", ["stream"]);
    outbox.send("shell", ["execute_reply"]);
    outbox.send("iopub", ["idle"]);
    const settle = () => new Promise((r) => setTimeout(r, 5));
    await settle();
    expect(wire).toEqual([]); // the reply waits for the stream that came before it
    while (pending.length) { pending.shift()!(); await settle(); }
    await outbox.flushed();
    expect(wire).toEqual(["iopub:busy", "iopub:stream", "shell:execute_reply", "iopub:idle"]);
  });
});
