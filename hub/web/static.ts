import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";

const require = createRequire(import.meta.url);

function packageFile(pkg: string, file: string): string {
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file), "utf8");
}

const CSS = `
body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d232b}
.top{background:#1f3a2e;color:#fff;padding:.6rem 1rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}.top .muted{color:#b8cbbf}
.top a{color:#fff;text-decoration:none}.find input{font:inherit;padding:.2rem .4rem;max-width:100%}.find{display:flex;gap:.3rem;min-width:0}
.site-nav{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;flex:1;align-items:center;min-width:0}.find input{width:13rem}
@media (max-width:960px){.top{gap:.4rem 1rem;padding:.4rem .8rem}.site-nav{order:3;flex-basis:100%;gap:.3rem 1rem}.find{margin-left:auto}.find input{width:11rem}main{padding:.6rem}}
.nav-main,.nav-account{display:flex;flex-wrap:wrap;gap:.3rem .9rem;align-items:center}.nav-account{margin-left:auto}
.site-nav a{padding:.15rem 0;border-bottom:2px solid transparent}.site-nav a[aria-current=page]{border-bottom-color:#9fd3b1}
.sign-out{margin:0}.sign-out button{font:inherit;padding:.1rem .5rem}.who{white-space:nowrap}
.banner{padding:.6rem;border-radius:.3rem;background:#fde2e1;color:#7a1712}.notice{padding:.6rem;border-radius:.3rem;background:#e3f4e1;word-break:break-all}
footer.tz{padding:0 1rem 1rem;font-size:.85rem}
.filters{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:end;margin:0 0 .6rem}.filters label{display:flex;flex-direction:column;font-size:.85rem}
.filters input,.filters select{font:inherit;padding:.2rem .3rem}.pager{display:flex;gap:1rem;align-items:center;margin-top:.5rem}
.table-scroll{overflow-x:auto}
main{padding:1rem;display:grid;grid-template-columns:minmax(0,1fr);gap:1rem;max-width:1200px}
.top nav.sites{display:flex;flex:0 1 auto;gap:.6rem}.top nav.sites a{padding:.1rem .4rem;border-radius:4px}.top nav.sites a.here{background:#fff;color:#1f3a2e;font-weight:600}
.panel{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:.75rem 1rem}
h2{font-size:1.05rem;margin:.2rem 0 .6rem}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eef1f4;vertical-align:top}
.muted{color:#6b7785}.warn{color:#a4262c;font-weight:600}
tr.online .state{color:#1b7f3b;font-weight:600}tr.offline .state{color:#a4262c;font-weight:600}
.devices{margin:0;padding:0;list-style:none}.dev-error,.dev-disconnected{color:#a4262c}
.counts{display:grid;grid-template-columns:max-content max-content;gap:.2rem 1rem;margin:0 0 .5rem}
.counts dd{margin:0;font-variant-numeric:tabular-nums}.scan-invalid td{color:#a4262c}
`;

/**
 * htmx 2 and its SSE extension from node_modules, and the dashboard's stylesheet, under /static.
 * Read once at start: the hub runs in stores without internet, so nothing comes from a CDN.
 */
/**
 * Sends the session's CSRF token (cookie `vaultline_csrf`, set by the login middleware) with every
 * htmx request as X-CSRF-Token and with every posted form as `_csrf`.
 */
const CSRF_JS = `(function () {
  function token() {
    var m = document.cookie.match(/(?:^|; )vaultline_csrf=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  document.addEventListener("htmx:configRequest", function (e) {
    var t = token();
    if (t) e.detail.headers["X-CSRF-Token"] = t;
  });
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post" || form.elements.namedItem("_csrf")) return;
    var input = document.createElement("input");
    input.type = "hidden"; input.name = "_csrf"; input.value = token();
    form.appendChild(input);
  }, true);
})();
`;

/**
 * htmx 2 swaps no 4xx or 5xx answer, so a refused or failed tap (an auditor's 403, a 502 from the
 * state system) would show nothing. Inside an element marked `data-refusals`, such an answer is
 * swapped into the tap's target like any other, so its reason shows where it was tapped; an answer
 * that never came says so there too.
 */
const REFUSALS_JS = `(function () {
  function marked(e) {
    var elt = e.detail.requestConfig ? e.detail.requestConfig.elt : e.detail.elt;
    return elt && elt.closest && elt.closest("[data-refusals]");
  }
  document.addEventListener("htmx:beforeSwap", function (e) {
    if (e.detail.xhr.status >= 400 && marked(e)) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });
  document.addEventListener("htmx:sendError", function (e) {
    if (!marked(e) || !e.detail.target) return;
    var p = document.createElement("p");
    p.className = "warn"; p.setAttribute("role", "alert"); p.setAttribute("data-refused", "no-answer");
    p.textContent = "No answer from the hub: nothing was done. Try again.";
    e.detail.target.replaceChildren(p);
  });
})();
`;

export function staticRoutes() {
  const htmx = packageFile("htmx.org", "dist/htmx.min.js");
  const sse = packageFile("htmx-ext-sse", "sse.js");
  const js = { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600" };
  return new Hono()
    .get("/htmx.min.js", (c) => c.body(htmx, 200, js))
    .get("/sse.js", (c) => c.body(sse, 200, js))
    .get("/csrf.js", (c) => c.body(CSRF_JS, 200, js))
    .get("/refusals.js", (c) => c.body(REFUSALS_JS, 200, js))
    .get("/hub.css", (c) => c.body(CSS, 200, { "content-type": "text/css; charset=utf-8" }));
}
