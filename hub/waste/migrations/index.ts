import { fileURLToPath } from "node:url";

/** This folder: waste's migrations (0900–0949) (see hub/store/migrate.ts for the rules). */
export const wasteMigrations = fileURLToPath(new URL(".", import.meta.url));
