import type { DeviceStatus } from "#contract/domain.js";
import type { SignInView } from "#station/kiosk/sign-in.js";
import type { KioskTile } from "../../deps.js";
import type { Banner, ScanRow } from "#station/scans/live-feed.js";
import { ids, sseEvents } from "../ids.js";
import { KioskBanner } from "../parts/banner.js";
import { DeviceList } from "../parts/devices.js";
import { KioskHeader, type HeaderProps } from "../parts/header.js";
import { ScanFeed } from "../parts/scan-feed.js";
import { SignInPanel } from "../parts/sign-in-panel.js";

/** Everything the home screen shows. */
export interface HomeProps {
  header: HeaderProps;
  banner: Banner | null;
  signIn: SignInView;
  devices: readonly DeviceStatus[];
  scans: readonly ScanRow[];
  /** One per workflow, in registration order. */
  tiles: readonly KioskTile[];
  /** The facility's zone the feed's times are in. */
  timeZone?: string;
}

/** The workflows as big buttons above the scan feed. */
function WorkflowTiles({ tiles }: { tiles: readonly KioskTile[] }) {
  if (tiles.length === 0) return <></>;
  return (
    <nav class="tiles">
      {tiles.map((t) => (
        <a class="tile" href={t.path} data-workflow={t.name}>
          <b class="tile-title">{t.title}</b>
          <span class="tile-hint">{t.hint}</span>
        </a>
      ))}
    </nav>
  );
}

/**
 * The kiosk home screen for 800×480 and 1024×600 panels: header (who, hub link), banner, one tile
 * per workflow above the live scan feed on the left, sign-in and devices on the right. Each
 * region except the tiles is an SSE swap target.
 */
export function HomePage(p: HomeProps) {
  return (
    <div class="kiosk" data-screen="home">
      {/* Any tap on the screen counts as activity for the idle sign-out, at most twice a minute.
          A sibling, not a wrapper: htmx children would inherit its hx-swap="none". */}
      <span hidden hx-post="/sign-in/touch" hx-trigger="click from:body throttle:30s" hx-swap="none" />
      <header id={ids.header} class="kiosk-header" sse-swap={sseEvents.header}>
        <KioskHeader {...p.header} />
      </header>
      <div id={ids.banner} class="banner-slot" sse-swap={sseEvents.banner}>
        <KioskBanner banner={p.banner} />
      </div>
      <main class="kiosk-main">
        <div class="home-left">
          <WorkflowTiles tiles={p.tiles} />
          <section id={ids.feed} class="feed-panel" sse-swap={sseEvents.feed}>
            <ScanFeed rows={p.scans} timeZone={p.timeZone} />
          </section>
        </div>
        <aside class="side">
          <div id={ids.signIn} class="sign-in-panel" sse-swap={sseEvents.signIn}>
            <SignInPanel view={p.signIn} />
          </div>
          <div id={ids.devices} class="devices-panel" sse-swap={sseEvents.devices}>
            <DeviceList devices={p.devices} />
          </div>
        </aside>
      </main>
    </div>
  );
}
