/** Styles of the POS page, on top of the dashboard's. Fits 800×480 (a back-office tablet) too. */
export const POS_CSS = `
.pos-form{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end}
.pos-form label{display:flex;flex-direction:column;gap:.2rem;font-size:.9rem;min-width:0}
.pos-form input,.pos-form select{font:inherit;padding:.25rem .4rem;max-width:100%}
.pos-form button{font:inherit;padding:.35rem 1rem}
.pos-progress{display:flex;gap:.5rem;align-items:center;flex-basis:100%}
.pos-progress progress{width:min(20rem,100%)}
.pos-landed{color:#1b7f3b;font-weight:600}.pos-refused{color:#a4262c;font-weight:600}
.pos-errors td:first-child{font-variant-numeric:tabular-nums;white-space:nowrap}
.pos-mapping-fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem 1rem;width:100%}
.pos-scroll{overflow-x:auto}
#pos-report:empty{display:none}
.pos-form h3{flex-basis:100%;margin:.6rem 0 0;font-size:.95rem}
@media (max-width:820px){main{padding:.5rem}.panel{padding:.5rem}}
`;

/** The upload progress: htmx's xhr progress events drive the bar (no inline script: the CSP forbids it). */
export const UPLOAD_JS = `(function () {
  var uploaded = false;
  function el(id) { return document.getElementById(id); }
  function mine(e) { return e.target && e.target.id === "pos-upload"; }
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (!mine(e)) return;
    uploaded = false;
    el("pos-progress").hidden = false;
    el("pos-progress").value = 0;
    el("pos-progress-text").textContent = "Uploading…";
  });
  document.addEventListener("htmx:xhr:progress", function (e) {
    if (!mine(e) || uploaded || !e.detail.lengthComputable || !e.detail.total) return;
    var pct = Math.round((e.detail.loaded / e.detail.total) * 100);
    el("pos-progress").value = pct;
    if (pct >= 100) uploaded = true;
    el("pos-progress-text").textContent = uploaded ? "Uploaded; checking every row…" : "Uploading " + pct + "%";
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    if (!mine(e)) return;
    el("pos-progress").hidden = true;
    el("pos-progress-text").textContent = e.detail.successful ? "" : "The upload failed: " + (e.detail.xhr.responseText || e.detail.xhr.statusText || "no answer from the hub");
  });
})();
`;
