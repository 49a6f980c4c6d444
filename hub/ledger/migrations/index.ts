import { fileURLToPath } from "node:url";

/** This folder: the ledger's migrations (0001–0099) (see hub/store/migrate.ts for the rules). */
export const ledgerMigrations = fileURLToPath(new URL(".", import.meta.url));
