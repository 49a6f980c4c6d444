import type { SignInView } from "#station/kiosk/sign-in.js";
import type { Banner } from "#station/scans/live-feed.js";
import { ids, sseEvents } from "#station/web/views/ids.js";
import { KioskBanner } from "#station/web/views/parts/banner.js";
import { KioskHeader, type HeaderProps } from "#station/web/views/parts/header.js";
import { SignInPanel } from "#station/web/views/parts/sign-in-panel.js";
import type { LookUpState } from "../machine.js";
import { LookUpPanel } from "./result.js";
import { LookUpStyle } from "./style.js";

/** Swap target of the look-up result; its SSE event on /look-up/events has the same name. */
export const lookUpIds = { result: "lu-result" } as const;

/**
 * GET /look-up: header and banner from the kiosk stream, the tag field, and the result from the
 * look-up stream (connecting to it is what makes scans go to look-up).
 */
export function LookUpPage(p: { header: HeaderProps; banner: Banner | null; state: LookUpState; signIn: SignInView }) {
  return (
    <div class="kiosk kiosk-lookup">
      <LookUpStyle />
      <header id={ids.header} class="kiosk-header" sse-swap={sseEvents.header}>
        <KioskHeader {...p.header} />
      </header>
      <div id={ids.banner} class="banner-slot" sse-swap={sseEvents.banner}>
        <KioskBanner banner={p.banner} />
      </div>
      <div class="lu-stream" hx-ext="sse" sse-connect="/look-up/events">
        <div class="lu">
          <form class="lu-form" hx-post="/look-up" hx-target={`#${lookUpIds.result}`} hx-swap="innerHTML">
            <input
              class="lu-input"
              name="tag"
              placeholder="Scan or type a tag"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxlength={64}
              aria-label="Tag"
            />
            <button class="lu-btn lu-btn-go" type="submit" data-action="look-up">
              Look up
            </button>
            <a class="lu-btn" href="/">
              Home
            </a>
          </form>
          <div id={lookUpIds.result} class="lu-result" sse-swap={lookUpIds.result}>
            <LookUpPanel state={p.state} sound={false} timeZone={p.header.timeZone} />
          </div>
        </div>
      </div>
      {/* A badge scanned here (after an idle sign-out) opens the PIN pad over the screen. */}
      <div id={ids.signIn} class="lu-sign-in" sse-swap={sseEvents.signIn}>
        <SignInPanel view={p.signIn} />
      </div>
    </div>
  );
}
