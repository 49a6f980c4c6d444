import { parseArgs } from "node:util";
import { exportRange } from "../audit/range.js";
import { loadConfig } from "../config.js";
import { appendAudit } from "../ledger/audit.js";
import { exportAudit, verifyAudit } from "../ledger/audit-export.js";
import type { AuditFault } from "../ledger/audit-chain.js";
import { migrateLedger } from "../store/migrate.js";
import { openLedger } from "../store/open.js";
import { cliActor } from "./actor.js";
import type { CliIo, HubCommand } from "./types.js";

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
  });
  if (!values.out) {
    io.err("audit export: --out FILE is required");
    return 2;
  }
  const cfg = loadConfig(io.env);
  // Dates are facility-local days (the default site's time zone), both included.
  const zone = cfg.sites[0]!.timeZone;
  const picked = exportRange(values.from, values.to, zone, { from: "--from", to: "--to" });
  if ("error" in picked) {
    io.err(`audit export: ${picked.error}`);
    return 2;
  }
  const ledger = openLedger({
    dbUrl: cfg.HUB_DB_URL,
    dataDir: cfg.HUB_DATA_DIR,
    ...(cfg.HUB_DB_SCHEMA ? { pgSchema: cfg.HUB_DB_SCHEMA } : {}),
  });
  try {
    await migrateLedger(ledger.db, { pgSchema: ledger.pgSchema, defaultSiteId: cfg.sites[0]!.id });
    // The export is itself audited, before it is read, so the file holds its own entry when its range does.
    await appendAudit(ledger.db, {
      actor: cliActor(),
      action: "audit.exported",
      subject: "audit trail",
      detail: { from: values.from ?? null, to: values.to ?? null, timeZone: zone, via: "cli", file: values.out },
    });
    const n = await exportAudit(ledger.db, values.out, picked.range);
    io.out(`exported ${n.entries} audit entries and ${n.records} records they cover to ${values.out}`);
    return 0;
  } finally {
    await ledger.close();
  }
}

/** The first bad line of an export, as one line for a person. */
function faultLine(v: AuditFault): string {
  const what = v.record ? `${v.record.kind} ${v.record.id} of entry ${v.seq ?? "?"}` : `entry ${v.seq ?? "?"}`;
  return `tampered: ${what} (line ${v.line}): ${v.reason}`;
}

async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const file = args[0];
  if (!file) {
    io.err("audit verify: name the exported FILE");
    return 2;
  }
  const verdict = await verifyAudit(file);
  if (verdict.ok) {
    io.out(`intact: ${verdict.entries} entries and ${verdict.records} records, hash chain unbroken`);
    return 0;
  }
  io.out(faultLine(verdict));
  return 1;
}

/** `audit export --out FILE [--from DATE --to DATE]`, `audit verify FILE` (exit 0 intact, 1 tampered). */
export const auditCommand: HubCommand = {
  summary: "audit export --out FILE [--from DATE --to DATE] | audit verify FILE",
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === "export") return exportCommand(rest, io);
    if (sub === "verify") return verifyCommand(rest, io);
    io.err(`usage: vaultline-hub ${this.summary}`);
    return 2;
  },
};
