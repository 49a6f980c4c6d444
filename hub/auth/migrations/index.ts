import { fileURLToPath } from "node:url";

/** This folder: the logins' migrations (0200–0299) (see hub/store/migrate.ts for the rules). */
export const authMigrations = fileURLToPath(new URL(".", import.meta.url));
