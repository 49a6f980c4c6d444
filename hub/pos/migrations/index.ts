import { fileURLToPath } from "node:url";

/** This folder: POS import's migrations (0400–0499) (see hub/store/migrate.ts for the rules). */
export const posMigrations = fileURLToPath(new URL(".", import.meta.url));
