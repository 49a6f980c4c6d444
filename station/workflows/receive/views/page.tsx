import type { Manifest } from "#contract/receiving.js";
import type { LabelJob, Outcome } from "../service.js";
import type { Container } from "../weight.js";
import { facilityDateTime } from "#contract/facility-time.js";
import type { SignInView } from "#station/kiosk/sign-in.js";
import type { Banner } from "#station/scans/live-feed.js";
import { progress, type ReceivingState } from "../machine.js";
import { ids, sseEvents } from "#station/web/views/ids.js";
import { receiveIds } from "./ids.js";
import type { DeviceStatus } from "#contract/domain.js";
import { KioskBanner } from "#station/web/views/parts/banner.js";
import { DeviceList } from "#station/web/views/parts/devices.js";
import { SignInPanel } from "#station/web/views/parts/sign-in-panel.js";
import { KioskHeader, type HeaderProps } from "#station/web/views/parts/header.js";
import { ReceiveLine } from "./line.js";
import { ReceiveLines } from "./lines.js";
import { ReceiveFlash, ReceiveLabels, ReceiveProgress } from "./status.js";
import { ReceiveStyle } from "./style.js";

/** Everything the receiving screen shows. */
export interface ReceiveView {
  state: ReceivingState | null;
  closed: ReceivingState | null;
  manifests: readonly Manifest[];
  labels: readonly LabelJob[];
  signedIn: { name: string } | null;
  /** May the signed-in person receive; refused (with why) when nobody or someone else is signed in. */
  access: Outcome;
  /** The facility's zone the times are shown in (the header names it). */
  timeZone: string;
  /** The vault's own containers, offered besides the item profile's and none. */
  containers: readonly Container[];
  /** The last scan made on this screen while nobody who may receive was signed in. */
  plainScan: { code: string; at: string } | null;
}

function ReceiveSession({ v, state }: { v: ReceiveView; state: ReceivingState }) {
  return (
    <div class="rx" data-receiving-id={state.receivingId} data-manifest={state.manifest.manifestNumber}>
      <div class="rx-top">
        <span class="rx-manifest-id">
          <b>Manifest {state.manifest.manifestNumber}</b> <span>{state.manifest.shipperName}</span>
        </span>
        <div id={receiveIds.progress} sse-swap={receiveIds.progress} class="rx-progress-slot">
          <ReceiveProgress state={state} />
        </div>
      </div>
      <div id={receiveIds.notice} class="rx-notice-slot"></div>
      <div class="rx-body">
        {/* The line's controls get the wide column to themselves; the verdict sits over the list it changed. */}
        <div class="rx-left">
          <div id={receiveIds.coa} class="rx-coa-slot"></div>
          <div id={receiveIds.line} sse-swap={receiveIds.line}>
            <ReceiveLine p={state.current ? (state.lines[state.current] ?? null) : null} containers={v.containers} />
          </div>
        </div>
        <div class="rx-right">
          <div id={receiveIds.flash} sse-swap={receiveIds.flash}>
            <ReceiveFlash
              scan={state.lastScan}
              line={state.lastScan?.label ? state.lines[state.lastScan.label] : undefined}
              sound={false}
            />
          </div>
          <div class="rx-lines-box" id={receiveIds.lines} sse-swap={receiveIds.lines}>
            <ReceiveLines state={state} />
          </div>
        </div>
      </div>
      <div class="rx-foot">
        <div id={receiveIds.footNotice} class="rx-foot-notice"></div>
        <button
          class="rx-btn rx-btn-reject"
          data-action="reject-manifest-start"
          hx-get="/receive/reject-manifest"
          hx-target={`#${receiveIds.footNotice}`}
        >
          Reject whole manifest
        </button>
        <button class="rx-btn" data-action="pause" hx-post="/receive/pause" hx-target={`#${receiveIds.footNotice}`}>
          Set aside
        </button>
        <span id={receiveIds.labels} sse-swap={receiveIds.labels}>
          <ReceiveLabels jobs={v.labels} />
        </span>
        <a class="rx-btn" href="/">
          Home
        </a>
      </div>
    </div>
  );
}

function ClosedSummary({ s }: { s: ReceivingState }) {
  const lines = s.order.map((l) => s.lines[l]!.decision).filter((d) => d !== undefined);
  const accepted = lines.filter((d) => d.decision !== "reject").length;
  return (
    <div class={`rx-closed rx-closed-${s.status}`} data-closed={s.status} data-manifest={s.manifest.manifestNumber}>
      {s.status === "completed" ? (
        <>
          Manifest {s.manifest.manifestNumber} completed: {accepted} accepted, {lines.length - accepted} to quarantine.
          The hub prepares the METRC receiving checklist.
        </>
      ) : (
        <>
          Manifest {s.manifest.manifestNumber} rejected: {s.rejectReason}
        </>
      )}
    </div>
  );
}

/** Manifests the hub offers arrive as commands; the list looks again every this many seconds. */
const LIST_REFRESH_S = 10;

