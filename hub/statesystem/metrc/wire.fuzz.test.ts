import fc from "fast-check";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fuzzParams, jsonEdit, mutateJson, type JsonEdit } from "../../../test/support/fuzz.js";
import { FakeClock } from "#hub/testing/clock.js";
import { StateSystemError } from "../errors.js";
import { createMetrcSimulatorApp } from "../metrc-sim/server.js";
import type { StateSystem } from "../port.js";
import { collect, smallSeed } from "#hub/testing/metrc-rig.js";
import { MetrcStateSystem } from "./client.js";

/**
 * METRC answers under random damage: the simulator's real v2 bodies with fields deleted,
 * retyped, replaced or nulled. A read either yields records of the types port.ts promises
 * (what sync stores), or fails with a StateSystemError that says METRC's answer was unreadable;
 * never a TypeError from deep inside a mapper.
 */
const BASE = "http://metrc.fuzz";

/** The simulator behind a fetch that damages each JSON answer with the next list of edits. */
function damagedMetrc(edits: JsonEdit[][]) {
  const clock = new FakeClock();
  const seed = smallSeed(clock.now());
  const { app, control } = createMetrcSimulatorApp({ seed, clock });
  let call = 0;
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const res = await app.request(url.replace(BASE, ""), init);
    const text = await res.text();
    const e = edits[call++ % Math.max(1, edits.length)] ?? [];
    let body = text;
    try {
      body = e.length > 0 ? JSON.stringify(mutateJson(JSON.parse(text), e)) : text;
    } catch {
      // Not JSON (a COA document): passed on as it came.
    }
    return new Response(body, { status: res.status, headers: res.headers });
  });
  const client = new MetrcStateSystem(
    {
      baseUrl: BASE,
      vendorKey: control.keys.vendorKey,
      userKey: control.keys.userKey,
      license: seed.license,
      timeZone: seed.timeZone,
      timeoutMs: 2_000,
    },
    { clock, log: pino({ level: "silent" }), random: () => 0 },
  );
  return { client, until: new Date(clock.now()) };
}

const str = (v: unknown) => typeof v === "string";
const strOrNull = (v: unknown) => v === null || typeof v === "string";
const num = (v: unknown) => typeof v === "number" && Number.isFinite(v);

/** Field checks per read, following the record types of port.ts. */
const reads: Record<
  string,
  { read(s: StateSystem, until: Date): Promise<unknown[]>; check(r: Record<string, unknown>): boolean }
> = {
  packages: {
    read: (s, until) => collect(s.packages("active", { until })),
    check: (p) =>
      str(p.label) &&
      str(p.stateId) &&
      str(p.itemName) &&
      strOrNull(p.itemCategory) &&
      num(p.quantity) &&
      str(p.unit) &&
      strOrNull(p.location) &&
      ["active", "on-hold", "inactive"].includes(p.status as string) &&
      strOrNull(p.labState) &&
      strOrNull(p.note) &&
      strOrNull(p.packagedDate) &&
      strOrNull(p.finishedDate) &&
      strOrNull(p.receivedFromManifest) &&
      str(p.lastModified),
  },
  items: {
    read: (s, until) => collect(s.items({ until })),
    check: (i) =>
      str(i.stateId) &&
      str(i.name) &&
      strOrNull(i.category) &&
      strOrNull(i.unit) &&
      strOrNull(i.quantityType) &&
      strOrNull(i.strain),
  },
  transfers: {
    read: (s, until) => collect(s.incomingTransfers({ until })),
    check: (t) =>
      str(t.stateId) &&
      str(t.manifestNumber) &&
      str(t.shipperLicense) &&
      str(t.shipperName) &&
      num(t.packageCount) &&
      num(t.receivedPackageCount) &&
      strOrNull(t.estimatedArrival) &&
      strOrNull(t.receivedAt) &&
      typeof t.voided === "boolean" &&
      str(t.lastModified),
  },
  reasons: {
    read: (s) => s.adjustmentReasons(),
    check: (r) => str(r.name) && typeof r.requiresNote === "boolean" && typeof r.requiresWasteWeight === "boolean",
  },
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("METRC wire records under random damage", () => {
  it.each(Object.keys(reads))("%s: records of the promised types, or a StateSystemError", async (name) => {
    const read = reads[name]!;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        async (edits) => {
          const { client, until } = damagedMetrc(edits);
          let records: unknown[] = [];
          try {
            records = await read.read(client, until);
          } catch (e) {
            expect(e).toBeInstanceOf(StateSystemError);
            return;
          }
          for (const r of records)
            expect(r !== null && typeof r === "object" && read.check(r as Record<string, unknown>)).toBe(true);
        },
      ),
      fuzzParams(60),
    );
  });
});

