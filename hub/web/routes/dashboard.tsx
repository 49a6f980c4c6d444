import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import { eventCountForDisplay } from "../../ledger/events.js";
import { countCatalog } from "../../ledger/catalog.js";
import { countDeadLetters, latestDeadLetters } from "../../ledger/dead-letters.js";
import { listStationsOfSites } from "../../ledger/stations.js";
import { chooseSites } from "../../sites/access.js";
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

async function ledgerCounts(deps: WebDeps, sites: readonly string[]): Promise<LedgerCounts> {
  const [events, catalog, deadLetters] = await Promise.all([
    eventCountForDisplay(deps.db),
    countCatalog(deps.db, sites),
    countDeadLetters(deps.db),
  ]);
  const { received, duplicates } = deps.ingestStats();
  return { events, ...catalog, deadLetters, received, duplicates };
}

/** `?site=` of the request, to carry into the parts' and the stream's URLs. */
function siteQuery(chosen: string | undefined): string {
  return chosen ? `?site=${encodeURIComponent(chosen)}` : "";
}

/**
 * The dashboard home, its parts, and the live SSE stream, each for the sites `?site=` names (or
 * every site the login may see): stations, catalog counts and scans of those sites. Event and
 * dead-letter counts are the hub's.
 */
export function dashboardRoutes(deps: WebDeps) {
  const countsPart = async (sites: readonly string[], chosen: string | undefined) => {
    const [counts, latestDead] = await Promise.all([ledgerCounts(deps, sites), latestDeadLetters(deps.db, 5)]);
    return <CountsPanel counts={counts} latestDead={latestDead} nowMs={deps.clock.now()} query={siteQuery(chosen)} />;
  };
  const stationsPart = async (sites: readonly string[]) => (
    <StationsPanel stations={await listStationsOfSites(deps.db, deps.sites, sites)} nowMs={deps.clock.now()} />
  );
  const refused = (c: Context, status: 403 | 404, error: string) => c.html(<p class="warn">{error}</p>, status);

  return new Hono()
    .get("/", async (c) => {
      const choice = chooseSites(c, deps.sites);
      if (!choice.ok) return refused(c, choice.status, choice.error);
      const [stations, counts, latestDead] = await Promise.all([
        listStationsOfSites(deps.db, deps.sites, choice.sites),
        ledgerCounts(deps, choice.sites),
        latestDeadLetters(deps.db, 5),
      ]);
      const feed = deps.live.recent().filter((e) => choice.sites.includes(e.site));
      const doors = deps.live.doors().filter((d) => choice.sites.includes(d.site));
      return c.render(
        <HomePage
          stations={stations}
          counts={counts}
          latestDead={latestDead}
          feed={feed}
          doors={doors}
          nowMs={deps.clock.now()}
          query={siteQuery(choice.chosen)}
        />,
      );
    })
    .get("/dead-letters", async (c) => {
      const choice = chooseSites(c, deps.sites);
      if (!choice.ok) return refused(c, choice.status, choice.error);
      const [letters, total, stations] = await Promise.all([
        latestDeadLetters(deps.db, 100),
        countDeadLetters(deps.db),
        listStationsOfSites(deps.db, deps.sites, choice.sites),
      ]);
      return c.render(<DeadLettersPage letters={letters} total={total} nowMs={deps.clock.now()} stations={stations} />);
    })
    .get("/parts/counts", async (c) => {
      const choice = chooseSites(c, deps.sites);
      return choice.ok
        ? c.html(await countsPart(choice.sites, choice.chosen))
        : refused(c, choice.status, choice.error);
    })
    .get("/parts/stations", async (c) => {
      const choice = chooseSites(c, deps.sites);
      return choice.ok ? c.html(await stationsPart(choice.sites)) : refused(c, choice.status, choice.error);
    })
    .get("/events", (c) => {
      const choice = chooseSites(c, deps.sites);
      if (!choice.ok) return refused(c, choice.status, choice.error);
      const sites = choice.sites;
      return streamSSE(c, async (stream) => {
        let stationsTimer: NodeJS.Timeout | null = null;
        const onScans = (all: FeedEntry[]) => {
          const entries = all.filter((e) => sites.includes(e.site));
          if (entries.length > 0)
            void stream.writeSSE({ event: sseEvents.scan, data: (<FeedRows entries={entries} />).toString() });
        };
        const onStations = () => {
          if (stationsTimer) return;
          stationsTimer = setTimeout(async () => {
            stationsTimer = null;
            const html = (await stationsPart(sites).catch(() => null))?.toString();
            if (html) await stream.writeSSE({ event: sseEvents.stations, data: html });
          }, STATIONS_THROTTLE_MS);
        };
        const onDoors = () => {
          const doors = deps.live.doors().filter((d) => sites.includes(d.site));
          void stream.writeSSE({
            event: sseEvents.doors,
            data: (<DoorsPanel doors={doors} nowMs={deps.clock.now()} />).toString(),
          });
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
      });
    });
}
