/**
 * Styles of the report pages on top of the dashboard's. On paper the header, forms and links go,
 * sections do not break across pages, and the width fits both A4 (210 mm) and US Letter
 * (215.9 mm) with 12 mm margins: `@page` sets no size, so the printer's paper is used.
 */
export const REPORTS_CSS = `
.rp-grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:1rem}
.rp-figs{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.25rem 0 .75rem}
.rp-fig{display:flex;flex-direction:column}.rp-fig b{font-size:1.4rem;font-variant-numeric:tabular-nums}
.rp-fig span{font-size:.8rem;color:#5b6672}
.rp-chart{width:100%;height:auto;max-width:36rem;display:block}
.rp-grid{stroke:#e3e7eb;stroke-width:1}.rp-axis,.rp-label{font-size:15px;fill:#3a4450}
.rp-line{fill:none;stroke:#1f5fa8;stroke-width:2.5}.rp-dot{fill:#1f5fa8}.rp-bar{fill:#2f7d4f}
.rp-warn{color:#a4262c;font-weight:600}.rp-ok{color:#1b7f3b}
.rp-table{border-collapse:collapse;width:100%}.rp-table td,.rp-table th{padding:.25rem .4rem;border-bottom:1px solid #e3e7eb;text-align:left}
.rp-table td.n,.rp-table th.n{text-align:right;font-variant-numeric:tabular-nums}
.rp-scroll{overflow-x:auto}
.rp-progress{display:flex;gap:.6rem;align-items:center}.rp-progress progress{width:12rem}
.rp-tabs{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:.25rem 0 .75rem}
@page{margin:12mm}
@media print{
  header.top,.rp-noprint{display:none!important}
  body{background:#fff}main{max-width:none;padding:0;margin:0}
  .panel{border:none;box-shadow:none;padding:0;margin:0 0 4mm;break-inside:avoid}
  .rp-grid2{grid-template-columns:1fr 1fr;gap:4mm}
  .rp-table td,.rp-table th{padding:1mm 1.5mm}
  .rp-chart{max-width:120mm}
  body{font-size:10.5pt}
}
`;
