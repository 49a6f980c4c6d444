import { fileURLToPath } from "node:url";

/** This folder: reconciliation's migrations (0500–0599) (see hub/store/migrate.ts for the rules). */
export const reconcileMigrations = fileURLToPath(new URL(".", import.meta.url));
