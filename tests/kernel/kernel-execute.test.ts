// Execution over the protocol: results, counts, errors mapped to cell lines, stop_on_error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec, startTestKernel, type TestKernel } from "./helpers";

let k: TestKernel;
beforeAll(() => {
  k = startTestKernel({ captureStdio: true });
}, 60_000);
afterAll(() => k.close());

const types = (msgs: { header: { msg_type: string } }[]) => msgs.map((m) => m.header.msg_type);

describe("execute_request", () => {
  it("imports the lib through notebooks/lib and shows an NDArray's NumPy repr as execute_result", async () => {
    const { reply, iopub } = await k.request("execute_request", exec('import { np } from "./lib/index";\nnp.arange(6).reshape(2, 3)'));
    expect(reply.header.msg_type).toBe("execute_reply");
    expect(reply.content).toEqual({ status: "ok", execution_count: 1, payload: [], user_expressions: {} });
    expect(types(iopub)).toEqual(["status", "execute_input", "execute_result", "status"]);
    expect(iopub[0].content).toEqual({ execution_state: "busy" });
    expect(iopub[1].content).toEqual({ code: 'import { np } from "./lib/index";\nnp.arange(6).reshape(2, 3)', execution_count: 1 });
    // A small 2-D array also offers an HTML table; text/plain stays NumPy's repr.
    expect(iopub[2].content.execution_count).toBe(1);
    expect(iopub[2].content.data["text/plain"]).toBe("array([[0, 1, 2],\n       [3, 4, 5]], dtype=int32)");
    expect(iopub[2].content.data["text/html"]).toContain("<tr><th>1</th><td>3</td><td>4</td><td>5</td></tr>");
    expect(Object.keys(iopub[2].content.data).sort()).toEqual(["text/html", "text/plain"]);
    expect(iopub[3].content).toEqual({ execution_state: "idle" });
  }, 60_000);

  it("counts executions, keeps names between cells, and shows no result for statements", async () => {
    const a = await k.request("execute_request", exec("const w: number = 20;"));
    expect(a.reply.content.execution_count).toBe(2);
    expect(types(a.outputs)).toEqual([]);
    const b = await k.request("execute_request", exec("w * 2 + 2"));
    expect(b.reply.content.execution_count).toBe(3);
    expect(b.outputs[0].content).toEqual({ execution_count: 3, data: { "text/plain": "42" }, metadata: {} });
  });

  it("does not count or store silent and store_history=false cells, and sends nothing for silent ones", async () => {
    const silent = await k.request("execute_request", exec("w + 1", { silent: true }));
    expect(silent.reply.content).toMatchObject({ status: "ok", execution_count: 3 });
    expect(types(silent.iopub)).toEqual(["status", "status"]);
    const unstored = await k.request("execute_request", exec("w + 2", { store_history: false }));
    expect(unstored.reply.content.execution_count).toBe(3);
    expect(unstored.outputs[0].content.data).toEqual({ "text/plain": "22" });
    const next = await k.request("execute_request", exec("1"));
    expect(next.reply.content.execution_count).toBe(4);
  });

  it("sends console output as stream messages before the result", async () => {
    const { outputs } = await k.request("execute_request", exec('console.log("hello", 1);\nconsole.error("warn");\nprocess.stdout.write("raw\\n");\n"done"'));
    expect(outputs.map((m) => [m.header.msg_type, m.content.name ?? null, m.content.text ?? m.content.data["text/plain"]])).toEqual([
      ["stream", "stdout", "hello 1\n"],
      ["stream", "stderr", "warn\n"],
      ["stream", "stdout", "raw\n"],
      ["execute_result", null, "'done'"],
    ]);
  });

  it("awaits top-level await and shows the awaited value", async () => {
    const { reply, outputs } = await k.request("execute_request", exec("const v = await new Promise<number>((r) => setTimeout(() => r(7), 5));\nv * 6"));
    expect(reply.content.status).toBe("ok");
    expect(outputs[0].content.data).toEqual({ "text/plain": "42" });
  });

  it("evaluates user_expressions after a successful cell", async () => {
    const { reply } = await k.request("execute_request", exec("const uu = 5;", { user_expressions: { double: "uu * 2", bad: "nope" } }));
    expect(reply.content.user_expressions.double).toEqual({ status: "ok", data: { "text/plain": "10" }, metadata: {} });
    expect(reply.content.user_expressions.bad).toMatchObject({ ename: "TSError" });
  });
});

