import { fileURLToPath } from "node:url";

/** This folder: restock's migrations (0800–0849) (see hub/store/migrate.ts for the rules). */
export const restockMigrations = fileURLToPath(new URL(".", import.meta.url));
