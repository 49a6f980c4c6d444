import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { eventCountForDisplay } from "../../ledger/events.js";
import { countCatalog } from "../../ledger/catalog.js";
import { countDeadLetters, latestDeadLetters } from "../../ledger/dead-letters.js";
import { listStations } from "../../ledger/stations.js";
import type { WebDeps } from "../deps.js";
import type { FeedEntry } from "../live.js";
import { sseEvents } from "../views/ids.js";
import { DeadLettersPage } from "../views/pages/dead-letters.js";
import { HomePage } from "../views/pages/home.js";
import { CountsPanel, type LedgerCounts } from "../views/parts/counts-panel.js";
import { DoorsPanel } from "../views/parts/doors-panel.js";
import { FeedRows } from "../views/parts/feed-row.js";
import { StationsPanel } from "../views/parts/stations-panel.js";

/** Collapse bursts of station changes into one re-render per client, ms. */
const STATIONS_THROTTLE_MS = 250;

async function ledgerCounts(deps: WebDeps): Promise<LedgerCounts> {
  const [events, catalog, deadLetters] = await Promise.all([eventCountForDisplay(deps.db), countCatalog(deps.db), countDeadLetters(deps.db)]);
  const { received, duplicates } = deps.ingestStats();
  return { events, ...catalog, deadLetters, received, duplicates };
}

/** The dashboard home, its parts, and the live SSE stream. */
export function dashboardRoutes(deps: WebDeps) {
  const countsPart = async () => {
    const [counts, latestDead] = await Promise.all([ledgerCounts(deps), latestDeadLetters(deps.db, 5)]);
    return <CountsPanel counts={counts} latestDead={latestDead} nowMs={deps.clock.now()} />;
  };
  const stationsPart = async () => <StationsPanel stations={await listStations(deps.db)} nowMs={deps.clock.now()} />;

  return new Hono()
    .get("/", async (c) => {
      const [stations, counts, latestDead] = await Promise.all([listStations(deps.db), ledgerCounts(deps), latestDeadLetters(deps.db, 5)]);
      return c.render(<HomePage stations={stations} counts={counts} latestDead={latestDead} feed={deps.live.recent()} doors={deps.live.doors()} nowMs={deps.clock.now()} />);
    })
    .get("/dead-letters", async (c) => {
      const [letters, total, stations] = await Promise.all([latestDeadLetters(deps.db, 100), countDeadLetters(deps.db), listStations(deps.db)]);
      return c.render(<DeadLettersPage letters={letters} total={total} nowMs={deps.clock.now()} stations={stations} />);
    })
    .get("/parts/counts", async (c) => c.html(await countsPart()))
    .get("/parts/stations", async (c) => c.html(await stationsPart()))
    .get("/events", (c) =>
      streamSSE(c, async (stream) => {
        let stationsTimer: NodeJS.Timeout | null = null;
        const onScans = (entries: FeedEntry[]) => {
          void stream.writeSSE({ event: sseEvents.scan, data: (<FeedRows entries={entries} />).toString() });
        };
        const onStations = () => {
          if (stationsTimer) return;
          stationsTimer = setTimeout(async () => {
            stationsTimer = null;
            const html = (await stationsPart().catch(() => null))?.toString();
            if (html) await stream.writeSSE({ event: sseEvents.stations, data: html });
          }, STATIONS_THROTTLE_MS);
        };
        const onDoors = () => {
          void stream.writeSSE({ event: sseEvents.doors, data: (<DoorsPanel doors={deps.live.doors()} nowMs={deps.clock.now()} />).toString() });
        };
        deps.live.events.on("scans", onScans);
        deps.live.events.on("stations", onStations);
        deps.live.events.on("doors", onDoors);
        const ping = setInterval(() => void stream.write(": ping\n\n"), deps.ssePingMs ?? 15_000);
        await new Promise<void>((resolve) => stream.onAbort(resolve));
        clearInterval(ping);
        if (stationsTimer) clearTimeout(stationsTimer);
        deps.live.events.off("scans", onScans);
        deps.live.events.off("stations", onStations);
        deps.live.events.off("doors", onDoors);
      }),
    );
}
