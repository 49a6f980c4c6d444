import { writeFile, rename } from "node:fs/promises";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "#hub/store/database.js";
import type { Logger } from "pino";
import { StationIdSchema } from "#contract/ids.js";
import { renderAcl, renderPasswordFile } from "./mosquitto-files.js";
import { hashMosquittoPassword } from "./mosquitto-hash.js";
import { DEFAULT_SITE_ID } from "#hub/sites/site.js";
import { DEFAULT_PASSWORD_COST, type PasswordCost } from "./password.js";
import { createAuthService } from "./service.js";
import { createLoginGuard } from "./login-guard.js";
import { systemClock, type Clock } from "#hub/clock.js";
import { createAuthStore } from "./store.js";
import { newSecret } from "./tokens.js";
import { appendAudit } from "#hub/ledger/audit.js";
import { cliActor } from "#hub/cli/actor.js";

export interface AuthCliDeps {
  /** The hub's Kysely handle, migrated. */
  db: Kysely<Database>;
  log: Logger;
  /** Where the JSON result goes (stdout). */
  out: (line: string) => void;
  /** Where errors go (stderr). */
  err: (line: string) => void;
  /** The hub's own MQTT login; a station may not take its username. */
  hubMqtt?: { username: string; password: string } | undefined;
  /** The ids of the sites the hub serves, which `--sites` may name (default: the one default site). */
  siteIds?: readonly string[];
  clock?: Pick<Clock, "now">;
  /** Reads a password without echo (user passwd); tests pass a fixed one. */
  readPassword?: () => Promise<string>;
  passwordCost?: PasswordCost;
  /** Who runs the command, for the audit trail (default `cli:<login>`). */
  actor?: string;
}

const STATION_USAGE = "usage: station add <id> [--rotate] | station list | station mosquitto-files --out DIR";

/** Writes a file next to its final name and renames it, so a broker never reads half a file. */
async function writeAtomic(path: string, text: string, mode: number): Promise<void> {
  await writeFile(`${path}.tmp`, text, { mode });
  await rename(`${path}.tmp`, path);
}

async function stationAdd(args: string[], deps: AuthCliDeps): Promise<number> {
  const store = createAuthStore(deps.db);
  const id = StationIdSchema.safeParse(args[0]);
  if (!id.success) {
    deps.err(`station add: ${id.error.issues[0]?.message ?? "bad station id"}`);
    return 2;
  }
  if (deps.hubMqtt && id.data === deps.hubMqtt.username) {
    deps.err(`station add: "${id.data}" is the hub's MQTT username; pick another station id`);
    return 2;
  }
  const existing = (await store.listStationCredentials()).some((c) => c.station_id === id.data);
  if (existing && !args.includes("--rotate")) {
    deps.err(`station add: station "${id.data}" already has credentials; pass --rotate to issue a new password`);
    return 1;
  }
  const password = newSecret();
  const passwordHash = await hashMosquittoPassword(password);
  const nowMs = (deps.clock ?? systemClock).now();
  await store.atomically(async (s, trx) => {
    // The username is the station id: the broker ACL confines each station with one %u pattern.
    await s.putStationCredential({ stationId: id.data, username: id.data, passwordHash, nowMs });
    await appendAudit(trx, {
      actor: deps.actor ?? cliActor(),
      action: existing ? "station.credentials.rotated" : "station.credentials.issued",
      subject: id.data,
      at: new Date(nowMs).toISOString(),
    });
  });
  deps.log.info({ stationId: id.data, rotated: existing }, "station MQTT credentials issued");
  deps.out(JSON.stringify({ id: id.data, username: id.data, password }));
  return 0;
}

/**
 * `vaultline-hub station …`: `add <id>` issues a station's MQTT credentials and prints
 * `{"id","username","password"}` (the only time the password is shown); `list` prints the ids;
 * `mosquitto-files --out DIR` writes `passwd` and `acl` for a production Mosquitto.
 * `argv` is what follows `station`. Resolves to the process exit code.
 */
