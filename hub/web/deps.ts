import type { Hono, MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.js";
import type { IngestStats } from "../ingest/ingest.js";
import type { Log } from "../log.js";
import type { SiteDirectory } from "../sites/directory.js";
import type { LedgerDialect } from "../store/open.js";
import type { Database } from "../store/database.js";
import type { LiveFeed } from "./live.js";
import type { NavLink } from "./views/layout.js";

/** Everything the hub's web app needs, injected by main.ts (or a test). */
export interface WebDeps {
  db: Kysely<Database>;
  dialect: LedgerDialect;
  log: Log;
  clock: Pick<Clock, "now">;
  /** The sites served; lists take `?site=`, and a picker shows when there are several. */
  sites: SiteDirectory;
  live: LiveFeed;
  /** The hub's broker link, for /api/health. */
  broker(): { connected: boolean; url: string; embedded: boolean };
  ingestStats(): IngestStats;
  /** HUB_API_TOKEN: accepted as a read-only bearer token on /api/*. */
  apiToken?: string | undefined;
  /** Logins: mounted on every path before the routes (it lets public paths through itself). */
  auth?: MiddlewareHandler;
  /** More route modules, mounted at their path (state system, logins, reports…). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's routes carry their own Env type
  extraRoutes?: { path: string; app: Hono<any> }[];
  /** Links in the dashboard header (e.g. the state-system screen). */
  nav?: NavLink[];
  /** FACILITY_TIME_ZONE (IANA): every time a person reads on the dashboard is shown in it. */
  timeZone?: string;
  /** SSE keep-alive comment interval, ms. */
  ssePingMs?: number;
}
