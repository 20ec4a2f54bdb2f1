// The other requests: kernel_info, completion, inspection, is_complete, history, display, comms,
// shutdown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codePointsToUtf16, globToRegExp, utf16ToCodePoints } from "../../kernel/kernel";
import { exec, startTestKernel, type TestKernel } from "./helpers";

let k: TestKernel;
beforeAll(() => {
  k = startTestKernel();
}, 60_000);
afterAll(() => k.close());

describe("kernel_info_request", () => {
  it("replies with status ok, protocol 5.3 and the real TypeScript and Node versions", async () => {
    const { reply, iopub } = await k.request("kernel_info_request");
    expect(reply.header.msg_type).toBe("kernel_info_reply");
    expect(reply.header.version).toBe("5.3");
    expect(reply.header.session).toBe("test-kernel");
    expect(reply.identities).toEqual([Buffer.from("client")]);
    const c = reply.content;
    expect(c.status).toBe("ok");
    expect(c.protocol_version).toBe("5.3");
    expect(c.implementation).toBe("nnbook");
    expect(c.language_info).toMatchObject({ name: "typescript", version: "5.0.4", file_extension: ".ts", mimetype: "text/typescript" });
    expect(c.banner).toContain("TypeScript 5.0.4 (tslab 1.0.22)");
    expect(c.banner).toContain(`Node.js ${process.version}`);
    expect(iopub.map((m) => m.content.execution_state)).toEqual(["busy", "idle"]);
  });

  it("is answered on the control channel too", async () => {
    const { reply } = await k.request("kernel_info_request", {}, "control");
    expect(reply.content.status).toBe("ok");
  });
});

describe("completion, inspection, is_complete", () => {
  it("completes members and earlier names, with cursor positions in code points", async () => {
    const a = await k.request("complete_request", { code: "Math.ab", cursor_pos: 7 });
    expect(a.reply.content).toEqual({ status: "ok", matches: ["abs"], cursor_start: 5, cursor_end: 7, metadata: {} });
    await k.request("execute_request", exec("const learningRate = 0.1;"));
    // "é" is one code point but one UTF-16 unit; the emoji is one code point but two units.
    const code = '"é😀"; learningR';
    const b = await k.request("complete_request", { code, cursor_pos: [...code].length });
    expect(b.reply.content.matches).toEqual(["learningRate"]);
    expect(b.reply.content.cursor_start).toBe([...code].length - "learningR".length);
    expect(b.reply.content.cursor_end).toBe([...code].length);
  });

  it("inspects a symbol: its signature and docs as text/plain", async () => {
    const { reply } = await k.request("inspect_request", { code: "Math.max", cursor_pos: 8, detail_level: 0 });
    expect(reply.content.status).toBe("ok");
    expect(reply.content.found).toBe(true);
    expect(reply.content.data["text/plain"]).toContain("max(...values: number[]): number");
    const none = await k.request("inspect_request", { code: "   ", cursor_pos: 1, detail_level: 0 });
    expect(none.reply.content).toEqual({ status: "ok", found: false, data: {}, metadata: {} });
    // a name nothing declares is not found (IPython's answer), not "any"
    const unknown = await k.request("inspect_request", { code: "nosuchName", cursor_pos: 10, detail_level: 0 });
    expect(unknown.reply.content).toEqual({ status: "ok", found: false, data: {}, metadata: {} });
  });

  it("shows help for `expr?` as a pager payload, as IPython does", async () => {
    const { reply, outputs } = await k.request("execute_request", exec("Math.max?"));
    expect(reply.content.status).toBe("ok");
    expect(reply.content.payload).toHaveLength(1);
    expect(reply.content.payload[0].source).toBe("page");
    expect(reply.content.payload[0].data["text/plain"]).toContain("max(...values: number[]): number");
    expect(outputs).toEqual([]);
  });

  it("tells complete, incomplete (with indent) and invalid code apart", async () => {
    const status = async (code: string) => (await k.request("is_complete_request", { code })).reply.content;
    expect(await status("const x = 1;")).toEqual({ status: "complete" });
    expect(await status("function f() {")).toEqual({ status: "incomplete", indent: "  " });
    expect(await status("const a = [1,")).toEqual({ status: "incomplete", indent: "  " });
    expect(await status("1 +* )")).toEqual({ status: "invalid" });
    // more lines can close a template literal or a block comment (IPython: an open """ is incomplete)
    expect(await status("const s = `abc")).toEqual({ status: "incomplete", indent: "" });
    expect(await status("/* a note")).toEqual({ status: "incomplete", indent: "" });
    expect(await status('const t = "abc')).toEqual({ status: "invalid" });
  });
});

