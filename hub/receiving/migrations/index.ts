import { fileURLToPath } from "node:url";

/** This folder: receiving's migrations (0300–0399) (see hub/store/migrate.ts for the rules). */
export const receivingMigrations = fileURLToPath(new URL(".", import.meta.url));
