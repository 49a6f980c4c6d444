import { defineConfig } from "vitest/config";

/**
 * Three projects:
 * - unit: codecs, schemas, workflows, routes, drivers over mocks (milliseconds each)
 * - integration: station + hub against a real MQTT broker (aedes in process, or MQTT_URL)
 * - e2e: Debian's Chromium driven by playwright-core
 */
export default defineConfig({
  test: {
    reporters: ["default", "./scripts/test-summary-reporter.ts"],
    // One temporary root per run, removed at the end with anything a test left in it.
    globalSetup: ["./test/support/temp-root.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "contract/**/*.test.ts",
            "platform/**/*.test.ts",
            "station/**/*.test.{ts,tsx}",
            "hub/**/*.test.{ts,tsx}",
            "scripts/**/*.test.ts",
            "test/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          // Some component tests start a hub or a simulator: generous on a busy two-core CI machine.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