describe("history_request", () => {
  it("answers tail, range and search (glob, unique, n), with and without outputs", async () => {
    const first = (await k.request("execute_request", exec("10 + 1"))).reply.content.execution_count;
    await k.request("execute_request", exec("10 + 2"));
    await k.request("execute_request", exec("10 + 1"));
    const hist = async (content: Record<string, unknown>) => (await k.request("history_request", { output: false, raw: true, ...content })).reply.content;

    const tail = await hist({ hist_access_type: "tail", n: 3 });
    expect(tail.status).toBe("ok");
    expect(tail.history).toEqual([
      [1, first, "10 + 1"],
      [1, first + 1, "10 + 2"],
      [1, first + 2, "10 + 1"],
    ]);
    const withOutput = await hist({ hist_access_type: "tail", n: 1, output: true });
    expect(withOutput.history).toEqual([[1, first + 2, ["10 + 1", "11"]]]);
    const range = await hist({ hist_access_type: "range", session: 1, start: first + 1, stop: first + 2 });
    expect(range.history).toEqual([[1, first + 1, "10 + 2"]]);
    const search = await hist({ hist_access_type: "search", pattern: "10 + ?" });
    expect(search.history.map((h: unknown[]) => h[2])).toEqual(["10 + 1", "10 + 2", "10 + 1"]);
    const unique = await hist({ hist_access_type: "search", pattern: "10 + ?", unique: true });
    expect(unique.history).toEqual([
      [1, first + 1, "10 + 2"],
      [1, first + 2, "10 + 1"],
    ]);
    const lastOne = await hist({ hist_access_type: "search", pattern: "10*", n: 1 });
    expect(lastOne.history).toEqual([[1, first + 2, "10 + 1"]]);
  });

  it("matches globs against the whole input, like IPython's sqlite GLOB", () => {
    expect(globToRegExp("1 + *").test("1 + 2")).toBe(true);
    expect(globToRegExp("1 + *").test("x = 1 + 2")).toBe(false);
    expect(globToRegExp("a?c").test("abc")).toBe(true);
    expect(globToRegExp("[ab]x").test("bx")).toBe(true);
    expect(globToRegExp("[!ab]x").test("bx")).toBe(false);
    expect(globToRegExp("a.b").test("axb")).toBe(false);
  });
});

