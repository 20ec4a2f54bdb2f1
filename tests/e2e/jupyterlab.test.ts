// Every lesson in JupyterLab, in a real browser: `npm start`'s launcher serves nnbook's own
// JupyterLab (jupyterlab-app/, on Debian's jupyterlab-server) over notebooks/, headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core; never a downloaded browser) opens each
// lesson notebooks/NN-*.ipynb in its own workspace and runs its code cells in order, in fast mode
// (NNBOOK_FAST=1). A lesson fails when a cell shows an error (unless tagged raises-exception), when
// a cell whose committed outputs hold a chart draws none, when a cell does not finish, or when the
// kernel dies; the failure names the lesson and the cell (1-based, as `npm run notebooks` does).
// `skip-test` cells are not run. A screenshot per lesson goes to build/screenshots/lab-NN-*.png.
//
// Skipped, with the reason, without Chromium or a Python with jupyterlab_server, or before
// nnbook's JupyterLab is installed (`npm run lab:build`); under CI (CI set) those are failures.
// Jupyter's state goes to a temporary folder and autosave is off, so the lessons are never written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { choosePort, findLabServerPython, labAppState } from "../../kernel/lab";
import { jupyterEnv } from "../../kernel/main";

// Page functions run in the browser; this file is type-checked without the DOM library.
declare const window: any;
declare const document: any;

const root = join(__dirname, "..", "..");
const notebooksDir = join(root, "notebooks");
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const lessons = readdirSync(notebooksDir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
/** Seconds a cell may run before it counts as never finishing. */
const CELL_SECONDS = Number(process.env.NNBOOK_E2E_CELL_SECONDS ?? 240);
const CHART_SECONDS = 30;

const skipReason = !chromium ? "Debian's chromium is missing: sudo apt-get install chromium"
  : !findLabServerPython(jupyterEnv()) ? "no Python with jupyterlab_server: sudo apt-get install jupyter-server python3-jupyterlab-server libjs-mathjax"
  : !existsSync(join(root, "jupyterlab-app", "node_modules")) ? "nnbook's JupyterLab is not installed yet: npm run lab:build"
  : lessons.length === 0 ? "no lesson in notebooks/ yet" : null;
if (skipReason) console.warn(`tests/e2e/jupyterlab.test.ts skipped: ${skipReason}`);

interface NbCell { cell_type: string; source: string | string[]; metadata?: { tags?: string[] }; outputs?: { data?: Record<string, unknown> }[] }
const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);
const tags = (c: NbCell) => c.metadata?.tags ?? [];
const hasChart = (c: NbCell) => (c.outputs ?? []).some((o) => o.data && "application/vnd.plotly.v1+json" in o.data);

describe("the CI machine can run the JupyterLab check", () => {
  it.runIf(process.env.CI)("has Chromium, the Jupyter server packages and nnbook's JupyterLab", () => {
    expect(skipReason).toBeNull();
  });
});