export async function runStationAddCli(argv: string[], deps: AuthCliDeps): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "add") return stationAdd(rest, deps);
  const store = createAuthStore(deps.db);
  if (sub === "list") {
    for (const c of await store.listStationCredentials())
      deps.out(JSON.stringify({ id: c.station_id, username: c.username, createdAt: c.created_at }));
    return 0;
  }
  if (sub === "mosquitto-files") {
    const outAt = rest.indexOf("--out");
    const dir = outAt >= 0 ? rest[outAt + 1] : undefined;
    if (!dir || !deps.hubMqtt) {
      deps.err(
        !dir ? STATION_USAGE : "station mosquitto-files: set MQTT_USERNAME and MQTT_PASSWORD (the hub's broker login)",
      );
      return 2;
    }
    await writeAtomic(join(dir, "passwd"), await renderPasswordFile(store, deps.hubMqtt), 0o640);
    await writeAtomic(join(dir, "acl"), renderAcl(deps.hubMqtt.username), 0o644);
    await appendAudit(deps.db, {
      actor: deps.actor ?? cliActor(),
      action: "station.broker-files.written",
      subject: dir,
    });
    deps.out(JSON.stringify({ passwd: join(dir, "passwd"), acl: join(dir, "acl") }));
    return 0;
  }
  deps.err(STATION_USAGE);
  return 2;
}

const USER_USAGE =
  "usage: user passwd <employeeId> <username> [--sites ID,ID | --all-sites]   (password read from stdin)\n" +
  "       user sites <employeeId> (--sites ID,ID | --all-sites)";

/** The sites flag: `--sites a,b` (each a site the hub serves), `--all-sites`, or neither (undefined). */
function sitesFlag(
  args: string[],
  served: readonly string[],
): { sites: readonly string[] | null | undefined; rest: string[] } | { error: string } {
  const at = args.indexOf("--sites");
  const all = args.includes("--all-sites");
  if (at >= 0 && all) return { error: "give --sites or --all-sites, not both" };
  const rest = args.filter((a, i) => a !== "--all-sites" && (at < 0 || (i !== at && i !== at + 1)));
  if (all) return { sites: null, rest };
  if (at < 0) return { sites: undefined, rest };
  const ids = [
    ...new Set(
      (args[at + 1] ?? "")
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) return { error: "--sites needs site ids, separated by commas" };
  const unknown = ids.filter((id) => !served.includes(id));
  if (unknown.length > 0)
    return { error: `no site ${unknown.map((u) => `"${u}"`).join(", ")} here: this hub serves ${served.join(", ")}` };
  return { sites: ids, rest };
}

/**
 * `vaultline-hub user passwd <employeeId> <username> [--sites A,B | --all-sites]`: gives an
 * employee a dashboard login (the first admin is created this way), limited to the sites named
 * (a new login sees every site unless `--sites` says otherwise; an existing one keeps its limit).
 * The password is read from the terminal, never from argv, so it does not land in shell history.
 * `vaultline-hub user sites <employeeId> --sites A,B | --all-sites` changes the limit alone.
 * `argv` is what follows `user`.
 */
export async function runUserPasswordCli(argv: string[], deps: AuthCliDeps): Promise<number> {
  const [sub, ...args] = argv;
  const flag = sitesFlag(args, deps.siteIds ?? [DEFAULT_SITE_ID]);
  if ("error" in flag) {
    deps.err(`user ${sub ?? ""}: ${flag.error}`);
    return 2;
  }
  const [employeeId, username] = flag.rest;
  const clock = deps.clock ?? systemClock;
  const store = createAuthStore(deps.db);
  const service = createAuthService({
    store,
    clock,
    log: deps.log,
    guard: createLoginGuard({ store, clock }),
    passwordCost: deps.passwordCost ?? DEFAULT_PASSWORD_COST,
  });
  if (sub === "sites" && employeeId && flag.rest.length === 1 && flag.sites !== undefined) {
    try {
      await service.setSites(employeeId, flag.sites, deps.actor ?? cliActor());
    } catch (e) {
      deps.err(`user sites: ${(e as Error).message}`);
      return 1;
    }
    deps.out(JSON.stringify({ employeeId, sites: flag.sites }));
    return 0;
  }
  if (sub !== "passwd" || !employeeId || !username || flag.rest.length !== 2 || !deps.readPassword) {
    deps.err(USER_USAGE);
    return 2;
  }
  try {
    await service.setPassword(employeeId, username, await deps.readPassword(), {
      by: deps.actor ?? cliActor(),
      ...(flag.sites === undefined ? {} : { sites: flag.sites }),
    });
  } catch (e) {
    deps.err(`user passwd: ${(e as Error).message}`);
    return 1;
  }
  deps.out(JSON.stringify({ employeeId, username, ...(flag.sites !== undefined ? { sites: flag.sites } : {}) }));
  return 0;
}
