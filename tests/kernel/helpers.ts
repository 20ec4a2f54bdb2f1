// An in-process kernel with a recording transport: tests send requests and read back exactly
// the replies and IOPub messages the kernel produced for them.
import { randomUUID } from "node:crypto";
import * as path from "node:path";
import { Engine } from "../../kernel/engine";
import { Kernel, type Channel } from "../../kernel/kernel";
import type { Message } from "../../kernel/wire";

export const notebooksDir = path.resolve(__dirname, "..", "..", "notebooks");

export interface Sent {
  channel: Channel;
  msg: Message<any>;
}

export interface TestKernel {
  kernel: Kernel;
  sent: Sent[];
  shutdowns: boolean[];
  /** Queues a request without waiting; returns its msg_id. */
  post(type: string, content: Record<string, unknown>, channel?: "shell" | "control"): string;
  /** Sends a request and waits for its reply. */
  request(type: string, content?: Record<string, unknown>, channel?: "shell" | "control"): Promise<Exchange>;
  /** The reply and IOPub messages for a msg_id (after it was answered). */
  exchange(msgId: string): Exchange;
  close(): void;
}

export interface Exchange {
  /** The reply (undefined for messages that get none, like comm_open). */
  reply: Message<any>;
  /** IOPub messages with this request as parent, in order (status busy ... idle included). */
  iopub: Message<any>[];
  /** IOPub messages other than status and execute_input. */
  outputs: Message<any>[];
}

/** Starts a kernel in notebooks/ (tslab compiles relative to the working directory). */
export function startTestKernel(options: { captureStdio?: boolean } = {}): TestKernel {
  const previousDir = process.cwd();
  process.chdir(notebooksDir);
  const sent: Sent[] = [];
  const shutdowns: boolean[] = [];
  const kernel = new Kernel({
    transport: { send: (channel, msg) => sent.push({ channel, msg: msg as Message<any> }) },
    captureStdio: options.captureStdio ?? false,
    createEngine: ({ declarations, virtualModules }) => new Engine({ globalDeclarations: declarations, virtualModules }),
    onShutdown: (restart) => shutdowns.push(restart),
    session: "test-kernel",
  });
  kernel.start();

  const post = (type: string, content: Record<string, unknown>, channel: "shell" | "control" = "shell") => {
    const msgId = randomUUID();
    kernel.receive(channel, {
      identities: [Buffer.from("client")],
      header: { msg_id: msgId, msg_type: type, session: "test-client", username: "test", date: new Date().toISOString(), version: "5.3" },
      parent_header: {},
      metadata: {},
      content,
      buffers: [],
    });
    return msgId;
  };

  const exchange = (msgId: string): Exchange => {
    const mine = sent.filter((s) => s.msg.parent_header.msg_id === msgId);
    // Undefined for messages that get no reply (comm_open).
    const reply = mine.find((s) => s.channel !== "iopub");
    const iopub = mine.filter((s) => s.channel === "iopub").map((s) => s.msg);
    const outputs = iopub.filter((m) => m.header.msg_type !== "status" && m.header.msg_type !== "execute_input");
    return { reply: reply?.msg as Message<any>, iopub, outputs };
  };

  const request = async (type: string, content: Record<string, unknown> = {}, channel: "shell" | "control" = "shell") => {
    const msgId = post(type, content, channel);
    for (let i = 0; i < 10_000; i++) {
      await kernel.idle();
      const mine = sent.filter((s) => s.msg.parent_header.msg_id === msgId);
      if (mine.some((s) => s.channel === "iopub" && s.msg.header.msg_type === "status" && s.msg.content.execution_state === "idle")) {
        return exchange(msgId);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    throw new Error(`no idle status for ${type}`);
  };

  return {
    kernel,
    sent,
    shutdowns,
    post,
    request,
    exchange,
    close: () => {
      kernel.stop();
      process.chdir(previousDir);
    },
  };
}

/** Content of an execute_request with Jupyter's defaults. */
export function exec(code: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra };
}
