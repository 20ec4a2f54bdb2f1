// The HTML a chart shows as: a div plus a small script that draws the figure with plotly.js,
// loading plotly.js from the first place that has it, so nothing is inlined (notebooks stay small)
// and nothing comes from the network (it works offline):
//   1. window.Plotly, when the page already has it;
//   2. a Jupyter server: <baseUrl>files/assets/plotly.min.js (notebooks/assets links to the
//      package), through RequireJS in the classic Notebook, a script tag elsewhere;
//   3. a static HTML export: assets/plotly.min.js next to the page (the notebook runner copies it).

export interface PlotSpec {
  data: unknown[];
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
}

let counter = 0;

/** A fresh element id, unique within a page even across cells and reruns. */
function elementId(): string {
  counter = (counter + 1) % 1e9;
  return `nnbook-plot-${Date.now().toString(36)}-${counter}`;
}

/** JSON that is safe inside a <script> element (no "</script>" can close it early). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const LOADER = `
function nnbookLoadPlotly(done, fail) {
  if (window.Plotly) return done(window.Plotly);
  if (window.nnbookPlotlyWaiters) return window.nnbookPlotlyWaiters.push([done, fail]);
  var waiters = window.nnbookPlotlyWaiters = [[done, fail]];
  function finish(ok, value) {
    window.nnbookPlotlyWaiters = null;
    waiters.forEach(function (w) { ok ? w[0](value) : w[1](value); });
  }
  var base = document.body && document.body.getAttribute("data-base-url");
  var config = document.getElementById("jupyter-config-data");
  if (config) { try { base = JSON.parse(config.textContent).baseUrl || base; } catch (e) {} }
  var urls = [];
  if (base) urls.push(base.replace(/\\/?$/, "/") + "files/assets/plotly.min.js");
  urls.push("assets/plotly.min.js");
  function attempt(i) {
    if (i >= urls.length) return finish(false, "plotly.js was not found at " + urls.join(" or "));
    if (typeof window.require === "function" && window.require.config && window.define && window.define.amd) {
      // plotly.js 4 sets window.Plotly itself rather than defining an AMD module.
      window.require([urls[i]], function (P) {
        P = P || window.Plotly;
        if (P) { window.Plotly = P; finish(true, P); } else { attempt(i + 1); }
      }, function () { attempt(i + 1); });
      return;
    }
    var s = document.createElement("script");
    s.src = urls[i];
    s.onload = function () { window.Plotly ? finish(true, window.Plotly) : attempt(i + 1); };
    s.onerror = function () { attempt(i + 1); };
    document.head.appendChild(s);
  }
  attempt(0);
}`;

/** The text/html output for a figure. */
export function plotHtml(spec: PlotSpec, options: { height?: number } = {}): string {
  const id = elementId();
  const height = options.height ?? 420;
  return `<div id="${id}" class="nnbook-plot" style="width:100%;height:${height}px;"></div>
<script type="text/javascript">
(function () {${LOADER}
  var spec = ${scriptSafeJson(spec)};
  var el = document.getElementById("${id}");
  nnbookLoadPlotly(function (Plotly) { Plotly.newPlot(el, spec.data, spec.layout, spec.config); },
    function (why) { el.textContent = "Chart not shown: " + why + ". Run the notebook from the project (npm start)."; });
})();
</script>`;
}