describe("errors", () => {
  it("reports a runtime error with ename, evalue and a traceback pointing at the cell's TypeScript line", async () => {
    const code = [
      "// a comment, and a blank line next",
      "",
      "interface P { n: number }",
      "function check(p: P): number {",
      '  if (p.n > 0) throw new RangeError("n must be <= 0, got " + p.n);',
      "  return p.n;",
      "}",
      "check({ n: 3 });",
    ].join("\n");
    const { reply, outputs } = await k.request("execute_request", exec(code, { stop_on_error: false }));
    const count = reply.content.execution_count;
    expect(reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "n must be <= 0, got 3" });
    expect(types(outputs)).toEqual(["error"]);
    const err = outputs[0].content;
    expect(err.ename).toBe("RangeError");
    expect(err.evalue).toBe("n must be <= 0, got 3");
    expect(err.traceback).toEqual(reply.content.traceback);
    expect(err.traceback.slice(0, 5)).toEqual([
      `Cell [${count}], line 5:`,
      "    4 | function check(p: P): number {",
      '--> 5 |   if (p.n > 0) throw new RangeError("n must be <= 0, got " + p.n);',
      // V8 places a `throw new X()` at the `new`.
      "      |                      ^",
      "    6 |   return p.n;",
    ]);
    expect(err.traceback.slice(5)).toEqual(["RangeError: n must be <= 0, got 3", `    at check (Cell [${count}]:5:22)`, `    at Cell [${count}]:8:1`]);
  });

  it("reports a type error as TSError at the cell line and column, without running the cell", async () => {
    const { reply, outputs } = await k.request("execute_request", exec('let ok = 1;\nconst s: string = 42;\nconsole.log("ran")', { stop_on_error: false }));
    expect(reply.content.ename).toBe("TSError");
    expect(reply.content.evalue).toBe("line 2: Type 'number' is not assignable to type 'string'.");
    expect(types(outputs)).toEqual(["error"]);
    expect(outputs[0].content.traceback).toEqual([
      `Cell [${reply.content.execution_count}], line 2:7 - error TS2322: Type 'number' is not assignable to type 'string'.`,
      "    1 | let ok = 1;",
      "--> 2 | const s: string = 42;",
      "      |       ^",
      '    3 | console.log("ran")',
    ]);
  });

  it("maps an error thrown inside the lib to the lib's .ts file and the calling cell line", async () => {
    const { reply } = await k.request("execute_request", exec("const m = np.ones([2, 3]);\n\nm.add(np.ones([4]))", { stop_on_error: false }));
    expect(reply.content.ename).toBe("BroadcastError");
    expect(reply.content.evalue).toBe("add: operands could not be broadcast together with shapes (2,3) (4,)");
    const tb: string[] = reply.content.traceback;
    expect(tb[0]).toBe(`Cell [${reply.content.execution_count}], line 3:`);
    expect(tb).toContain("--> 3 | m.add(np.ones([4]))");
    expect(tb.some((l) => /^ {4}at .*\(lib\/ndarray\/[\w-]+\.ts:\d+:\d+\)$/.test(l))).toBe(true);
    expect(tb[tb.length - 1]).toBe(`    at Cell [${reply.content.execution_count}]:3:3`);
  });

  it("reports a thrown non-Error value", async () => {
    const { reply } = await k.request("execute_request", exec('throw "plain string"', { stop_on_error: false }));
    expect(reply.content).toMatchObject({ status: "error", ename: "Error", evalue: "Uncaught 'plain string'" });
  });

  it("reports thrown values whose getters or traps throw, with an error output and a reply", async () => {
    const hostile = [
      'throw { get stack(): string { throw new Error("getter"); } };',
      'throw new Proxy({}, { getPrototypeOf() { throw new Error("trap"); } });',
      'const e = new Error("m");\nObject.defineProperty(e, "name", { get() { throw { get name() { throw 1; } }; } });\nthrow e;',
    ];
    for (const code of hostile) {
      const { reply, outputs } = await k.request("execute_request", exec(code, { stop_on_error: false }));
      expect(reply.content.status).toBe("error");
      expect(typeof reply.content.evalue).toBe("string");
      const errors = outputs.filter((m) => m.header.msg_type === "error");
      expect(errors).toHaveLength(1);
      expect(errors[0].content.ename).toBe(reply.content.ename);
    }
    const { outputs } = await k.request("execute_request", exec("1 + 1"));
    expect(outputs[0].content.data).toEqual({ "text/plain": "2" });
  });

  it("shows a value whose rich display is not JSON (a BigInt) as a note, not an empty cell", async () => {
    const { reply, outputs } = await k.request("execute_request",
      exec('({ [Symbol.for("jupyter.mimeBundle")]() { return { "text/html": 10n }; } })'));
    expect(reply.content.status).toBe("ok");
    expect(outputs[0].header.msg_type).toBe("execute_result");
    expect(outputs[0].content.data["text/plain"]).toMatch(/^<value could not be shown: .*BigInt/);
  });

  it("keeps names declared before a runtime error for the next cells", async () => {
    await k.request("execute_request", exec('const before = 11;\nthrow new Error("x");', { stop_on_error: false }));
    const { outputs } = await k.request("execute_request", exec("before + 1"));
    expect(outputs[0].content.data).toEqual({ "text/plain": "12" });
  });
});