describe.skipIf(skipReason !== null)(`every lesson in JupyterLab (${lessons.length} lessons)`, () => {
  let server: ChildProcess;
  let browser: Browser;
  let log = "";
  let base = "";
  const token = randomBytes(16).toString("hex");

  beforeAll(async () => {
    // Jupyter's config, data and runtime files in a temporary folder: no workspace files pile up
    // in the project and autosave is off, so running a lesson never rewrites it.
    const state = mkdtempSync(join(tmpdir(), "nnbook-lab-e2e-"));
    const settings = join(state, "config", "lab", "user-settings", "@jupyterlab", "docmanager-extension");
    mkdirSync(settings, { recursive: true });
    writeFileSync(join(settings, "plugin.jupyterlab-settings"), JSON.stringify({ autosave: false }));
    const port = await choosePort(18888);
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [join(root, "kernel", "bin", "nnbook-kernel.js"), "start", "--no-browser", `--port=${port}`], {
      cwd: root,
      env: {
        ...process.env, NNBOOK_FAST: "1", NNBOOK_FRONTEND: "nnbook-lab", JUPYTER_TOKEN: token,
        JUPYTER_CONFIG_DIR: join(state, "config"), JUPYTER_DATA_DIR: join(state, "data"), JUPYTER_RUNTIME_DIR: join(state, "runtime"),
      },
    });
    server.stdout!.on("data", (d) => { log += d; });
    server.stderr!.on("data", (d) => { log += d; });
    // The launcher builds the app first if its inputs changed (minutes), then starts the server.
    const deadline = Date.now() + 15 * 60_000;
    while (Date.now() < deadline) {
      if (server.exitCode !== null) break;
      try {
        if ((await fetch(`${base}/api/status?token=${token}`)).ok) break;
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (server.exitCode !== null || !(await fetch(`${base}/api/status?token=${token}`).then((r) => r.ok, () => false))) {
      throw new Error(`nnbook's JupyterLab did not start:\n${log.split("\n").slice(-30).join("\n")}`);
    }
    const { chromium: pw } = await import("playwright-core");
    browser = await pw.launch({
      executablePath: chromium, headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 16 * 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
  });

  /** Opens `path` (relative to notebooks/) in a fresh workspace; resolves when its kernel is idle. */
  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const workspace = `e2e-${path.replace(/\W/g, "-")}-${Date.now().toString(36)}`;
    await page.goto(`${base}/lab/workspaces/${workspace}/tree/${path}?token=${token}`);
    await page.waitForFunction((p: string) => {
      const panel = window.jupyterapp?.shell?.currentWidget;
      return panel?.context?.path === p && panel.content.widgets.length > 0
        && panel.sessionContext?.session?.kernel?.status === "idle" ? true : false;
    }, path, { timeout: 120_000, polling: 250 });
    const kernel = await page.evaluate(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      window.nnbookStatuses = [];
      panel.sessionContext.statusChanged.connect((_: unknown, s: string) => window.nnbookStatuses.push(s));
      return panel.sessionContext.session.kernel.name;
    });
    expect(kernel, `${path} opened with kernel ${kernel}`).toBe("nnbook");
    return page;
  }

  /** Shuts the page's kernel down (frees its memory before the next lesson) and closes the page. */
  async function close(page: Page): Promise<void> {
    await page.evaluate(() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.shutdown()).catch(() => undefined);
    await page.close();
  }

  /**
   * Runs the given code cells (0-based indices into the notebook) one by one with JupyterLab's
   * "Run Selected Cell" and returns the problems found, each naming `name` and the cell; stops at
   * the first cell that errs, hangs or kills the kernel.
   */
  async function runCells(page: Page, name: string, cells: { index: number; cell: NbCell }[], cellSeconds = CELL_SECONDS): Promise<string[]> {
    const problems: string[] = [];
    for (const { index, cell } of cells) {
      const where = `${name}, cell ${index + 1} (${text(cell.source).split("\n")[0].slice(0, 60)})`;
      const run = page.evaluate(async (i: number) => {
        const panel = window.jupyterapp.shell.currentWidget;
        window.nnbookStatuses.length = 0;
        panel.content.activeCellIndex = i;
        panel.content.deselectAll();
        await window.jupyterapp.commands.execute("notebook:run-cell");
      }, index);
      const finished = await Promise.race([run.then(() => true, () => true), new Promise<boolean>((r) => setTimeout(() => r(false), cellSeconds * 1000))]);
      const state = await page.evaluate((i: number) => {
        const panel = window.jupyterapp.shell.currentWidget;
        const model = panel.content.widgets[i].model;
        const outputs = model.outputs.toJSON();
        return {
          statuses: [...window.nnbookStatuses],
          kernel: panel.sessionContext.session?.kernel?.status,
          executionCount: model.executionCount,
          errors: outputs.filter((o: any) => o.output_type === "error").map((o: any) => `${o.ename}: ${o.evalue}`),
        };
      }, index);
      const died = state.statuses.some((s: string) => ["dead", "autorestarting", "restarting"].includes(s)) || state.kernel === "dead";
      if (died) {
        problems.push(`${where}: the kernel died while this cell ran (statuses: ${state.statuses.join(" → ")})`);
        break;
      }
      if (!finished) {
        problems.push(`${where}: did not finish within ${cellSeconds} s`);
        await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.interrupt()).catch(() => undefined);
        break;
      }
      if (state.errors.length && !tags(cell).includes("raises-exception")) {
        problems.push(`${where}: ${state.errors.join("; ")}`);
        break;
      }
      if (hasChart(cell)) {
        const drawn = await page.waitForFunction((i: number) => {
          const node = window.jupyterapp.shell.currentWidget.content.widgets[i].node;
          return node.querySelector(".js-plotly-plot .main-svg") ? true : false;
        }, index, { timeout: CHART_SECONDS * 1000, polling: 250 }).then(() => true, () => false);
        if (!drawn) {
          const shown = await page.evaluate((i: number) => window.jupyterapp.shell.currentWidget.content.widgets[i].outputArea.node.innerText.slice(0, 300), index);
          problems.push(`${where}: no chart drawn, though the committed outputs hold one (the cell shows: ${JSON.stringify(shown)})`);
        }
      }
    }
    return problems;
  }

  /** Scrolls the first drawn chart (else the top) into view and keeps a screenshot. */
  async function screenshot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      const chart = panel.node.querySelector(".js-plotly-plot");
      const cell = chart?.closest(".jp-Cell");
      if (cell) cell.scrollIntoView({ block: "center" }); else panel.content.node.scrollTop = 0;
    });
    await page.waitForTimeout(300);
    mkdirSync(join(root, "build", "screenshots"), { recursive: true });
    await page.screenshot({ path: join(root, "build", "screenshots", `lab-${name.replace(/\.ipynb$/, "")}.png`) });
  }

  it.each(lessons)("%s: every cell runs, no error shows, every chart draws", async (lesson) => {
    const cells: NbCell[] = JSON.parse(readFileSync(join(notebooksDir, lesson), "utf8")).cells;
    const code = cells.map((cell, index) => ({ index, cell })).filter(({ cell }) => cell.cell_type === "code" && !tags(cell).includes("skip-test"));
    const t0 = Date.now();
    const page = await open(lesson);
    const opened = Date.now();
    try {
      const problems = await runCells(page, lesson, code);
      await screenshot(page, lesson);
      console.log(`${lesson}: opened in ${((opened - t0) / 1000).toFixed(1)} s, ${code.length} code cells ran in ${((Date.now() - opened) / 1000).toFixed(1)} s`);
      expect(problems).toEqual([]);
    } finally {
      await close(page);
    }
  }, 30 * 60_000);

  it("reports a cell that never finishes and a kernel that dies, with the lesson and the cell", async () => {
    const lesson = lessons[0];
    const page = await open(lesson);
    try {
      // Two cells added in the browser only (autosave is off): one that waits forever, one that exits.
      const added = await page.evaluate(async () => {
        const app = window.jupyterapp;
        const nb = app.shell.currentWidget.content;
        const sources = ["await new Promise(() => {});", "process.exit(3);"];
        for (const source of sources) {
          nb.activeCellIndex = nb.widgets.length - 1;
          await app.commands.execute("notebook:insert-cell-below");
          await app.commands.execute("notebook:change-cell-to-code");
          nb.activeCell.model.value.text = source;
        }
        return nb.widgets.length;
      });
      const hang = { cell_type: "code", source: "await new Promise(() => {});" };
      const exit = { cell_type: "code", source: "process.exit(3);" };
      expect(await runCells(page, lesson, [{ index: added - 2, cell: hang }], 5)).toEqual([
        `${lesson}, cell ${added - 1} (await new Promise(() => {});): did not finish within 5 s`,
      ]);
      await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === "idle", undefined, { timeout: 30_000 });
      const died = await runCells(page, lesson, [{ index: added - 1, cell: exit }]);
      expect(died).toHaveLength(1);
      expect(died[0]).toMatch(new RegExp(`^${lesson.replace(/\./g, "\\.")}, cell ${added} \\(process\\.exit\\(3\\);\\): the kernel died while this cell ran`));
    } finally {
      await close(page);
    }
  }, 5 * 60_000);
});
