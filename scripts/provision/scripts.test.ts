import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The provisioning and backup shell scripts parse, and their shared helpers do what they say. */
const HERE = new URL("./", import.meta.url).pathname;
const BACKUP = new URL("../backup/", import.meta.url).pathname;
const scripts = [
  ...readdirSync(HERE)
    .filter((f) => f.endsWith(".sh"))
    .map((f) => join(HERE, f)),
  ...readdirSync(BACKUP)
    .filter((f) => f.endsWith(".sh"))
    .map((f) => join(BACKUP, f)),
];
const shellcheck = !spawnSync("shellcheck", ["--version"]).error;
if (!shellcheck)
  console.warn("shellcheck lint skipped: shellcheck is not installed (apt-get install shellcheck); bash -n still runs");

const bash = (script: string, env: Record<string, string> = {}) =>
  execFileSync("bash", ["-c", script], { encoding: "utf8", env: { ...process.env, ...env } });

describe("shell scripts", () => {
  it.each(scripts.map((s) => [s.replace(/.*scripts\//, "scripts/"), s]))("%s parses", (_name, path) => {
    const r = spawnSync("bash", ["-n", path], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.skipIf(!shellcheck)("pass shellcheck", () => {
    const r = spawnSync("shellcheck", ["-x", "-S", "warning", ...scripts], { encoding: "utf8" });
    expect(r.stdout).toBe("");
  });
});

describe("set_env", () => {
  it("replaces an existing key in place and appends a new one", () => {
    const file = join(mkdtempSync(join(tmpdir(), "vl-env-")), "station.env");
    writeFileSync(file, "# comment\nSTATION_ID=\nMQTT_URL=mqtts://hub.local:8883\n");
    bash(`. ${HERE}common.sh; set_env "$F" STATION_ID vault-1; set_env "$F" MQTT_PASSWORD 'a=b-c'`, { F: file });
    expect(readFileSync(file, "utf8")).toBe(
      "# comment\nSTATION_ID=vault-1\nMQTT_URL=mqtts://hub.local:8883\nMQTT_PASSWORD=a=b-c\n",
    );
  });
});

describe("release switching", () => {
  it("points the current link at a release in one rename and prunes all but the newest, keeping the current one", () => {
    const root = mkdtempSync(join(tmpdir(), "vl-rel-"));
    const releases = join(root, "releases");
    const names = ["20260101T000000Z", "20260201T000000Z", "20260301T000000Z", "20260401T000000Z", "20260501T000000Z"];
    for (const n of names) mkdirSync(join(releases, n), { recursive: true });
    const env = { VAULTLINE_RELEASES: releases, VAULTLINE_CURRENT: join(root, "current") };
    bash(`. ${HERE}release.sh; switch_release "$VAULTLINE_RELEASES/20260101T000000Z"; prune_releases 2`, env);
    expect(readlinkSync(join(root, "current"))).toBe(join(releases, "20260101T000000Z"));
    expect(readdirSync(releases).sort()).toEqual(["20260101T000000Z", "20260401T000000Z", "20260501T000000Z"]);
  });
});
