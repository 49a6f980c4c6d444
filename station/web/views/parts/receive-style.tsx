import { raw } from "hono/html";

/**
 * The receiving screen's styles, for 800×480 and 1024×600 panels operated with gloves: every
 * button at least 56 px high, verdict colours that read in bad light (green ok, amber duplicate,
 * red wrong) and the n-of-N line always on top.
 */
const css = `
.rx{display:flex;flex-direction:column;gap:6px;height:calc(100vh - 64px);padding:6px;box-sizing:border-box;font-size:18px}
.rx-top{display:flex;gap:12px;align-items:center}
.rx-progress{display:flex;gap:12px;align-items:center;flex:1;font-size:22px}
.rx-bar{flex:1;height:18px;background:#333;border-radius:9px;overflow:hidden}.rx-bar-fill{display:block;height:100%;background:#2e9d4f}
.rx-sub{font-size:16px}
.rx-body{display:grid;grid-template-columns:3fr 2fr;gap:8px;flex:1;min-height:0}
.rx-left{display:flex;flex-direction:column;gap:6px;overflow:auto}
.rx-right{overflow:auto;border:1px solid #444;border-radius:6px}
.rx-flash{padding:10px 14px;border-radius:8px;display:flex;flex-direction:column;font-weight:600;background:#2a2a2a}
.rx-flash-title{font-size:30px}.rx-flash-code{font-family:monospace;font-size:16px}.rx-flash-detail{font-size:18px}
.rx-tone-ok{background:#1f7a3a;color:#fff}.rx-tone-warn{background:#d99a00;color:#000}.rx-tone-bad{background:#b3261e;color:#fff}
.rx-notice{background:#b3261e;color:#fff;padding:8px 12px;border-radius:6px;font-weight:600}
.rx-line{border:1px solid #555;border-radius:8px;padding:8px;display:flex;flex-direction:column;gap:6px}
.rx-line-head{display:flex;justify-content:space-between;gap:8px}.rx-item{font-size:22px}.rx-tag{font-family:monospace}
.rx-btn{min-height:56px;min-width:56px;padding:0 14px;font-size:18px;border-radius:8px;border:0;background:#3b3b3b;color:#fff}
.rx-btn-small{min-height:44px;font-size:16px;margin-left:8px}
.rx-btn-accept{background:#1f7a3a}.rx-btn-correct{background:#2b5f9e}.rx-btn-reject{background:#7a2320}.rx-btn-complete{background:#1f7a3a}
.rx-btn[disabled]{opacity:.4}
.rx-actions{display:flex;flex-wrap:wrap;gap:6px}.rx-reasons{display:flex;flex-wrap:wrap;gap:6px}
.rx-corrected{display:flex;gap:6px}.rx-qty{width:120px;font-size:22px;min-height:52px}
.rx-weight{padding:6px;border-radius:6px}.rx-weight-flagged{background:#d99a00;color:#000}.rx-weight-ok{background:#1f4d2c}
.rx-block{background:#b3261e;color:#fff;padding:6px;border-radius:6px}
.rx-decided{padding:6px;border-radius:6px;background:#333}
.rx-bad-text{color:#ff6b60}.rx-warn-text{color:#ffc23d}.rx-ok-text{color:#5fd47f}
.rx-list{list-style:none;margin:0;padding:0}
.rx-row{display:grid;grid-template-columns:90px 1fr 80px;gap:6px;min-height:48px;align-items:center;padding:0 6px;border-bottom:1px solid #333}
.rx-row-attention{background:#2c2c10}.rx-row-flagged{border-left:6px solid #d99a00}.rx-row-decided{opacity:.6}.rx-row-current{outline:2px solid #fff}
.rx-foot{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.rx-manifests{list-style:none;padding:0;display:flex;flex-direction:column;gap:8px}
.rx-manifest{min-height:72px;width:100%;text-align:left}
.rx-coa{background:#223;padding:8px;border-radius:6px}
@media (max-width:820px){.rx{font-size:16px}.rx-flash-title{font-size:24px}.rx-body{grid-template-columns:1fr 1fr}}
`;

export function ReceiveStyle() {
  return <style>{raw(css)}</style>;
}
