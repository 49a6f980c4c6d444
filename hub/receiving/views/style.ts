/** Styles of the receiving pages, on top of the dashboard's; the checklist prints without the header. */
export const RECEIVING_CSS = `
.rx-progress{display:inline-flex;gap:.4rem;align-items:center;font-variant-numeric:tabular-nums}
.rx-bar{display:inline-block;width:8rem;height:.6rem;background:#eef1f4;border-radius:3px;overflow:hidden}
.rx-bar span{display:block;height:100%;background:#1b7f3b}
.rx-flag{color:#a4262c;font-weight:600}
tr.rx-flagged td{background:#fdf0f0}
.rx-accept{color:#1b7f3b;font-weight:600}.rx-reject{color:#a4262c;font-weight:600}
.rx-checklist td.enter{max-width:28rem}
.rx-box{display:inline-block;width:1rem;height:1rem;border:1px solid #6b7785}
.tz-note{margin:0;font-size:.85rem}
@media print{header.top,.rx-noprint{display:none}main{max-width:none;padding:0}.panel{border:none}}
`;
