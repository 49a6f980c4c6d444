import { zoneName } from "#contract/facility-time.js";

/** What the header shows: who is signed in, the workflows' links and the link to the hub. */
export interface HeaderProps {
  /** One link per workflow (its tile's title and path). */
  nav?: ReadonlyArray<{ name: string; title: string; path: string }>;
  stationId: string;
  signedIn: { name: string } | null;
  hubConnected: boolean;
  /** Connected, but no ack for a while: the hub behind the broker is not storing. */
  hubAnswering: boolean;
  outboxDepth: number;
  /** The facility's zone: the page's one label for the times on it. */
  timeZone?: string;
}

const linkWords = { online: "Hub online", offline: "Hub offline", stalled: "Hub not answering" } as const;

/** The header: station, who is signed in, hub link and what is still to send. */
export function KioskHeader(p: HeaderProps) {
  const link = !p.hubConnected ? "offline" : p.hubAnswering ? "online" : "stalled";
  return (
    <>
      <span class="station-name">{p.stationId}</span>
      {p.timeZone ? (
        <small class="tz" data-time-zone={p.timeZone}>
          Times in {zoneName(p.timeZone)}
        </small>
      ) : (
        ""
      )}
      <nav class="kiosk-nav">
        {(p.nav ?? []).map((t) => (
          <a class="nav-link" href={t.path} data-nav={t.name}>
            {t.title}
          </a>
        ))}
      </nav>
      <span class={p.signedIn ? "who who-in" : "who who-out"}>
        {p.signedIn ? p.signedIn.name : "Not signed in: scan your badge"}
      </span>
      <span class={`hub hub-${link}`}>
        {linkWords[link]}
        <small class="outbox-depth">{p.outboxDepth === 0 ? "all sent" : `${p.outboxDepth} to send`}</small>
      </span>
    </>
  );
}
