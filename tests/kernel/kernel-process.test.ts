// The real kernel process over ZeroMQ: signed messages, heartbeat, SIGINT interrupting a busy
// loop, and shutdown ending the process.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as zmq from "zeromq";
import { decode, encode, newHeader, Signer, type Message } from "../../kernel/wire";
import { notebooksDir } from "./helpers";

const root = path.resolve(__dirname, "..", "..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

let child: ChildProcess;
let exited: Promise<number | null>;
let shell: zmq.Dealer;
let control: zmq.Dealer;
let iopub: zmq.Subscriber;
let hb: zmq.Request;
const signer = new Signer(randomUUID());
const iopubLog: Message<any>[] = [];
let stderr = "";

beforeAll(async () => {
  const ports = { shell_port: await freePort(), iopub_port: await freePort(), stdin_port: await freePort(), control_port: await freePort(), hb_port: await freePort() };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nnbook-kernel-"));
  const file = path.join(dir, "connection.json");
  const key = (signer as unknown as { key: string }).key;
  fs.writeFileSync(file, JSON.stringify({ transport: "tcp", ip: "127.0.0.1", key, signature_scheme: "hmac-sha256", ...ports }));
  child = spawn(process.execPath, [path.join(root, "kernel", "bin", "nnbook-kernel.js"), "kernel", "--connection-file", file], { cwd: notebooksDir, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr!.on("data", (d) => (stderr += d));
  exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  shell = new zmq.Dealer();
  control = new zmq.Dealer();
  iopub = new zmq.Subscriber();
  hb = new zmq.Request();
  shell.connect(`tcp://127.0.0.1:${ports.shell_port}`);
  control.connect(`tcp://127.0.0.1:${ports.control_port}`);
  iopub.connect(`tcp://127.0.0.1:${ports.iopub_port}`);
  iopub.subscribe();
  hb.connect(`tcp://127.0.0.1:${ports.hb_port}`);
  void (async () => {
    for await (const frames of iopub) iopubLog.push(decode(frames, signer));
  })().catch(() => {});
  // Wait until the kernel answers (the first messages may be lost before IOPub connects).
  for (let i = 0; i < 100; i++) {
    const reply = await request(shell, "kernel_info_request", {}, 500).catch(() => null);
    if (reply) return;
  }
  throw new Error("kernel did not start: " + stderr);
}, 60_000);

afterAll(() => {
  for (const s of [shell, control, iopub, hb]) s?.close();
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

async function request(sock: zmq.Dealer, type: string, content: Record<string, unknown>, timeoutMs = 20_000): Promise<Message<any>> {
  const header = newHeader(type, "test-client");
  await sock.send(encode({ identities: [], header, parent_header: {}, metadata: {}, content, buffers: [] }, signer));
  const deadline = Date.now() + timeoutMs;
  sock.receiveTimeout = timeoutMs;
  while (Date.now() < deadline) {
    const reply = decode(await sock.receive(), signer);
    if (reply.parent_header.msg_id === header.msg_id) return reply;
  }
  throw new Error(`no reply to ${type}`);
}

const exec = (code: string) => ({ code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });

describe("kernel process", () => {
  it("answers signed requests and publishes the result on IOPub", async () => {
    // The first import type-checks the whole lib in tslab: seconds alone, much longer on a busy machine.
    const reply = await request(shell, "execute_request", exec('import { np } from "./lib/index";\nnp.ones([2]).sum().item()'), 100_000);
    expect(reply.header.msg_type).toBe("execute_reply");
    expect(reply.content).toMatchObject({ status: "ok", execution_count: 1 });
    for (let i = 0; i < 100 && !iopubLog.some((m) => m.parent_header.msg_id === reply.parent_header.msg_id && m.content.execution_state === "idle"); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const mine = iopubLog.filter((m) => m.parent_header.msg_id === reply.parent_header.msg_id);
    expect(mine.map((m) => m.header.msg_type)).toEqual(["status", "execute_input", "execute_result", "status"]);
    expect(mine[2].content.data).toEqual({ "text/plain": "2" });
  }, 120_000);

  it("echoes heartbeats", async () => {
    await hb.send("ping");
    hb.receiveTimeout = 5000;
    const [echo] = await hb.receive();
    expect(echo.toString()).toBe("ping");
  });

  it("stops a synchronous infinite loop on SIGINT and keeps its state", async () => {
    await request(shell, "execute_request", exec("const kept = 41;"));
    const header = newHeader("execute_request", "test-client");
    await shell.send(encode({ identities: [], header, parent_header: {}, metadata: {}, content: exec("while (true) {}"), buffers: [] }, signer));
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGINT");
    shell.receiveTimeout = 20_000;
    const reply = decode(await shell.receive(), signer);
    expect(reply.parent_header.msg_id).toBe(header.msg_id);
    expect(reply.content).toMatchObject({ status: "error", ename: "InterruptError" });
    const after = await request(shell, "execute_request", exec("kept + 1"));
    expect(after.content.status).toBe("ok");
  }, 60_000);

  it("exits after shutdown_request on the control channel", async () => {
    const reply = await request(control, "shutdown_request", { restart: false });
    expect(reply.content).toEqual({ status: "ok", restart: false });
    expect(await exited).toBe(0);
  }, 30_000);
});
