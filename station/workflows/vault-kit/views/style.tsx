import { raw } from "hono/html";

/**
 * Styles of the waste and package-split screens, for 800×480 and 1024×600 panels and gloves:
 * every button at least 56 px high, the step's content scrolling inside its box (never the
 * page), a red refusal bar above it.
 */
const css = `
.kiosk-waste,.kiosk-split{grid-template-columns:minmax(0,1fr)}
.vo-sign-in{display:none}
.vo-sign-in:has(.pinpad){display:block;position:fixed;inset:6% 18%;background:#222;z-index:10;padding:12px;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.6)}
.vo-stream{display:flex;flex-direction:column;flex:1;min-height:0;overflow:hidden}
.vo{display:flex;flex-direction:column;gap:6px;flex:1;min-height:0;padding:6px 8px;box-sizing:border-box}
.vo-top{display:flex;gap:6px;align-items:center}
.vo-steps{flex:1;display:flex;gap:4px;font-size:16px;color:#999;min-width:0;overflow:hidden}
.vo-steps span{padding:4px 8px;border-radius:6px;background:#222;white-space:nowrap}
.vo-steps span.on{background:#2b5f9e;color:#fff;font-weight:bold}
.vo-btn{min-height:56px;min-width:56px;padding:0 14px;font-size:19px;border-radius:8px;border:0;background:#3b3b3b;color:#fff;text-decoration:none;display:inline-flex;align-items:center;justify-content:center;white-space:nowrap;touch-action:manipulation}
.vo-btn-go{background:#1b7f3b;font-weight:bold}
.vo-btn-warn{background:#8a5a00}
.vo-refusal{margin:0;background:#b3261e;color:#fff;padding:8px 12px;border-radius:8px;font-size:19px;font-weight:bold}
.vo-body{flex:1;min-height:0;overflow-y:auto;display:flex;flex-direction:column;gap:6px}
.vo-big{font-size:24px;margin:2px 0}
.vo-muted{color:#bbb;font-size:17px;margin:0}
.vo-facts{display:flex;flex-wrap:wrap;gap:2px 14px;font-size:17px;margin:0;align-items:center}
.vo-cols{display:grid;grid-template-columns:1fr minmax(300px,44%);gap:8px;min-height:0}
.vo-cols>*{min-width:0}
.vo-facts b{color:#fff}
.vo-form{display:flex;gap:6px;align-items:stretch;flex-wrap:wrap}
.vo-input{flex:1;min-width:0;min-height:56px;font-size:21px;padding:0 10px;border-radius:8px;border:2px solid #555;background:#1b1b1b;color:#fff}
.vo-choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:6px}
.vo-choice{position:relative}
.vo-choice input{position:absolute;opacity:0;inset:0}
.vo-choice span{display:flex;align-items:center;min-height:50px;padding:4px 10px;border-radius:8px;background:#2a2a2a;border:2px solid #444;font-size:17px;box-sizing:border-box}
.vo-choice input:checked+span{border-color:#6fa8ff;background:#1d3557}
.vo-label{font-size:16px;color:#bbb;margin:4px 0 0}
.vo-reading{font-size:34px;font-weight:bold;font-variant-numeric:tabular-nums}
.vo-reading.unstable{color:#f0b000}
.vo-pad{display:grid;grid-template-columns:repeat(4,1fr);gap:6px}
.vo-pad .pad-key{min-height:48px;font-size:24px}
.vo-pad .vo-key-0,.vo-pad .vo-key-ok{grid-column:span 2}
.vo-pad .vo-key-ok{background:#1b7f3b}.vo-pad .vo-key-clear,.vo-pad .vo-key-cancel,.vo-pad .vo-key-back{font-size:18px}
.vo-pin-who{margin:0 0 4px;font-size:19px}
.vo-list{margin:0;padding-left:20px;font-size:18px}
.vo-ok{background:#1b5e20;color:#fff;padding:8px 12px;border-radius:8px;font-size:19px}
@media (max-width:900px){.vo-steps span:not(.on){display:none}}
@media (max-height:500px){.vo-pad .pad-key{min-height:44px}}
@media (min-height:560px){.vo-btn{min-height:64px}.vo-pad .pad-key{min-height:64px}}
`;

export function VaultOpsStyle() {
  return <style>{raw(css)}</style>;
}
