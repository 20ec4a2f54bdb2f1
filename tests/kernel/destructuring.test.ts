// Names from earlier cells inside destructuring and object literals (a fix to tslab's converter,
// see kernel/tslab.ts): each case failed or misbehaved with tslab 1.0.22 as shipped.
import { afterAll, describe, expect, it } from "vitest";
import { startTestKernel } from "./helpers";

const k = startTestKernel();
afterAll(() => k.close());

async function run(code: string): Promise<any> {
  const { reply, outputs } = await k.request("execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });
  expect(reply.content.status, JSON.stringify(reply.content.evalue ?? "")).toBe("ok");
  return outputs.find((o) => o.header.msg_type === "execute_result")?.content.data["text/plain"];
}

describe("earlier cells' names in patterns and literals", () => {
  it("renamed destructuring of an object typed in an earlier cell", async () => {
    await run("type Params = { W1: number; b1: number };");
    await run("const makeParams = (): Params => ({ W1: 1, b1: 2 });");
    expect(await run("const p0 = makeParams();\nconst { W1: w0, b1: c0 } = p0;\nw0 + c0")).toBe("3");
  });

  it("renamed destructuring in a parameter list", async () => {
    expect(await run("function first({ W1: a }: Params) { return a; }\nfirst(p0)")).toBe("1");
  });

  it("object literal keys that are also property names of an earlier type", async () => {
    expect(await run("const q: Params = { W1: 5, b1: 6 };\nq.W1 + q.b1")).toBe("11");
  });

  it("a shorthand property reads the earlier cell's variable", async () => {
    await run("const lr = 0.5;");
    expect(await run("const settings = { lr, epochs: 3 };\nsettings")).toBe("{ lr: 0.5, epochs: 3 }");
  });
});