describe("display", () => {
  it("sends multi-MIME display_data, then update_display_data with the same display_id", async () => {
    const { reply, outputs } = await k.request(
      "execute_request",
      exec('const h = display({ "text/html": "<b>1</b>", "text/plain": "1" }, { raw: true });\nh.update({ "text/html": "<b>2</b>", "text/plain": "2" }, { raw: true });\nh'),
    );
    expect(reply.content.status).toBe("ok");
    // A cell ending in a display handle shows no execute_result for it.
    expect(outputs.map((m) => m.header.msg_type)).toEqual(["display_data", "update_display_data"]);
    const id = outputs[0].content.transient.display_id;
    expect(typeof id).toBe("string");
    expect(outputs[0].content).toEqual({ data: { "text/html": "<b>1</b>", "text/plain": "1" }, metadata: {}, transient: { display_id: id } });
    expect(outputs[1].content).toEqual({ data: { "text/html": "<b>2</b>", "text/plain": "2" }, metadata: {}, transient: { display_id: id } });
  });

  it("displays values with text/plain plus richer formats they offer, and base64-encodes bytes", async () => {
    const code = [
      "class Chart {",
      '  [Symbol.for("jupyter.mimeBundle")]() { return { "text/html": "<svg/>", "image/png": new Uint8Array([1, 2, 3]) }; }',
      "}",
      'display(42, { displayId: "answer" });',
      'updateDisplay("forty-two", { displayId: "answer" });',
      "new Chart()",
    ].join("\n");
    const { outputs } = await k.request("execute_request", exec(code));
    expect(outputs.map((m) => m.header.msg_type)).toEqual(["display_data", "update_display_data", "execute_result"]);
    expect(outputs[0].content).toEqual({ data: { "text/plain": "42" }, metadata: {}, transient: { display_id: "answer" } });
    expect(outputs[1].content.data).toEqual({ "text/plain": "'forty-two'" });
    expect(outputs[2].content.data).toEqual({ "text/html": "<svg/>", "image/png": "AQID", "text/plain": "Chart {}" });
  });

  it("sends clear_output, honouring wait", async () => {
    const { outputs } = await k.request("execute_request", exec("clearOutput();\nclearOutput({ wait: true });"));
    expect(outputs.map((m) => [m.header.msg_type, m.content])).toEqual([
      ["clear_output", { wait: false }],
      ["clear_output", { wait: true }],
    ]);
  });

  it("rejects a bundle key that is not a MIME type, as an error in the cell", async () => {
    const { reply } = await k.request("execute_request", exec('display({ html: "<b>x</b>" }, { raw: true })', { stop_on_error: false }));
    expect(reply.content).toMatchObject({ status: "error", ename: "TypeError", evalue: 'display: "html" is not a MIME type' });
  });

  it("keeps tslab's display API working for existing notebooks", async () => {
    const { outputs } = await k.request("execute_request", exec('import * as tslab from "tslab";\ntslab.display.html("<i>x</i>");\nconst d = tslab.newDisplay();\nd.text("a");\nd.text("b");'));
    expect(outputs.map((m) => [m.header.msg_type, m.content.data])).toEqual([
      ["display_data", { "text/html": "<i>x</i>" }],
      ["display_data", { "text/plain": "a" }],
      ["update_display_data", { "text/plain": "b" }],
    ]);
    expect(outputs[1].content.transient.display_id).toBe(outputs[2].content.transient.display_id);
  });
});

describe("comms and shutdown", () => {
  it("replies to comm_info_request with comm_info_reply and closes unknown comm_open", async () => {
    const { reply } = await k.request("comm_info_request", { target_name: "jupyter.widget" });
    expect(reply.header.msg_type).toBe("comm_info_reply");
    expect(reply.content).toEqual({ status: "ok", comms: {} });
    const open = await k.request("comm_open", { comm_id: "c1", target_name: "jupyter.widget", data: {} });
    expect(open.outputs.map((m) => [m.header.msg_type, m.content])).toEqual([["comm_close", { comm_id: "c1", data: {} }]]);
  });

  it("answers shutdown_request (restart flag included) and then calls onShutdown", async () => {
    const { reply } = await k.request("shutdown_request", { restart: true }, "control");
    expect(reply.header.msg_type).toBe("shutdown_reply");
    expect(reply.content).toEqual({ status: "ok", restart: true });
    await new Promise((r) => setImmediate(r));
    expect(k.shutdowns).toEqual([true]);
  });
});

describe("cursor positions", () => {
  it("converts between Jupyter's code points and JavaScript's UTF-16 units", () => {
    const s = "a😀b";
    expect(codePointsToUtf16(s, 2)).toBe(3);
    expect(codePointsToUtf16(s, 3)).toBe(4);
    expect(utf16ToCodePoints(s, 3)).toBe(2);
    expect(utf16ToCodePoints(s, 4)).toBe(3);
  });
});