describe("stop_on_error", () => {
  it("aborts execute_requests queued before the error was reported, then runs new ones", async () => {
    const first = k.post("execute_request", exec('throw new Error("stop here")'));
    const second = k.post("execute_request", exec("globalThis.sideEffect = 'ran'; 1"));
    const info = k.post("kernel_info_request", {});
    const third = k.post("execute_request", exec("2"));
    await k.kernel.idle();
    expect(k.exchange(first).reply.content.status).toBe("error");
    expect(k.exchange(second).reply.content).toEqual({ status: "aborted", execution_count: null });
    expect(types(k.exchange(second).iopub)).toEqual(["status", "status"]);
    // Only executions are aborted; other requests are answered.
    expect(k.exchange(info).reply.content.status).toBe("ok");
    expect(k.exchange(third).reply.content.status).toBe("aborted");
    expect((globalThis as Record<string, unknown>).sideEffect).toBeUndefined();
    const after = await k.request("execute_request", exec("3"));
    expect(after.reply.content.status).toBe("ok");
    expect(after.outputs[0].content.data).toEqual({ "text/plain": "3" });
  });

  it("runs every queued cell when the failing cell has stop_on_error=false", async () => {
    const first = k.post("execute_request", exec('throw new Error("allowed")', { stop_on_error: false }));
    const second = k.post("execute_request", exec("40 + 2"));
    const third = k.post("execute_request", exec('throw new TypeError("also allowed")', { stop_on_error: false }));
    const fourth = k.post("execute_request", exec('"still running"'));
    await k.kernel.idle();
    expect(k.exchange(first).reply.content.status).toBe("error");
    expect(k.exchange(second).reply.content.status).toBe("ok");
    expect(k.exchange(second).outputs[0].content.data).toEqual({ "text/plain": "42" });
    expect(k.exchange(third).reply.content.ename).toBe("TypeError");
    expect(k.exchange(fourth).outputs[0].content.data).toEqual({ "text/plain": "'still running'" });
  });

  it("does not abort after an error in a silent cell", async () => {
    const first = k.post("execute_request", exec('throw new Error("quiet")', { silent: true }));
    const second = k.post("execute_request", exec("5"));
    await k.kernel.idle();
    expect(k.exchange(first).reply.content.status).toBe("error");
    expect(k.exchange(first).outputs).toEqual([]);
    expect(k.exchange(second).reply.content.status).toBe("ok");
  });

  it("stops a pending top-level await on interrupt_request and reports InterruptError", async () => {
    const running = k.post("execute_request", exec("await new Promise(() => {});"));
    await new Promise((r) => setTimeout(r, 50));
    const { reply: ir } = await k.request("interrupt_request", {}, "control");
    expect(ir.content).toEqual({ status: "ok" });
    await k.kernel.idle();
    expect(k.exchange(running).reply.content).toMatchObject({ status: "error", ename: "InterruptError", evalue: "execution interrupted" });
  });
});
