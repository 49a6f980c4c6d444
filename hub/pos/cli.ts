/**
 * `vaultline-hub pos import --format dutchie|flowhub|csv [--mapping NAME] [--site ID] FILE`:
 * prints one JSON object {file, format, rows, imported, alreadyImported, errors:[{row, reason}]};
 * exit 0 when the file landed (or was already in), 1 when refused (nothing written), 2 on usage.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { CliIo, HubCommand } from "#hub/cli/types.js";
import { systemClock } from "#hub/clock.js";
import { loadConfig } from "#hub/config.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { posSiteOf, posSlice, type PosConfig } from "./config.js";
import { importSales, landed } from "./import-service.js";
import { posFormats, type PosFormat } from "./sale-line.js";

const SUMMARY = "pos import --format dutchie|flowhub|csv [--mapping NAME] [--site ID] FILE";

interface ImportArgs {
  format: PosFormat;
  mapping: string | undefined;
  site: string;
  ledgerSite: string;
  timeZone: string;
  file: string;
}

function readArgs(args: string[], pos: PosConfig): ImportArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: "string" }, mapping: { type: "string" }, site: { type: "string" } },
    });
  } catch (err) {
    return (err as Error).message;
  }
  const { values, positionals } = parsed;
  if (!values.format || !(posFormats as readonly string[]).includes(values.format))
    return `--format must be one of ${posFormats.join(", ")}`;
  if (positionals.length !== 1) return "name exactly one FILE to import";
  const site = posSiteOf(pos, values.site);
  if ("reason" in site) return site.reason;
  return { format: values.format as PosFormat, mapping: values.mapping, ...site, file: positionals[0]! };
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const cfg = loadConfig(io.env);
  const a = readArgs(args, posSlice(cfg));
  if (typeof a === "string") {
    io.err(`pos import: ${a}\nusage: vaultline-hub ${SUMMARY}`);
    return 2;
  }
  const text = await readFile(a.file, "utf8").catch((err: NodeJS.ErrnoException) => err);
  if (typeof text !== "string") {
    io.err(`pos import: cannot read ${a.file}: ${text.code === "ENOENT" ? "no such file" : text.message}`);
    return 2;
  }
  const ledger = openLedger({
    dbUrl: cfg.HUB_DB_URL,
    dataDir: cfg.HUB_DATA_DIR,
    ...(cfg.HUB_DB_SCHEMA ? { pgSchema: cfg.HUB_DB_SCHEMA } : {}),
  });
  try {
    await migrateLedger(ledger.db, { pgSchema: ledger.pgSchema, defaultSiteId: cfg.sites[0]!.id });
    const report = await importSales(
      { db: ledger.db, timeZone: a.timeZone, ledgerSite: a.ledgerSite, clock: systemClock },
      {
        format: a.format,
        mapping: a.mapping,
        site: a.site,
        file: a.file,
        text,
        actor: "cli",
      },
    );
    io.out(JSON.stringify(report));
    return landed(report) ? 0 : 1;
  } finally {
    await ledger.close();
  }
}

/** The `pos` subcommand. */
export const posCommand: HubCommand = {
  summary: SUMMARY,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === "import") return importCommand(rest, io);
    io.err(`usage: vaultline-hub ${SUMMARY}`);
    return 2;
  },
};
