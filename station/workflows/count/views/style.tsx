import { raw } from "hono/html";

/**
 * The count screen's styles, for 800×480 and 1024×600 panels operated with gloves: buttons at
 * least 56 px high, the keypad's keys 44–60 px (shrinking only when a banner takes the room),
 * verdict colours that read in bad light (green on the list, amber counted already, red not on
 * the list or refused), the n-of-N line on top.
 */
const css = `
.kiosk-count .banner-info{display:none}
.kiosk-count{grid-template-rows:auto auto 1fr;grid-template-columns:minmax(0,1fr);overflow:hidden}
.ct-stream,#ct-main{display:flex;flex-direction:column;min-height:0;overflow:hidden}
.ct{display:flex;flex-direction:column;gap:4px;flex:1;min-height:0;padding:4px 6px;box-sizing:border-box;font-size:17px}
.ct-top{display:flex;gap:10px;align-items:center;min-height:56px}
.ct-title{font-size:16px;line-height:1.2;max-width:260px;overflow:hidden}
.ct-progress{flex:1;font-size:20px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ct-body{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:6px;flex:1;min-height:0}
.ct-left,.ct-right{display:flex;flex-direction:column;gap:4px;min-height:0;overflow:hidden}
.ct-flash{padding:4px 10px;border-radius:8px;font-weight:600;background:#2a2a2a;font-size:19px;line-height:1.2}
.ct-v-on-list{background:#1f7a3a;color:#fff}.ct-v-again{background:#d99a00;color:#000}
.ct-v-not-on-list,.ct-v-refused,.ct-v-not-asked{background:#b3261e;color:#fff}
.ct-notice{background:#b3261e;color:#fff;padding:6px 12px;border-radius:6px;font-weight:600;font-size:18px}
.ct-pkg{border:1px solid #555;border-radius:8px;padding:6px;display:flex;flex-direction:column;gap:4px;min-height:0}
.ct-item{font-size:20px;line-height:1.2;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;flex:none}
.ct-pkg>*{flex:none}
.ct-left>.ct-pkg{flex:1 1 auto}
.ct-pad .ct-btn{min-height:44px}
.ct-tag{font-family:monospace;font-size:13px;color:#bbb}
.ct-pad{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));grid-template-rows:repeat(3,minmax(44px,60px));gap:4px;flex:1 1 auto;min-height:0}
.ct-key{min-height:44px;font-size:24px;border-radius:8px;border:0;background:#3b3b3b;color:#fff}
.ct-entry{font-size:28px;font-family:monospace;background:#111;border:2px solid #555;border-radius:8px;padding:0 10px;min-height:44px;display:flex;align-items:center}
.ct-btn{min-height:56px;min-width:56px;padding:0 14px;font-size:18px;border-radius:8px;border:0;background:#3b3b3b;color:#fff;text-decoration:none;display:inline-flex;align-items:center;justify-content:center;white-space:nowrap}
.ct-btn-go{background:#1f7a3a;font-weight:bold}.ct-btn-blue{background:#2b5f9e}
.ct-btn[disabled]{opacity:.45}
.ct-lines{list-style:none;margin:0;padding:0;overflow:auto;flex:1;min-height:0;border:1px solid #444;border-radius:6px}
.ct-lines li{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:4px;padding:3px 8px;border-bottom:1px solid #2a2a2a;font-size:15px}
.ct-lines li>span:first-child{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ct-lines li[data-state=counted]{color:#8fd19e}.ct-lines li[data-state=found]{color:#ffb4ab}
.ct-lines .ct-where{color:#aaa;font-size:13px}
.ct-list{display:flex;flex-direction:column;gap:8px;padding:8px;overflow:auto}
.ct-count-btn{min-height:64px;font-size:20px;text-align:left;border-radius:10px;border:0;background:#2b5f9e;color:#fff;padding:6px 14px}
.ct-count-btn[disabled]{background:#3b3b3b}
.ct-muted{color:#aaa;font-size:15px}
.ct-confirm{position:fixed;inset:12% 14%;background:#222;z-index:10;padding:16px;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.6);display:flex;flex-direction:column;gap:12px;font-size:20px}
.ct-sign-in{display:none}
.ct-sign-in:has(.pinpad){display:block;position:fixed;inset:6% 18%;background:#222;z-index:10;padding:12px;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.6)}
@media (max-height:500px){.ct-lines li{padding:2px 8px}.ct-item{font-size:18px}.ct-flash,.ct-notice{font-size:17px;padding:3px 10px}}
`;

export function CountStyle() {
  return <style>{raw(css)}</style>;
}
