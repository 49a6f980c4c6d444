import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { loadConfig, startStation } from "./main.js";
import { useBrokerRig } from "./testing/broker.js";
import { quietLog } from "./testing/helpers.js";

const rig = useBrokerRig();

/** One of this machine's own non-loopback IPv4 addresses: a place where the LAN would reach the kiosk. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
if (!lanAddress)
  console.warn("station listen: this machine has no non-loopback IPv4 address, so the LAN checks are skipped");

/** True when a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    sock.once("connect", () => {
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => resolve(false));
  });
}

async function start(env: Record<string, string>) {
  const cfg = loadConfig({
    STATION_PORT: "0",
    MQTT_URL: rig.broker.url,
    STATION_DATA_DIR: rig.dir,
    SITE_ID: "test-site",
    ...env,
  });
  const station = await startStation(cfg, { log: quietLog });
  rig.closers.push(() => station.stop());
  return { cfg, station };
}

describe.skipIf(!lanAddress)("where the station listens", () => {
  it("binds 127.0.0.1 only by default: the kiosk answers on loopback and not on the LAN address", async () => {
    const { cfg, station } = await start({});
    expect(cfg.host).toBe("127.0.0.1");
    expect(await reachable("127.0.0.1", station.port)).toBe(true);
    expect(await reachable(lanAddress!, station.port)).toBe(false);
  });

  it("opens to the network when STATION_HOST says so", async () => {
    const { station } = await start({ STATION_HOST: "0.0.0.0" });
    expect(await reachable(lanAddress!, station.port)).toBe(true);
  });
});
