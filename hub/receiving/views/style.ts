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
@media print{header.top,.rx-noprint{display:none}main{max-width:none;padding:0}.panel{border:none}}
`;

/**
 * "2026-11-28 00:58 UTC" for an instant; METRC's local wall-clock times (no offset) read
 * "2026-11-27 17:58 local". Anything else is shown as given.
 */
export function when(value: string | null): string {
  if (!value) return "—";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) return value;
  if (!m[3]) return `${m[1]} ${m[2]} local`;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}
