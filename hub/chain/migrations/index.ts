import { fileURLToPath } from "node:url";

/** This folder: the chain's migrations (1100–1199) (see hub/store/migrate.ts for the rules). */
export const chainMigrations = fileURLToPath(new URL(".", import.meta.url));
