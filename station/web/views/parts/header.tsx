/** What the header shows: who is signed in and the link to the hub. */
export interface HeaderProps {
  stationId: string;
  signedIn: { name: string } | null;
  hubConnected: boolean;
  outboxDepth: number;
}

/** The header: station, who is signed in, hub link and what is still to send. */
export function KioskHeader(p: HeaderProps) {
  return (
    <>
      <span class="station-name">{p.stationId}</span>
      <nav class="kiosk-nav"><a class="nav-link" href="/receive" data-nav="receive">Receive</a></nav>
      <span class={p.signedIn ? "who who-in" : "who who-out"}>{p.signedIn ? p.signedIn.name : "Not signed in: scan your badge"}</span>
      <span class={p.hubConnected ? "hub hub-online" : "hub hub-offline"}>
        Hub {p.hubConnected ? "online" : "offline"}
        <small class="outbox-depth">{p.outboxDepth === 0 ? "all sent" : `${p.outboxDepth} to send`}</small>
      </span>
    </>
  );
}
