import type { SignInView } from "#station/kiosk/sign-in.js";
import type { Banner } from "#station/scans/live-feed.js";
import { ids, sseEvents } from "#station/web/views/ids.js";
import { KioskBanner } from "#station/web/views/parts/banner.js";
import { KioskHeader, type HeaderProps } from "#station/web/views/parts/header.js";
import { SignInPanel } from "#station/web/views/parts/sign-in-panel.js";
import { VaultOpsStyle } from "../../vault-kit/views/style.js";
import type { WasteView } from "../service.js";
import { WastePanel, wasteIds } from "./panel.js";

/**
 * GET /waste: header and banner from the kiosk stream, and the waste steps from the waste
 * stream (connecting to it is what makes scans and the scale go to waste).
 */
export function WastePage(p: { header: HeaderProps; banner: Banner | null; view: WasteView; signIn: SignInView }) {
  return (
    <div class="kiosk kiosk-waste">
      <VaultOpsStyle />
      <header id={ids.header} class="kiosk-header" sse-swap={sseEvents.header}>
        <KioskHeader {...p.header} />
      </header>
      <div id={ids.banner} class="banner-slot" sse-swap={sseEvents.banner}>
        <KioskBanner banner={p.banner} />
      </div>
      <div class="vo-stream" hx-ext="sse" sse-connect="/waste/events">
        <div id={wasteIds.panel} class="vo-stream" sse-swap={wasteIds.panel}>
          <WastePanel v={p.view} sound={false} />
        </div>
      </div>
      <div id={ids.signIn} class="vo-sign-in" sse-swap={sseEvents.signIn}>
        <SignInPanel view={p.signIn} />
      </div>
    </div>
  );
}
