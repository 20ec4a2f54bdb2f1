// A chart really draws: a static page (as a notebook export) holding a figure's HTML, with
// plotly.js in assets/ next to it, opened in headless Chromium (Debian's chromium, installed by
// .ci/run), must end up with plotly's SVG and the plotted points.
import { describe, expect, it } from "vitest";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { plot } from "../../lib/index";

const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const plotlyFile = join(__dirname, "..", "..", "notebooks", "assets", "plotly.min.js");

function renderedDom(html: string): string {
  const dir = mkdtempSync(join(tmpdir(), "nnbook-render-"));
  mkdirSync(join(dir, "assets"));
  copyFileSync(plotlyFile, join(dir, "assets", "plotly.min.js"));
  writeFileSync(join(dir, "page.html"), `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
  return execFileSync(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${join(dir, "profile")}`,
    "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom", `file://${join(dir, "page.html")}`],
  { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] });
}

describe("charts render offline", () => {
  it("notebooks/assets/plotly.min.js links to the installed plotly.js", () => {
    expect(realpathSync(plotlyFile)).toMatch(/node_modules\/plotly\.js-dist-min\/plotly\.min\.js$/);
  });

  it.skipIf(!chromium)("a line chart and a heatmap draw in headless Chromium", () => {
    const html = plot.line([3, 1, 2], { title: "loss curve" }).toHTML() + plot.heatmap([[1, 2], [3, 4]], { annotate: true }).toHTML();
    const dom = renderedDom(html);
    expect(dom.match(/class="main-svg"/g)?.length ?? 0).toBeGreaterThanOrEqual(4); // two per plot
    expect(dom).toContain("loss curve");
    expect(dom).not.toMatch(/class="nnbook-plot"[^>]*>Chart not shown/);
  }, 90_000);

  it.skipIf(!chromium)("under RequireJS (the classic Notebook), where plotly.js defines no AMD module", () => {
    // A stand-in for RequireJS: loads the script and, as RequireJS does for a non-AMD script,
    // passes undefined to the callback.
    const requireJs = `<script>window.define = function () {}; window.define.amd = {};
      window.require = function (urls, ok, fail) { var s = document.createElement("script"); s.src = urls[0];
        s.onload = function () { ok(undefined); }; s.onerror = fail; document.head.appendChild(s); };
      window.require.config = function () {};</script>`;
    const dom = renderedDom(requireJs + plot.line([1, 2]).toHTML());
    expect(dom.match(/class="main-svg"/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it.skipIf(!chromium)("without plotly.js available, the chart says why instead of failing silently", () => {
    const dir = mkdtempSync(join(tmpdir(), "nnbook-render-"));
    writeFileSync(join(dir, "page.html"), `<html><body>${plot.line([1, 2]).toHTML()}</body></html>`);
    const dom = execFileSync(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", `--user-data-dir=${join(dir, "p")}`,
      "--virtual-time-budget=5000", "--dump-dom", `file://${join(dir, "page.html")}`], { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] });
    expect(dom).toMatch(/class="nnbook-plot"[^>]*>Chart not shown: plotly.js was not found at assets\/plotly.min.js/);
  }, 90_000);
});
