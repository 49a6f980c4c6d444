import { raw } from "hono/html";

/**
 * The receiving screen's styles, for 800×480 and 1024×600 panels operated with gloves: every
 * button at least 56 px high, verdict colours that read in bad light (green ok, amber duplicate,
 * red wrong) and the n-of-N line always on top.
 */
const css = `
.kiosk-receive .banner-info{display:none}
.rx-stream,#rx-page{display:flex;flex-direction:column;min-height:0;overflow:hidden}
.rx{display:flex;flex-direction:column;gap:4px;flex:1;min-height:0;padding:4px 6px;box-sizing:border-box;font-size:17px}
.rx-top{display:flex;gap:10px;align-items:center}
.rx-manifest-id{display:flex;flex-direction:column;font-size:14px;line-height:1.2;max-width:170px}
.rx-progress{display:flex;gap:10px;align-items:center;flex:1;font-size:20px}
.rx-count{white-space:nowrap}
.rx-bar{flex:1;min-width:40px;height:16px;background:#333;border-radius:8px;overflow:hidden}.rx-bar-fill{display:block;height:100%;background:#2e9d4f}
.rx-sub{font-size:14px;line-height:1.2}
.rx-body{display:grid;grid-template-columns:3fr 2fr;gap:6px;flex:1;min-height:0}
.rx-left{display:flex;flex-direction:column;gap:4px;overflow:auto;min-height:0}
.rx-right{overflow:auto;border:1px solid #444;border-radius:6px;min-height:0}
.rx-flash{padding:6px 12px;border-radius:8px;display:flex;flex-direction:column;font-weight:600;background:#2a2a2a}
.rx-flash-title{font-size:26px}.rx-flash-code{font-family:monospace;font-size:14px}.rx-flash-detail{font-size:16px}
.rx-tone-ok{background:#1f7a3a;color:#fff}.rx-tone-warn{background:#d99a00;color:#000}.rx-tone-bad{background:#b3261e;color:#fff}
.rx-notice{background:#b3261e;color:#fff;padding:6px 12px;border-radius:6px;font-weight:600}
.rx-line{border:1px solid #555;border-radius:8px;padding:6px;display:flex;flex-direction:column;gap:4px}
.rx-item{font-size:20px}.rx-tag{font-family:monospace;font-size:13px;display:block}
.rx-btn{min-height:56px;min-width:56px;padding:0 14px;font-size:17px;border-radius:8px;border:0;background:#3b3b3b;color:#fff;text-decoration:none;display:inline-flex;align-items:center;justify-content:center}
.rx-btn-small{min-height:44px;font-size:15px;margin-left:6px}
.rx-btn-accept{background:#1f7a3a}.rx-btn-correct{background:#2b5f9e}.rx-btn-reject{background:#7a2320}.rx-btn-complete{background:#1f7a3a}
.rx-btn[disabled]{opacity:.45}
.rx-actions,.rx-reasons{display:flex;flex-wrap:wrap;gap:6px}
.rx-corrected{display:flex;gap:6px}.rx-qty{width:110px;font-size:20px;min-height:52px}
.rx-weight{padding:6px;border-radius:6px;display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center}
.rx-container{display:flex;gap:6px;align-items:center;flex-wrap:wrap}.rx-container-select{font-size:17px;min-height:44px;max-width:260px}.rx-container-note{font-size:14px}.rx-weight-flagged{background:#d99a00;color:#000}.rx-weight-ok{background:#1f4d2c}
.rx-block{background:#b3261e;color:#fff;padding:6px;border-radius:6px}
.rx-decided{padding:6px;border-radius:6px;background:#333}
.rx-bad-text{color:#ff6b60}.rx-warn-text{color:#ffc23d}.rx-ok-text{color:#5fd47f}
.rx-list{list-style:none;margin:0;padding:0}
.rx-row{display:grid;grid-template-columns:92px 1fr auto;gap:6px;min-height:46px;align-items:center;padding:0 6px;border-bottom:1px solid #333;cursor:pointer}
.rx-row-tag{font-family:monospace;font-size:14px;white-space:nowrap}.rx-row-state{font-size:14px}
.rx-row-attention{background:#2c2c10}.rx-row-flagged{border-left:6px solid #d99a00}.rx-row-decided{opacity:.6}.rx-row-current{outline:2px solid #fff;outline-offset:-2px}
.rx-foot{display:flex;gap:6px;align-items:center;flex-wrap:nowrap;font-size:14px;position:relative}
.rx-confirm{background:#d99a00;color:#000;padding:6px 10px;border-radius:6px;font-weight:600;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.rx-confirm-buttons{display:flex;gap:6px}
.rx-foot-notice{position:absolute;left:0;right:0;bottom:100%;z-index:4}.rx-foot-notice:empty{display:none}
.rx-foot .rx-btn{min-height:48px}
.rx-reject-panel{background:#222;border:2px solid #b3261e;padding:10px;border-radius:10px;display:flex;flex-direction:column;gap:8px;box-shadow:0 0 0 100vmax rgba(0,0,0,.55)}
.rx-reject-panel b{font-size:20px}.rx-reject-reasons{display:flex;flex-wrap:wrap;gap:6px}
.rx-labels{flex:1;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.rx-signed-out{align-items:flex-start;justify-content:center;gap:14px}.rx-signed-out h2{font-size:30px;margin:0}.rx-sign-in-how{font-size:22px;margin:0}
.rx-set-aside{display:flex;gap:10px;align-items:center;justify-content:space-between;background:#2c2c10;border:2px solid #d99a00;border-radius:8px;padding:6px 10px}
.rx-btn-remove{background:#5a4a10}
.rx-manifests{list-style:none;padding:0;display:flex;flex-direction:column;gap:8px;overflow:auto}
.rx-manifest{min-height:72px;width:100%;justify-content:flex-start;text-align:left}
.rx-coa{background:#223;padding:6px;border-radius:6px}
.rx-coa-page{overflow:auto}.rx-coa-facts{display:grid;grid-template-columns:auto 1fr;gap:6px 14px;font-size:19px}.rx-coa-facts dt{color:#aaa}
.kiosk-receive{grid-template-rows:auto auto 1fr auto;grid-template-columns:minmax(0,1fr);overflow:hidden}
.rx-devices{min-width:0;overflow:hidden}
.rx-sign-in{display:none}
.rx-sign-in:has(.pinpad){display:block;position:fixed;inset:6% 18%;background:#222;z-index:10;padding:12px;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.6)}
.rx-devices .devices{display:flex;gap:10px;margin:0;padding:2px 6px;list-style:none;font-size:13px;white-space:nowrap;overflow:hidden}
.rx-devices .device{display:flex;gap:4px}.rx-devices .device-disconnected,.rx-devices .device-error{color:#ff6b60;font-weight:600}
@media (max-width:820px){.rx{font-size:15px}.rx-flash-title{font-size:22px}.rx-item{font-size:18px}.rx-body{grid-template-columns:11fr 9fr}.rx-manifest-id{max-width:120px}}
`;

export function ReceiveStyle() {
  return <style>{raw(css)}</style>;
}
