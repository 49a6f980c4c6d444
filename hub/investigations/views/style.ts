/** Styles of the investigation pages, on top of the dashboard's. */
export const INV_CSS = `
.inv-tabs{display:flex;gap:.4rem;flex-wrap:wrap;margin:0 0 .6rem}.inv-tabs a{padding:.3rem .7rem;border:1px solid #dde2e8;border-radius:4px;text-decoration:none;color:inherit}
.inv-tabs a[aria-current=page]{background:#1f3a2e;color:#fff;border-color:#1f3a2e}
.inv-escalated{color:#a4262c;font-weight:600}tr.inv-escalated td{background:#fdf0f0}
.inv-badge{display:inline-block;padding:0 .4rem;border-radius:3px;background:#a4262c;color:#fff;font-size:.8rem;font-weight:600}
.inv-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.8rem}
.inv-form{display:flex;flex-wrap:wrap;gap:.4rem .6rem;align-items:end;margin:.3rem 0 .6rem}
.inv-form label{display:flex;flex-direction:column;font-size:.85rem;min-width:0}
.inv-form input,.inv-form select,.inv-form textarea{font:inherit;padding:.3rem .4rem;max-width:100%}
.inv-form textarea{width:100%;min-height:3rem}.inv-form label.wide{flex:1 1 16rem}
.inv-form button{font:inherit;padding:.35rem .9rem;min-height:2.2rem}
.inv-message{padding:.5rem .7rem;border-radius:4px}.inv-message.ok{background:#e3f4e1}.inv-message.refused{background:#fde2e1;color:#7a1712;font-weight:600}
.inv-waiting{border-left:4px solid #c98a00;padding-left:.6rem}
.timeline td.what{max-width:34rem}.timeline .door{font-size:.8rem;white-space:nowrap}
.timeline tr[data-source=pos] td:first-child,.timeline tr[data-source=state-system] td:first-child{border-left:3px solid #4a6fa5}
.timeline tr[data-source=investigations] td:first-child{border-left:3px solid #c98a00}
`;
