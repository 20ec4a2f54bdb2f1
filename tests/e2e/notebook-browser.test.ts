// A real browser against a real notebook server: `npm start`'s launcher serves notebooks/ with the
// classic Notebook (NNBOOK_FRONTEND=notebook; JupyterLab: tests/e2e/jupyterlab.test.ts), headless
// Chromium (Debian's) opens the first lesson that draws a chart, runs all cells, and we check that
// every cell ran, no unexpected error shows, text outputs appear and a plotly chart is drawn. The screenshot is
// kept in build/screenshots/ (CI keeps the build folder as an artifact).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

// Page functions run in the browser; this file is type-checked without the DOM library.
declare const window: any;
declare const document: any;

const root = join(__dirname, "..", "..");
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const notebookApp = existsSync("/usr/bin/jupyter-notebook");

/** The first lesson whose committed outputs hold a chart. */
function lessonWithChart(): string | null {
  const dir = join(root, "notebooks");
  for (const f of readdirSync(dir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort()) {
    if (readFileSync(join(dir, f), "utf8").includes("application/vnd.plotly.v1+json")) return f;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const port = (s.address() as { port: number }).port; s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

const lesson = lessonWithChart();
const runnable = Boolean(chromium && notebookApp && lesson);

describe.skipIf(!runnable)(`a lesson in the browser (${lesson ?? "no lesson with a chart yet"})`, () => {
  let server: ChildProcess;
  let log = "";
  const token = randomBytes(12).toString("hex");
  let port = 0;

  beforeAll(async () => {
    port = await freePort();
    server = spawn(process.execPath, [join(root, "kernel", "bin", "nnbook-kernel.js"), "start", "--no-browser", `--port=${port}`,
      `--NotebookApp.token=${token}`, "--NotebookApp.port_retries=0"], { cwd: root, env: { ...process.env, NNBOOK_FAST: "1", NNBOOK_FRONTEND: "notebook" } });
    server.stdout!.on("data", (d) => { log += d; });
    server.stderr!.on("data", (d) => { log += d; });
    for (let i = 0; i < 120; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`);
        if (r.ok) return;
      } catch { /* not up yet */ }
      await new Promise((res) => setTimeout(res, 250));
    }
    throw new Error(`the notebook server did not start:\n${log.split("\n").slice(-20).join("\n")}`);
  }, 60_000);

  afterAll(() => { server?.kill("SIGTERM"); });

  it("runs all cells: every cell ran, no unexpected error, and a chart is drawn", async () => {
    const { chromium: pw } = await import("playwright-core");
    const browser = await pw.launch({
      executablePath: chromium, headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
      await page.goto(`http://127.0.0.1:${port}/notebooks/${lesson}?token=${token}`);
      await page.waitForFunction(() => {
        const J = (window as any).Jupyter;
        return J?.notebook?.kernel?.is_connected?.() && J.notebook.kernel.info_reply?.status === "ok";
      }, undefined, { timeout: 60_000 });
      await page.evaluate(() => (window as any).Jupyter.notebook.execute_all_cells());
      // Done when every code cell has a number in its prompt and the kernel is idle again.
      await page.waitForFunction(() => {
        const J = (window as any).Jupyter;
        const cells = J.notebook.get_cells().filter((c: any) => c.cell_type === "code");
        const done = cells.every((c: any) => typeof c.input_prompt_number === "number");
        return done && document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_idle_icon");
      }, undefined, { timeout: 300_000, polling: 500 });
      // An execute_reply (which numbers the prompt) can reach the page before the outputs its cell
      // sent on IOPub, so the last cells may still be empty here. IOPub keeps its order: once a
      // silent request sent now reports idle there, every earlier output has arrived.
      await page.evaluate(() => new Promise<void>((resolve) => {
        (window as any).Jupyter.notebook.kernel.execute("", {
          iopub: { status: (msg: any) => { if (msg.content.execution_state === "idle") resolve(); } },
        }, { silent: true, store_history: false });
      }));
      const report = await page.evaluate(() => {
        const J = (window as any).Jupyter;
        const cells = J.notebook.get_cells().filter((c: any) => c.cell_type === "code");
        const unexpectedErrors = cells.filter((c: any) => c.output_area.outputs.some((o: any) => o.output_type === "error")
          && !(c.metadata.tags ?? []).includes("raises-exception"))
          .map((c: any) => c.output_area.outputs.find((o: any) => o.output_type === "error").evalue);
        return {
          cells: cells.length,
          unexpectedErrors,
          withoutOutputs: cells.map((c: any, i: number) => (c.output_area.outputs.length === 0 ? i : -1)).filter((i: number) => i >= 0),
          textOutputs: document.querySelectorAll(".output_text, .output_html").length,
          charts: document.querySelectorAll(".js-plotly-plot .main-svg").length,
        };
      });
      mkdirSync(join(root, "build", "screenshots"), { recursive: true });
      await page.screenshot({ path: join(root, "build", "screenshots", `${lesson!.replace(/\.ipynb$/, "")}.png`), fullPage: true });
      expect(report.unexpectedErrors).toEqual([]);
      // Every code cell that has outputs in the committed lesson shows some here too.
      const committed = (JSON.parse(readFileSync(join(root, "notebooks", lesson!), "utf8")).cells as { cell_type: string; outputs?: unknown[] }[])
        .filter((c) => c.cell_type === "code");
      expect(report.withoutOutputs.filter((i: number) => (committed[i].outputs ?? []).length > 0).map((i: number) => `code cell ${i + 1}`)).toEqual([]);
      expect(report.textOutputs).toBeGreaterThan(3);
      expect(report.charts).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  }, 400_000);
});
