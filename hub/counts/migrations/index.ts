import { fileURLToPath } from "node:url";

/** This folder: the counts' migrations (0700–0799) (see hub/store/migrate.ts for the rules). */
export const countsMigrations = fileURLToPath(new URL(".", import.meta.url));