describe("found by fuzzing", () => {
  it("a null in a page's Data is an unreadable METRC answer, not a TypeError", async () => {
    vi.stubGlobal("fetch", async () =>
      Response.json({
        Data: [null],
        Total: 1,
        TotalRecords: 1,
        PageSize: 20,
        RecordsOnPage: 1,
        Page: 1,
        CurrentPage: 1,
        TotalPages: 1,
      }),
    );
    const clock = new FakeClock();
    const client = new MetrcStateSystem(
      { baseUrl: BASE, vendorKey: "v", userKey: "u", license: "C10-0000123-LIC", timeZone: "America/Los_Angeles" },
      { clock, log: pino({ level: "silent" }) },
    );
    const read = collect(client.packages("active", { until: new Date(clock.now()) }));
    await expect(read).rejects.toMatchObject({
      name: "StateSystemError",
      code: "UPSTREAM_BAD_RESPONSE",
      message: expect.stringContaining("package record"),
    });
  });

  it("a package whose Label is a number is refused, naming the field", async () => {
    const { client, until } = damagedMetrc([[]]);
    vi.stubGlobal("fetch", async () =>
      Response.json([
        { Id: 1, Label: 42, Quantity: 1, UnitOfMeasureName: "Each", LastModified: "2026-11-27T18:00:00+00:00" },
      ]),
    );
    await expect(collect(client.packages("active", { until }))).rejects.toMatchObject({
      code: "UPSTREAM_BAD_RESPONSE",
      message: expect.stringContaining("Label"),
    });
  });
});

describe("found by fuzzing: paging", () => {
  const emptyPage = (totalPages: unknown) =>
    Response.json({
      Data: [],
      Total: 0,
      TotalRecords: 0,
      PageSize: 20,
      RecordsOnPage: 0,
      Page: 1,
      CurrentPage: 1,
      TotalPages: totalPages,
    });
  const client = () => {
    const clock = new FakeClock();
    return {
      clock,
      client: new MetrcStateSystem(
        { baseUrl: BASE, vendorKey: "v", userKey: "u", license: "C10-0000123-LIC", timeZone: "America/Los_Angeles" },
        { clock, log: pino({ level: "silent" }) },
      ),
    };
  };

  it("a TotalPages of a billion with empty pages ends at the first empty page instead of walking for ever", async () => {
    let calls = 0;
    vi.stubGlobal("fetch", async () => {
      if (++calls > 50) throw new Error("the client walked past 50 pages");
      return emptyPage(1_000_000_000);
    });
    const { client: c, clock } = client();
    expect(await collect(c.packages("active", { until: new Date(clock.now()) }))).toEqual([]);
    expect(calls).toBeLessThanOrEqual(10);
  });

  it.each([["lots"], [1e308], [-1], [2.5]])("a TotalPages of %j is an unreadable answer", async (totalPages) => {
    vi.stubGlobal("fetch", async () => emptyPage(totalPages));
    const { client: c, clock } = client();
    await expect(collect(c.packages("active", { until: new Date(clock.now()) }))).rejects.toMatchObject({
      code: "UPSTREAM_BAD_RESPONSE",
      message: expect.stringContaining("TotalPages"),
    });
  });
});
