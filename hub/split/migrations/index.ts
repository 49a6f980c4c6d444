import { fileURLToPath } from "node:url";

/** This folder: package splits' migrations (0950–0999) (see hub/store/migrate.ts for the rules). */
export const splitMigrations = fileURLToPath(new URL(".", import.meta.url));
