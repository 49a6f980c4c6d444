import { fileURLToPath } from "node:url";

/** This folder: the reports' migrations (1000–1099) (see hub/store/migrate.ts for the rules). */
export const reportsMigrations = fileURLToPath(new URL(".", import.meta.url));
