import type { SignInView } from "#station/kiosk/sign-in.js";
import type { Banner } from "#station/scans/live-feed.js";
import { ids, sseEvents } from "#station/web/views/ids.js";
import { KioskBanner } from "#station/web/views/parts/banner.js";
import { KioskHeader, type HeaderProps } from "#station/web/views/parts/header.js";
import { SignInPanel } from "#station/web/views/parts/sign-in-panel.js";
import { CountMain, countIds, type CountView } from "./main.js";
import { CountStyle } from "./style.js";

/** GET /count: header and banner from the kiosk stream, the count from its own stream (opening it is what ties scans to the count). */
export function CountPage(p: { header: HeaderProps; banner: Banner | null; view: CountView; signIn: SignInView }) {
  return (
    <div class="kiosk kiosk-count">
      <CountStyle />
      <header id={ids.header} class="kiosk-header" sse-swap={sseEvents.header}>
        <KioskHeader {...p.header} />
      </header>
      <div id={ids.banner} class="banner-slot" sse-swap={sseEvents.banner}>
        <KioskBanner banner={p.banner} />
      </div>
      <div class="ct-stream" hx-ext="sse" sse-connect="/count/events">
        <div id={countIds.main} sse-swap={countIds.main}>
          <CountMain view={p.view} />
        </div>
      </div>
      <div id={ids.signIn} class="ct-sign-in" sse-swap={sseEvents.signIn}>
        <SignInPanel view={p.signIn} />
      </div>
    </div>
  );
}
