import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { exportAudit, verifyAudit } from "../ledger/audit.js";
import { migrateLedger } from "../store/migrate.js";
import { openLedger } from "../store/open.js";
import type { CliIo, HubCommand } from "./types.js";

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
  });
  if (!values.out) {
    io.err("audit export: --out FILE is required");
    return 2;
  }
  for (const [name, v] of [
    ["--from", values.from],
    ["--to", values.to],
  ] as const) {
    if (v !== undefined && !DATE.test(v)) {
      io.err(`audit export: ${name} takes a date like 2026-11-01, not "${v}"`);
      return 2;
    }
  }
  const cfg = loadConfig(io.env);
  const ledger = openLedger({
    dbUrl: cfg.HUB_DB_URL,
    dataDir: cfg.HUB_DATA_DIR,
    ...(cfg.HUB_DB_SCHEMA ? { pgSchema: cfg.HUB_DB_SCHEMA } : {}),
  });
  try {
    await migrateLedger(ledger.db, { pgSchema: ledger.pgSchema, defaultSiteId: cfg.sites[0]!.id });
    const n = await exportAudit(ledger.db, values.out, {
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
    });
    io.out(`exported ${n} audit entries to ${values.out}`);
    return 0;
  } finally {
    await ledger.close();
  }
}

async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const file = args[0];
  if (!file) {
    io.err("audit verify: name the exported FILE");
    return 2;
  }
  const verdict = await verifyAudit(file);
  if (verdict.ok) {
    io.out(`intact: ${verdict.entries} entries, hash chain unbroken`);
    return 0;
  }
  io.out(`tampered: entry ${verdict.seq ?? "?"} (line ${verdict.line}): ${verdict.reason}`);
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
