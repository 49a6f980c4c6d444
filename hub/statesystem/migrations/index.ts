import { fileURLToPath } from "node:url";

/** This folder: the state system's migrations (0100–0199) (see hub/store/migrate.ts for the rules). */
export const stateSystemMigrations = fileURLToPath(new URL(".", import.meta.url));
