import { fileURLToPath } from "node:url";

/** This folder, for hub/store/migrate.ts (ids 0600–0699). */
export const investigationsMigrations = fileURLToPath(new URL(".", import.meta.url));
