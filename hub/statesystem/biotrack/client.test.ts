import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "#hub/testing/clock.js";
import { StateSystemError } from "../errors.js";
import type { RequestRecord } from "../request-record.js";
import { collect } from "#hub/testing/metrc-rig.js";
import { BioTrackStateSystem } from "./client.js";
import { BIOTRACK_SESSION_MS, startBioTrackSimulator } from "./sim.js";

const LOT_A = "7288034569537775";
const LOT_B = "0000000090000178";

describe("BioTrack client against its simulator", () => {
  let clock: FakeClock;
  let sim: Awaited<ReturnType<typeof startBioTrackSimulator>>;
  let client: BioTrackStateSystem;
  let log: RequestRecord[];
  beforeEach(async () => {
    clock = new FakeClock();
    sim = await startBioTrackSimulator({
      port: 0,
      clock,
      seed: {
        license: "999999",
        username: "hub",
        password: "s3cret-pass",
        rooms: ["Vault", "Sales Floor"],
        inventory: [
          { id: LOT_A, productname: "Blue Dream 3.5g", inventorytype: "28", quantity: 20, uom: "ea", room: "Vault" },
          { id: LOT_B, productname: "OG Kush Bulk", inventorytype: "28", quantity: 100, uom: "g", room: "Vault" },
        ],
      },
    });
    log = [];
    client = new BioTrackStateSystem(
      { url: sim.url, license: "999999", username: "hub", password: "s3cret-pass", timeZone: "America/Los_Angeles" },
      { clock, log: pino({ level: "silent" }), requestLog: (r) => void log.push(r) },
    );
    clock.advance(1000);
  });
  afterEach(() => sim.stop());

  it("logs in once and syncs inventory and rooms in the hub's terms", async () => {
    const pkgs = await collect(client.packages("active", { until: new Date(clock.now()) }));
    expect(pkgs.find((p) => p.label === LOT_B)).toMatchObject({
      itemName: "OG Kush Bulk",
      quantity: 100,
      unit: "Grams",
      location: "Vault",
    });
    expect((await collect(client.locations())).map((l) => l.name)).toEqual(["Vault", "Sales Floor"]);
    expect(log.filter((r) => r.path === "login")).toHaveLength(1);
  });

  it("adjusts, moves, and dispenses and voids a sale", async () => {
    await client.submit({
      kind: "adjustment",
      label: LOT_B,
      quantity: -2.5,
      unit: "Grams",
      reason: "Damaged",
      date: "2026-11-27",
      note: "torn bag",
    });
    await client.submit({ kind: "location-move", label: LOT_B, location: "Sales Floor", date: "2026-11-27" });
    const sale = await client.submit({
      kind: "receipt",
      externalNumber: "R-9",
      soldAt: "2026-11-27T20:00:00Z",
      customerType: "Consumer",
      lines: [{ label: LOT_A, quantity: 2, unit: "Each", totalAmount: 70 }],
    });
    expect(sim.state.lots.get(LOT_B)).toMatchObject({ remaining_quantity: 97.5, currentroom: "Sales Floor" });
    expect(sim.state.lots.get(LOT_A)!.remaining_quantity).toBe(18);
    await client.submit({ kind: "receipt-void", externalNumber: "R-9", stateId: sale.stateIds[0]! });
    expect(sim.state.lots.get(LOT_A)!.remaining_quantity).toBe(20);
  });

  it("turns {success: 0} into a typed error with BioTrack's message and code", async () => {
    const e = (await client
      .submit({
        kind: "adjustment",
        label: LOT_A,
        quantity: -50,
        unit: "Each",
        reason: "Theft",
        date: "2026-11-27",
        note: "x",
      })
      .catch((x) => x)) as StateSystemError;
    expect(e).toBeInstanceOf(StateSystemError);
    expect(e.code).toBe("UPSTREAM_REJECTED");
    expect(e.message).toMatch(/below zero.*error 606/);
  });

  it("refuses package creation plainly, sending nothing", async () => {
    const before = sim.state.lots.get(LOT_A)!.remaining_quantity;
    const e = (await client
      .submit({
        kind: "package-create",
        label: LOT_A,
        itemName: "x",
        location: "Vault",
        date: "2026-11-27",
        packages: [{ label: "0000000090009001", quantity: 2, unit: "Each" }],
      })
      .catch((x) => x)) as StateSystemError;
    expect(e.code).toBe("UPSTREAM_REJECTED");
    expect(e.message).toContain("BioTrack package creation is not supported");
    expect(sim.state.lots.get(LOT_A)!.remaining_quantity).toBe(before);
  });

  it("logs in again when the session expired", async () => {
    await client.adjustmentReasons();
    await collect(client.locations());
    clock.advance(BIOTRACK_SESSION_MS + 1);
    await collect(client.locations());
    expect(log.filter((r) => r.path === "login")).toHaveLength(2);
  });

  it("tells from the nonce whether a write was applied", async () => {
    const w = {
      kind: "adjustment" as const,
      label: LOT_B,
      quantity: -1,
      unit: "Grams",
      reason: "Damaged",
      date: "2026-11-27",
      note: "x",
    };
    expect((await client.check(w, { confirmedTwins: 0, submissionId: "sub-1" })).verdict).toBe("absent");
    await client.submit(w, { submissionId: "sub-1" });
    expect((await client.check(w, { confirmedTwins: 0, submissionId: "sub-1" })).verdict).toBe("applied");
  });

  it("never keeps the password or session id in the request log", async () => {
    await collect(client.locations());
    const sessions = [...sim.state.sessions.keys()];
    expect(sessions).toHaveLength(1);
    const bodies = log.flatMap((r) => [r.requestBody ?? "", r.responseBody ?? ""]).join("\n");
    expect(bodies).toContain("[redacted]");
    expect(bodies).not.toContain("s3cret-pass");
    expect(bodies).not.toContain(sessions[0]!);
  });
});
