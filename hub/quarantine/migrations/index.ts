import { fileURLToPath } from "node:url";

/** This folder: quarantine's migrations (0850–0899) (see hub/store/migrate.ts for the rules). */
export const quarantineMigrations = fileURLToPath(new URL(".", import.meta.url));
