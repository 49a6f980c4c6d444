import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildDist } from "../../scripts/build.js";
import { freePort } from "../support/ports.js";
import { eventually, tempDir } from "../support/rig.js";

/**
 * The form systemd runs (VAULTLINE_DIST=1): `npm run build` writes plain JavaScript to dist/, and
 * both command-line entry points run from it without the TypeScript loader.
 */
const bin = (name: string) => fileURLToPath(new URL(`../../bin/${name}`, import.meta.url));
const run = promisify(execFile);

describe("the built services", () => {
  const data = tempDir("vaultline-dist-");
  afterAll(() => data.remove());

  it("build to dist/ and run from it", async () => {
    const built = await buildDist();
    expect(built.files).toBeGreaterThan(100);

    const hubHelp = await run(process.execPath, [bin("vaultline-hub.js"), "help"], {
      env: { ...process.env, VAULTLINE_DIST: "1" },
    });
    expect(hubHelp.stdout).toContain("usage: vaultline-hub");

    const port = await freePort();
    const station = spawn(process.execPath, [bin("vaultline-station.js")], {
      env: {
        ...process.env,
        VAULTLINE_DIST: "1",
        STATION_PORT: String(port),
        STATION_HOST: "127.0.0.1",
        STATION_DATA_DIR: data.dir,
        MQTT_URL: `mqtt://127.0.0.1:${await freePort()}`,
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    try {
      let status: { stationId?: string } = {};
      await eventually(
        async () => {
          status = await fetch(`http://127.0.0.1:${port}/api/status`).then(
            (r) => r.json() as Promise<{ stationId?: string }>,
            () => ({}),
          );
          return status.stationId !== undefined;
        },
        20_000,
        "the built station to answer",
      );
      expect(status.stationId).toBe("vault-1");
      const css = await fetch(`http://127.0.0.1:${port}/static/kiosk.css`);
      expect(css.status).toBe(200);
    } finally {
      station.kill("SIGTERM");
    }
  });
});
