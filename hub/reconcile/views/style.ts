/** Styles of the reconciliation page, on top of the dashboard's; lines stack their fix under the figures so 1024×600 needs no sideways scroll. */
export const RECONCILE_CSS = `
.rc-pick{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end}
.rc-pick label{display:flex;flex-direction:column;gap:.2rem;font-size:.9rem}
.rc-pick input,.rc-pick select,.rc-pick button{font:inherit;padding:.3rem .5rem}
.rc-run button{font:inherit;padding:.45rem 1.2rem;font-weight:600}
.rc-summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(12.5rem,1fr));gap:.4rem;margin:.5rem 0 0;padding:0;list-style:none}
.rc-summary li a,.rc-summary li span{display:flex;justify-content:space-between;gap:.5rem;padding:.35rem .6rem;border:1px solid #dde2e8;border-radius:4px;text-decoration:none;color:inherit}
.rc-summary li.some a{border-color:#a4262c;background:#fdf3f3}
.rc-summary b{font-variant-numeric:tabular-nums}
.rc-lines{width:100%;border-collapse:collapse}
.rc-lines th,.rc-lines td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid #eef0f3;vertical-align:top}
.rc-lines td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.rc-lines tr.fix td{color:#4a5563;font-size:.9rem;border-bottom:1px solid #dde2e8;padding-bottom:.45rem}
.rc-lines code{font-size:.85rem;word-break:break-all}
.rc-class{margin-top:.8rem}
.rc-class h3{margin:.2rem 0;font-size:1rem}
.rc-runs td,.rc-runs th{padding:.2rem .5rem;text-align:left}
.rc-ok{color:#1b7f3b;font-weight:600}
@media (max-width:820px){main{padding:.5rem}.panel{padding:.5rem}.rc-lines th.hide,.rc-lines td.hide{display:none}}
`;
