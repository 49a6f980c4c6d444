import { raw } from "hono/html";

/**
 * The look-up screen's styles, for 800×480 and 1024×600 panels: the tag field and buttons at
 * least 56 px high, the facts in three columns, ten history entries in view on the small panel,
 * scrolling inside their box (never the page) where a long banner takes the room.
 */
const css = `
.lu-stream{display:flex;flex-direction:column;min-height:0;overflow:hidden}
.lu{display:flex;flex-direction:column;gap:6px;flex:1;min-height:0;padding:6px 8px;box-sizing:border-box}
.lu-form{display:flex;gap:6px;align-items:stretch}
.lu-input{flex:1;min-width:0;min-height:56px;font-size:22px;padding:0 10px;border-radius:8px;border:2px solid #555;background:#1b1b1b;color:#fff;font-family:"DejaVu Sans Mono",monospace}
.lu-input:focus{border-color:#6fa8ff;outline:none}
.lu-btn{min-height:56px;padding:0 16px;font-size:19px;border-radius:8px;border:0;background:#3b3b3b;color:#fff;text-decoration:none;display:inline-flex;align-items:center;justify-content:center;white-space:nowrap}
.lu-btn-go{background:#2b5f9e;font-weight:bold}
.lu-result{display:flex;flex-direction:column;gap:6px;flex:1;min-height:0;overflow:hidden}
.lu-refusal{background:#b3261e;color:#fff;padding:8px 12px;border-radius:8px;font-size:20px;font-weight:bold}
.lu-refusal~.lu-answer{opacity:.55}
.lu-pending,.lu-empty{font-size:20px;color:#bbb;margin:6px 0}
.lu-answer{display:flex;flex-direction:column;gap:4px;flex:1;min-height:0}
.lu-source{margin:0;padding:4px 10px;border-radius:6px;font-size:16px}
.lu-source-hub{background:#1d4d2c}
.lu-source-replica{background:#a86400;color:#fff}
.lu-item{margin:0;font-size:22px;display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px}
.lu-item-none{color:#ffcf4d}
.lu-tag{font-family:"DejaVu Sans Mono",monospace;font-size:15px;font-weight:normal;color:#ccc}
.lu-facts{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:2px 10px;margin:0}
.lu-fact{display:flex;gap:6px;align-items:baseline;min-width:0}
.lu-fact dt{color:#aaa;font-size:14px}
.lu-fact dd{margin:0;font-size:17px;font-weight:bold;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.lu-history-box{display:flex;flex-direction:column;flex:1;min-height:0}
.lu-history-head,.lu-history-none{margin:2px 0;font-size:14px;color:#aaa}
.lu-history{list-style:none;margin:0;padding:0;overflow:auto;flex:1;min-height:0;border:1px solid #333;border-radius:6px}
.lu-history li{display:grid;grid-template-columns:150px 110px minmax(0,1fr);gap:6px;padding:2px 8px;border-bottom:1px solid #2a2a2a;font-size:15px}
.lu-h-at{color:#bbb;font-variant-numeric:tabular-nums}
.lu-h-type{font-weight:bold}
.lu-h-detail{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.lu-sign-in{display:none}
.lu-sign-in:has(.pinpad){display:block;position:fixed;inset:6% 18%;background:#222;z-index:10;padding:12px;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.6)}
@media (max-width:850px){.lu-history li{grid-template-columns:130px 90px minmax(0,1fr);font-size:14px}}
@media (max-height:500px){.lu-history li{padding:1px 8px}.lu-fact dd{font-size:16px}}
`;

export function LookUpStyle() {
  return <style>{raw(css)}</style>;
}
