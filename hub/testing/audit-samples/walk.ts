/**
 * The shared shapes of the audit walk (hub/audit/every-action-audited.test.ts): the running hub
 * and its sign-ins a sample is built from, one sample request per write route, and a module's set
 * of samples with the step that prepares their data. See README.md here for how a module adds its own.
 */
import type { RunningHub } from "#hub/main.js";
import type { ServiceName, ServiceRegistry } from "#hub/modules.js";
import type { DemoStore } from "#hub/seed/demo-store.js";

/** A dashboard sign-in: its session cookie and the CSRF token its forms carry. */
export interface Session {
  cookie: string;
  csrf: string;
}

/** What the walk has to build samples from. */
export interface Walk {
  hub: RunningHub;
  /** The site the hub serves (one). */
  site: string;
  /** The demo store the ledger was seeded with (12 packages, their items). */
  store: DemoStore;
  /** The walker (an admin) the samples are sent as. */
  session: Session;
  /** A second person (the manager `peer`), for steps someone other than the walker must take. */
  peer: Session;
  /** An API token of the walker, for `bearer` samples. */
  token: string;
  /** The composed hub's services the sample sets declared in their `needs`. */
  services: ServiceRegistry;
  /** Ids a prepare step made, by a name its samples read. */
  ids: Record<string, string>;
  /** POSTs a form as the walker (or `as`) and answers the response; throws when it is refused (≥ 400). */
  post(path: string, fields?: Record<string, string>, as?: Session): Promise<Response>;
  /** GETs JSON as the walker; throws when refused. */
  getJson<T>(path: string): Promise<T>;
}

/** One request that succeeds on a route; `path` with its parameters filled in. */
export interface Sample {
  /** The HTTP method; POST when left out. */
  method?: "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: string | URLSearchParams | FormData;
  type?: string;
  /** Sent with the API token instead of the session. */
  bearer?: boolean;
  /** Sent without a session (the sign-in form). */
  anonymous?: boolean;
  /** Sent as the peer instead of the walker. */
  peer?: boolean;
}

/** A sample per write route, by `METHOD path` exactly as Hono lists it in `app.routes`. */
export type Samples = Record<string, (w: Walk) => Sample>;

/** One module's samples. */
export interface SampleSet {
  /** Services of the composed hub `prepare` calls (the walk's own module declares them in its `needs`). */
  needs?: readonly ServiceName[];
  /** Makes the data the samples need (a case, a hold, a request) through the module's service or routes. */
  prepare?(w: Walk): Promise<void>;
  samples: Samples;
}

/** A urlencoded form body. */
export const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields),
  type: "application/x-www-form-urlencoded",
});

/** The walker's (username `walker`) and the peer's (username `peer`) password. */
export const WALK_PASSWORD = "walk every route";