/** The manifest set aside, on top of the list: resumed where it stood. */
function SetAside({ s }: { s: ReceivingState }) {
  const p = progress(s);
  return (
    <div class="rx-set-aside" data-set-aside={s.manifest.manifestNumber}>
      <span>
        Set aside: <b>manifest {s.manifest.manifestNumber}</b> · {s.manifest.shipperName} · {p.scanned} of {p.total}{" "}
        scanned, {p.decided} decided
      </span>
      <button
        class="rx-btn rx-btn-accept"
        data-action="resume"
        hx-post="/receive/resume"
        hx-target={`#${receiveIds.notice}`}
      >
        Resume
      </button>
    </div>
  );
}

function ManifestList({ v }: { v: ReceiveView }) {
  const aside = v.state?.paused ? v.state : null;
  return (
    <div class="rx" hx-get="/receive" hx-trigger={`every ${LIST_REFRESH_S}s`} hx-target={`#${receiveIds.page}`}>
      <h2>Receive a manifest</h2>
      {v.closed ? <ClosedSummary s={v.closed} /> : ""}
      <div id={receiveIds.notice} class="rx-notice-slot"></div>
      {aside ? <SetAside s={aside} /> : ""}
      {v.manifests.length === 0 ? (
        <p class="rx-hint" data-manifests="0">
          No manifest is waiting for this vault.
        </p>
      ) : (
        <ul class="rx-manifests" data-manifests={String(v.manifests.length)}>
          {v.manifests
            .filter((m) => m.manifestNumber !== aside?.manifest.manifestNumber)
            .map((m) => (
              <li>
                <button
                  class="rx-btn rx-manifest"
                  data-manifest={m.manifestNumber}
                  hx-post="/receive/open"
                  hx-vals={JSON.stringify({ manifestNumber: m.manifestNumber })}
                  hx-target={`#${receiveIds.notice}`}
                >
                  <b>{m.manifestNumber}</b> · {m.shipperName} · {m.lines.length} packages
                  {m.arrival ? ` · arriving ${facilityDateTime(m.arrival, v.timeZone)}` : ""}
                </button>
              </li>
            ))}
        </ul>
      )}
      <a class="rx-btn" href="/">
        Home
      </a>
    </div>
  );
}

/**
 * Signed out (or signed in as someone who may not receive): the sign-in screen only. No manifest,
 * decision, scan or vault location of the previous person stays on screen; a scan made here is
 * recorded as a plain scan and said to be so.
 */
function SignInFirst({ v }: { v: ReceiveView }) {
  const why = v.access.ok ? "" : v.access.reason;
  return (
    <div class="rx rx-signed-out" data-signed-out="true">
      <h2>Sign in to receive</h2>
      <p class="rx-sign-in-how">{v.signedIn ? `${why}.` : "Scan your badge, then type your PIN on the pad."}</p>
      {v.plainScan ? (
        <div class="rx-notice" role="alert" data-notice="signed-out" data-plain-scan={v.plainScan.code}>
          Scan {v.plainScan.code} recorded as a plain scan, not received: sign in to receive.
          <audio src="/receive/tone/bad.wav" autoplay />
        </div>
      ) : (
        ""
      )}
      <a class="rx-btn" href="/">
        Home
      </a>
    </div>
  );
}

/** The part swapped on a session change: sign-in, the open receiving, or the manifests to choose from. */
export function ReceiveBody({ v }: { v: ReceiveView }) {
  if (!v.access.ok) return <SignInFirst v={v} />;
  return v.state && !v.state.paused ? <ReceiveSession v={v} state={v.state} /> : <ManifestList v={v} />;
}

/**
 * GET /receive: header, banner, the device strip (is the scale there, settled?) and the PIN pad
 * from the kiosk stream; the receiving body from its own.
 */
export function ReceivePage(p: {
  header: HeaderProps;
  banner: Banner | null;
  view: ReceiveView;
  devices: readonly DeviceStatus[];
  signIn: SignInView;
}) {
  return (
    <div class="kiosk kiosk-receive">
      <ReceiveStyle />
      <header id={ids.header} class="kiosk-header" sse-swap={sseEvents.header}>
        <KioskHeader {...p.header} />
      </header>
      <div id={ids.banner} class="banner-slot" sse-swap={sseEvents.banner}>
        <KioskBanner banner={p.banner} />
      </div>
      <div class="rx-stream" hx-ext="sse" sse-connect="/receive/events">
        <div id={receiveIds.page} sse-swap={receiveIds.page}>
          <ReceiveBody v={p.view} />
        </div>
      </div>
      <div id={ids.devices} class="rx-devices" sse-swap={sseEvents.devices}>
        <DeviceList devices={p.devices} />
      </div>
      {/* A badge scanned here (after an idle sign-out) opens the PIN pad over the screen. */}
      <div id={ids.signIn} class="rx-sign-in" sse-swap={sseEvents.signIn}>
        <SignInPanel view={p.signIn} />
      </div>
    </div>
  );
}
