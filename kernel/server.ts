// The kernel process: binds the five ZeroMQ sockets named in Jupyter's connection file and
// connects them to a Kernel.
import * as fs from "node:fs";
import { Engine } from "./engine";
import { Kernel, type Channel } from "./kernel";
import { decode, encode, Signer, type Message } from "./wire";

export interface ConnectionInfo {
  transport: string;
  ip: string;
  key: string;
  signature_scheme?: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

type Zmq = typeof import("zeromq");

/**
 * Sends queued per socket (zeromq.js allows one pending send at a time), in the order the kernel
 * made them. A reply on shell, control or stdin also waits for the IOPub messages sent before it,
 * so a front end does not get a cell's execute_reply (which numbers its prompt) before its outputs.
 */
export function createOutbox(write: (channel: Channel, frames: (Buffer | string)[]) => Promise<void>) {
  const queues = new Map<Channel, Promise<void>>();
  return {
    send(channel: Channel, frames: (Buffer | string)[]): void {
      const before = [queues.get(channel), channel === "iopub" ? undefined : queues.get("iopub")];
      const next = Promise.all(before)
        .then(() => write(channel, frames))
        .catch((e: unknown) => {
          process.stderr.write(`nnbook kernel: send on ${channel} failed: ${e}\n`);
        });
      queues.set(channel, next);
    },
    /** Resolves when everything sent so far has been handed to the sockets. */
    async flushed(): Promise<void> {
      await Promise.all(queues.values());
    },
  };
}

export async function serve(connectionFile: string): Promise<void> {
  const info = JSON.parse(fs.readFileSync(connectionFile, "utf8")) as ConnectionInfo;
  const signer = new Signer(info.key ?? "", info.signature_scheme ?? "hmac-sha256");
  // zeromq ships prebuilt addons; load it only here so tests of the protocol don't need it.
  const zmq = require("zeromq") as Zmq;
  const sockets = {
    shell: new zmq.Router(),
    control: new zmq.Router(),
    stdin: new zmq.Router(),
    iopub: new zmq.Publisher(),
    hb: new zmq.Reply(),
  };
  const address = (port: number) => (info.transport === "ipc" ? `ipc://${info.ip}-${port}` : `${info.transport}://${info.ip}:${port}`);
  await Promise.all([
    sockets.shell.bind(address(info.shell_port)),
    sockets.control.bind(address(info.control_port)),
    sockets.stdin.bind(address(info.stdin_port)),
    sockets.iopub.bind(address(info.iopub_port)),
    sockets.hb.bind(address(info.hb_port)),
  ]);

  const outbox = createOutbox((channel, frames) => {
    const socket = channel === "iopub" ? sockets.iopub : channel === "shell" ? sockets.shell : channel === "control" ? sockets.control : sockets.stdin;
    return socket.send(frames);
  });
  const send = (channel: Channel, msg: Message<unknown>) => outbox.send(channel, encode(msg, signer));

  let closing = false;
  const close = async (code: number) => {
    if (closing) return;
    closing = true;
    kernel.stop();
    await outbox.flushed();
    for (const s of Object.values(sockets)) s.close();
    process.exit(code);
  };

  const kernel = new Kernel({
    transport: { send },
    captureStdio: true,
    createEngine: ({ declarations, virtualModules }) => new Engine({ globalDeclarations: declarations, virtualModules }),
    onShutdown: () => void close(0),
  });

  const listen = async (channel: "shell" | "control", socket: InstanceType<Zmq["Router"]>) => {
    for await (const frames of socket) {
      let msg: Message;
      try {
        msg = decode(frames, signer);
      } catch (e) {
        process.stderr.write(`nnbook kernel: dropped a ${channel} message: ${(e as Error).message}\n`);
        continue;
      }
      kernel.receive(channel, msg);
    }
  };
  const heartbeat = async () => {
    for await (const frames of sockets.hb) await sockets.hb.send(frames);
  };

  // Jupyter interrupts with SIGINT (interrupt_mode "signal"): synchronous code stops by itself
  // (breakOnSigint); a running top-level await is stopped here.
  process.on("SIGINT", () => kernel.currentEngine?.interrupt());
  process.on("SIGTERM", () => void close(0));
  process.on("uncaughtException", (err) => console.error("Uncaught exception:", err));
  process.on("unhandledRejection", (reason) => console.error("Unhandled promise rejection:", reason));

  void listen("shell", sockets.shell);
  void listen("control", sockets.control);
  void heartbeat();
  kernel.start();
}
