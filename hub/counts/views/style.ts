/** Styles of the counts pages, on top of the dashboard's. */
export const COUNTS_CSS = `
.ct-status{font-weight:600}
.ct-status[data-status=review]{color:#8a5a00}.ct-status[data-status=approved]{color:#1b7f3b}.ct-status[data-status=recount]{color:#a4262c}
tr.ct-out td{background:#fdf0f0}
tr.ct-unexpected td{background:#fff6e0}
.ct-short{color:#a4262c;font-weight:600}.ct-over{color:#8a5a00;font-weight:600}
.ct-start{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end}
.ct-start form{display:flex;gap:.4rem;align-items:end}
.ct-acc{display:flex;gap:3px;align-items:flex-end;height:5rem;border-bottom:1px solid #ccd}
.ct-acc span{display:block;width:1.1rem;background:#1b7f3b}
.ct-acc span.low{background:#a4262c}
.ct-notice{padding:.5rem .8rem;border-radius:4px;background:#e8f4ea}
.ct-notice.bad{background:#fdf0f0;color:#a4262c;font-weight:600}
.ct-nums td.n{text-align:right;font-variant-numeric:tabular-nums}
`;
