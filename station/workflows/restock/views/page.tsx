import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import type { SignInView } from "#station/kiosk/sign-in.js";
import type { Banner } from "#station/scans/live-feed.js";
import { ids, sseEvents } from "#station/web/views/ids.js";
import { KioskBanner } from "#station/web/views/parts/banner.js";
import { KioskHeader, type HeaderProps } from "#station/web/views/parts/header.js";
import { SignInPanel } from "#station/web/views/parts/sign-in-panel.js";

/**
 * The restock and ask screens' styles, for 800×480 and 1024×600 panels with gloves: every button
 * at least 56 px high, the verdict over the list in big type, the pick list scrolling inside its box.
 */
const css = `
.kiosk-restock{grid-template-columns:minmax(0,1fr)}
.rs-stream{display:flex;flex-direction:column;min-height:0;overflow:hidden}
#rs-screen{display:flex;flex-direction:column;flex:1;min-height:0;padding:6px 8px;box-sizing:border-box;gap:6px}
.rs-list,.rs-open,.rs-ask,.rs-locked{display:flex;flex-direction:column;gap:6px;flex:1;min-height:0}
.rs-bar{display:flex;gap:8px;align-items:center}
.rs-bar h2{flex:1;margin:0;font-size:20px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.rs-btn{min-height:56px;min-width:88px;padding:0 16px;font-size:19px;border-radius:8px;border:0;background:#3b3b3b;color:#fff;text-decoration:none;display:inline-flex;align-items:center;justify-content:center;gap:6px;white-space:nowrap;cursor:pointer}
.rs-btn-go{background:#2b5f9e;font-weight:bold}
.rs-btn-warn{background:#8a5a00;font-weight:bold}
.rs-requests{display:flex;flex-direction:column;gap:6px;overflow:auto;min-height:0}
.rs-request{min-height:64px;text-align:left;padding:8px 14px;border-radius:8px;border:2px solid #555;background:#1f2a36;color:#fff;display:flex;flex-direction:column;gap:2px;font-size:18px}
.rs-request span{font-size:15px;color:#bbb}
.rs-asked{background:#262626;border-style:dashed}
.rs-empty{font-size:20px;color:#bbb}
.rs-verdict{padding:8px 12px;border-radius:8px;font-size:21px;font-weight:bold;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.rs-verdict-none{background:#262626;color:#bbb;font-weight:normal}
.rs-verdict-ok{background:#1d4d2c}
.rs-verdict-warn{background:#a86400}
.rs-verdict-bad{background:#b3261e}
.rs-verdict-text{flex:1 1 100%}
.rs-offer{display:flex;gap:8px;flex-wrap:wrap}
.rs-notice{background:#b3261e;color:#fff;padding:6px 12px;border-radius:8px;font-size:18px;font-weight:bold}
.rs-lines{display:flex;flex-direction:column;gap:6px;overflow:auto;flex:1;min-height:0;border:1px solid #333;border-radius:6px;padding:4px}
.rs-line-head{display:flex;justify-content:space-between;font-size:18px;padding:2px 4px}
.rs-pick{display:grid;grid-template-columns:130px minmax(0,1fr) 90px 140px;gap:6px;padding:4px 8px;font-size:17px;border-radius:6px}
.rs-pick-next{background:#1f2a36;outline:2px solid #6fa8ff}
.rs-pick-done{color:#8fd19e}
.rs-tag{font-family:"DejaVu Sans Mono",monospace;font-weight:bold}
.rs-loc{font-weight:bold}
.rs-select{min-height:56px;font-size:20px;border-radius:8px;background:#1b1b1b;color:#fff;border:2px solid #555;padding:0 10px}
.rs-qty{display:flex;gap:8px;flex-wrap:wrap}
.rs-qty-btn input{width:22px;height:22px}
.rs-sent{background:#1d4d2c;padding:6px 12px;border-radius:8px;font-size:18px;margin:0}
.rs-locked p{font-size:22px}
.rs-sign-in{display:none}
.rs-sign-in:has(.pinpad){display:block;position:fixed;inset:6% 18%;background:#222;z-index:10;padding:12px;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.6)}
@media (max-width:850px){.rs-pick{grid-template-columns:110px minmax(0,1fr) 80px 120px;font-size:15px}.rs-verdict{font-size:18px}}
`;

/** The kiosk shell of a restock screen: header and banner from the kiosk stream, `children` from restock's own. */
export function RestockShell(p: {
  header: HeaderProps;
  banner: Banner | null;
  signIn: SignInView;
  stream?: boolean;
  children: Child;
}) {
  return (
    <div class="kiosk kiosk-restock">
      <style>{raw(css)}</style>
      <header id={ids.header} class="kiosk-header" sse-swap={sseEvents.header}>
        <KioskHeader {...p.header} />
      </header>
      <div id={ids.banner} class="banner-slot" sse-swap={sseEvents.banner}>
        <KioskBanner banner={p.banner} />
      </div>
      {p.stream ? (
        <div class="rs-stream" hx-ext="sse" sse-connect="/restock/events">
          {p.children}
        </div>
      ) : (
        <div class="rs-stream">{p.children}</div>
      )}
      <div id={ids.signIn} class="rs-sign-in" sse-swap={sseEvents.signIn}>
        <SignInPanel view={p.signIn} />
      </div>
    </div>
  );
}
