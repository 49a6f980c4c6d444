import { raw } from "hono/html";

/**
 * The receiving screen's styles, for 800×480 and 1024×600 panels operated with gloves: every
 * button at least 56 px high (44 for the line's small ones: COA, weigh again, the container),
 * verdict colours that read in bad light (green ok, amber duplicate, red wrong), the n-of-N line
 * always on top, and every control of the active line on screen at both sizes (the wide column
 * holds only the line; the verdict sits over the list; other reject reasons open over the screen).
 */
const css = `
.kiosk-receive .banner-info{display:none}
.kiosk-receive{grid-template-rows:auto auto 1fr auto;grid-template-columns:minmax(0,1fr);overflow:hidden}
.rx-stream,#rx-page{display:flex;flex-direction:column;min-height:0;overflow:hidden}
.rx{display:flex;flex-direction:column;gap:4px;flex:1;min-height:0;padding:4px 6px;box-sizing:border-box;font-size:17px}
.rx-top{display:flex;gap:10px;align-items:center;min-height:56px}
.rx-manifest-id{font-size:14px;line-height:1.2;max-width:200px;overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.rx-progress-slot{flex:1;min-width:0}
.rx-progress{display:flex;gap:10px;align-items:center;font-size:20px}
.rx-count{white-space:nowrap}
.rx-bar{flex:1;min-width:40px;height:16px;background:#333;border-radius:8px;overflow:hidden}.rx-bar-fill{display:block;height:100%;background:#2e9d4f}
.rx-sub{font-size:14px;line-height:1.2}
.rx-body{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:6px;flex:1;min-height:0}
.rx-left{display:flex;flex-direction:column;gap:4px;min-height:0;overflow:hidden}
.rx-right{display:flex;flex-direction:column;gap:4px;min-height:0}
.rx-lines-box{flex:1;overflow:auto;border:1px solid #444;border-radius:6px;min-height:0}
.rx-flash{padding:4px 10px;border-radius:8px;display:flex;flex-direction:column;font-weight:600;background:#2a2a2a;overflow:hidden}
.rx-flash-title{font-size:22px;line-height:1.15}.rx-flash-code{font-family:monospace;font-size:13px}.rx-flash-detail{font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.rx-tone-ok{background:#1f7a3a;color:#fff}.rx-tone-warn{background:#d99a00;color:#000}.rx-tone-bad{background:#b3261e;color:#fff}
.rx-notice{background:#b3261e;color:#fff;padding:6px 12px;border-radius:6px;font-weight:600}
.rx-notice-slot:empty{display:none}
.rx-line{border:1px solid #555;border-radius:8px;padding:6px;display:flex;flex-direction:column;gap:5px}
.rx-line-head{display:flex;flex-wrap:wrap;gap:2px 8px;align-items:center;min-width:0}
.rx-item{font-size:20px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0;max-width:100%}
.rx-tag{font-family:monospace;font-size:12px;color:#bbb;white-space:nowrap}
.rx-line-facts{font-size:15px}.rx-line-head .rx-line-facts{flex:1 1 16em;min-width:0}
.rx-line-head .rx-btn-small{margin-left:auto}
.rx-btn{min-height:56px;min-width:56px;padding:0 14px;font-size:17px;border-radius:8px;border:0;background:#3b3b3b;color:#fff;text-decoration:none;display:inline-flex;align-items:center;justify-content:center}
.rx-btn-small{min-height:44px;font-size:15px;padding:0 12px;flex:none}
.rx-btn-accept{background:#1f7a3a}.rx-btn-correct{background:#2b5f9e}.rx-btn-reject{background:#7a2320}.rx-btn-complete{background:#1f7a3a;white-space:nowrap}.rx-btn-remove{background:#5a4a10}
.rx-btn[disabled]{opacity:.45}
.rx-actions,.rx-reasons{display:flex;flex-wrap:wrap;gap:6px}
.rx-corrected{display:flex;gap:6px}.rx-qty{width:96px;font-size:20px;min-height:56px;box-sizing:border-box}
.rx-weight{padding:4px 6px;border-radius:6px;display:flex;flex-direction:column;gap:4px;font-size:15px}
.rx-weight-row{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center;justify-content:space-between}
.rx-weight-flagged{background:#d99a00;color:#000}.rx-weight-ok{background:#1f4d2c}
.rx-container{display:flex;gap:6px;align-items:center;flex-wrap:wrap}.rx-container-select{font-size:16px;min-height:44px;max-width:250px}.rx-container-note{font-size:13px}
.rx-block{background:#b3261e;color:#fff;padding:4px 6px;border-radius:6px;font-size:15px}
.rx-decided{padding:4px 6px;border-radius:6px;background:#333;font-size:15px;overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.rx-bad-text{color:#ff6b60}.rx-warn-text{color:#ffc23d}.rx-ok-text{color:#5fd47f}
.rx-list{list-style:none;margin:0;padding:0}
.rx-row{display:grid;grid-template-columns:92px 1fr auto;gap:6px;min-height:46px;align-items:center;padding:0 6px;border-bottom:1px solid #333;cursor:pointer}
.rx-row-tag{font-family:monospace;font-size:14px;white-space:nowrap}.rx-row-state{font-size:14px}
.rx-row-attention{background:#2c2c10}.rx-row-flagged{border-left:6px solid #d99a00}.rx-row-decided{opacity:.6}.rx-row-current{outline:2px solid #fff;outline-offset:-2px}
.rx-foot{display:flex;gap:6px;align-items:center;flex-wrap:nowrap;font-size:14px;position:relative}
.rx-foot .rx-btn{min-height:48px}
.rx-foot-notice{position:absolute;left:0;right:0;bottom:100%;z-index:4}.rx-foot-notice:empty{display:none}
.rx-confirm{background:#d99a00;color:#000;padding:6px 10px;border-radius:6px;font-weight:600;display:flex;gap:6px 10px;align-items:center;flex-wrap:wrap}
.rx-confirm-buttons{display:flex;gap:6px}
.rx-reasons-panel,.rx-reject-panel{background:#222;border:2px solid #b3261e;padding:10px;border-radius:10px;display:flex;flex-direction:column;gap:8px;box-shadow:0 0 0 100vmax rgba(0,0,0,.55)}
.rx-reasons-panel{position:fixed;left:8px;right:8px;top:64px;z-index:6;max-height:calc(100vh - 80px);overflow:auto}
.rx-reasons-panel b,.rx-reject-panel b{font-size:20px}.rx-reject-reasons{display:flex;flex-wrap:wrap;gap:6px}
.rx-labels{flex:1;display:flex;gap:6px;align-items:center;flex-wrap:wrap;min-width:0}
.rx-signed-out{align-items:flex-start;justify-content:center;gap:14px}.rx-signed-out h2{font-size:30px;margin:0}.rx-sign-in-how{font-size:22px;margin:0}
.rx-set-aside{display:flex;gap:10px;align-items:center;justify-content:space-between;background:#2c2c10;border:2px solid #d99a00;border-radius:8px;padding:6px 10px}
.rx-manifests{list-style:none;padding:0;display:flex;flex-direction:column;gap:8px;overflow:auto}
.rx-manifest{min-height:72px;width:100%;justify-content:flex-start;text-align:left}
.rx-coa-slot:empty{display:none}
.rx-coa{background:#223;padding:6px;border-radius:6px}
.rx-sign-in{display:none}
.rx-sign-in:has(.pinpad){display:block;position:fixed;inset:6% 18%;background:#222;z-index:10;padding:12px;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.6)}
.rx-devices{min-width:0;overflow:hidden}
.rx-devices .devices{display:flex;gap:10px;margin:0;padding:2px 6px;list-style:none;font-size:13px;white-space:nowrap}
/* Every device stays on the strip: a crowded one (five devices, one still "unknown") shortens the names, never the states. */
.rx-devices .device{display:flex;gap:4px;flex:0 1 auto;min-width:0;border:0;padding:0}
.rx-devices .device-name{min-width:2em;overflow:hidden;text-overflow:ellipsis}.rx-devices .device-state{flex:none}
/* The strip names every device and its state; of the readings only the scale's matters while receiving. */
.rx-devices .device-reading{max-width:9em;overflow:hidden;text-overflow:ellipsis}.rx-devices .device:not([data-kind=scale]) .device-reading{display:none}
.rx-devices .device-disconnected,.rx-devices .device-error{color:#ff6b60;font-weight:600}
@media (max-width:820px){
  .rx{font-size:15px}.rx-top{min-height:48px}.rx-top .rx-btn{min-height:48px}.rx-line-facts{font-size:14px}.rx-item{font-size:18px}.rx-body{grid-template-columns:minmax(0,3fr) minmax(0,1fr)}.rx-tag{display:none}.rx-container-word{display:none}
  .rx-manifest-id{max-width:120px;font-size:13px}.rx-progress{font-size:18px;gap:6px}.rx-sub{font-size:13px}
  .rx-flash-title{font-size:18px}.rx-flash-code{font-size:12px}
  .rx-btn{padding:0 10px;font-size:16px}
  .rx-row{grid-template-columns:1fr auto;min-height:40px}.rx-row-tag{display:none}.rx-row-item{font-size:14px;line-height:1.15}
  .rx-devices .device-reading{display:none}
}
`;

export function ReceiveStyle() {
  return <style>{raw(css)}</style>;
}
