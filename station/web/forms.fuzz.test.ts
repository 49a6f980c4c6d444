import fc from "fast-check";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzParams, jsonTextOf, nastyJson, nastyText, PROTOTYPE_KEYS } from "../../test/support/fuzz.js";
import type { Employee } from "#contract/domain.js";
import { eventSchemas } from "#contract/messages.js";
import { manualClock } from "#station/clock.js";
import { createDevices, type Devices } from "#station/devices/index.js";
import { SignIn } from "#station/kiosk/sign-in.js";
import { ReceivingConfigSchema } from "#station/workflows/receive/config.js";
import { receiveRoutes } from "#station/workflows/receive/routes.js";
import { Receiving } from "#station/workflows/receive/service.js";
import { manifestOf, receiveTag } from "#station/testing/receiving-rig.js";
import { LiveFeed } from "#station/scans/live-feed.js";
import { ScanRecorder, type ScanEnvelope } from "#station/scans/recorder.js";
import { memorySessionStore } from "#station/store/session-store.js";
import { quietLog, tempDir } from "#station/testing/helpers.js";
import { createApp } from "./app.js";

/**
 * The kiosk's HTTP surface under random requests: PIN pad presses, sign-out, the simulator
 * controls and every receiving tap, with random fields, bodies, content types and path labels.
 * Bad input gets a 4xx with its reason, never a 5xx, and nothing is written for it; a good scan
 * is answered 201 with an event the contract accepts.
 */
const dana: Employee = {
  id: "emp-001",
  name: "Dana Reyes",
  role: "coordinator",
  badge: "EMP-0001",
  pinHash: "scrypt$x$1234",
  active: true,
};
const manifest = manifestOf(6);

let app: ReturnType<typeof createApp>;
let devices: Devices;
let cleanup: () => Promise<void>;
const written: ScanEnvelope[] = [];
/** Receiving events handed to the outbox (line decisions, completions). */
let receiveWritten = 0;

beforeAll(async () => {
  const clock = manualClock();
  const feed = new LiveFeed();
  const signIn = new SignIn({
    store: memorySessionStore(),
    employees: { employeeByBadge: (b) => (b === dana.badge ? dana : undefined) },
    clock,
    idleMs: 60_000,
    verify: (pin) => pin === "1234",
  });
  const recorder = new ScanRecorder({
    stationId: "vault-1",
    siteId: "site",
    clock,
    signIn,
    feed,
    log: quietLog,
    outbox: { append: async (env) => void written.push(env) },
    replica: { lookup: () => undefined },
  });
  const dir = await tempDir("vaultline-forms-fuzz-");
  const receiving = await Receiving.open({
    stationId: "vault-1",
    siteId: "site",
    clock,
    log: quietLog,
    file: join(dir.dir, "receiving.journal"),
    outbox: { append: async () => void receiveWritten++ },
    manifests: () => [manifest],
    shelves: { shelved: () => [], categoryOf: () => undefined },
    printer: () => undefined,
    person: () => ({ employeeId: dana.id, name: dana.name, role: "coordinator" }),
    config: ReceivingConfigSchema.parse({}),
  });
  devices = await createDevices({ kind: "sim" });
  devices.events.on("scan", (r) => void recorder.record(r.code, r.scannerId).catch(() => undefined));
  app = createApp({
    stationId: "vault-1",
    siteId: "site",
    version: "0",
    log: quietLog,
    feed,
    signIn,
    scans: recorder,
    hub: () => ({ connected: false, lastAckAt: null }),
    outboxDepth: () => written.length,
    devices,
    sseLazyMs: 20,
    workflows: [
      {
        name: "receive",
        tile: { title: "Receive", hint: "", path: "/receive" },
        claimsScans: () => receiving.scanContext(),
        claimsWeights: () => false,
        routes: (deps) => receiveRoutes({ ...deps, receiving }),
        close: () => receiving.close(),
      },
    ],
  });
  cleanup = async () => {
    await receiving.close();
    await devices.close();
    await dir.cleanup();
  };
});
afterAll(() => cleanup());

/** Path text percent-encoded byte by byte (lone surrogates too), or a broken escape. */
const pathText = fc.oneof(
  nastyText.map((t) =>
    [...Buffer.from(t, "utf8")]
      .map((b) =>
        /[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0")}`,
      )
      .join(""),
  ),
  fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AF", "%00", "%2F..%2F", "..", "%FF%FE"),
);
const label = fc.oneof(
  fc.constantFrom(...manifest.lines.map((l) => l.label), receiveTag(999)),
  pathText,
  fc.constantFrom(...PROTOTYPE_KEYS),
);
const path = fc.oneof(
  fc.constantFrom(
    "/sign-in/key",
    "/sign-in/touch",
    "/sign-in/sign-out",
    "/sim/scan",
    "/sim/scale",
    "/sim/door",
    "/receive/open",
    "/receive/complete",
    "/receive/reject-manifest",
    "/",
    "/api/status",
    "/receive",
    "/receive/status",
    "/receive/coa/close",
  ),
  fc
    .tuple(label, fc.constantFrom("select", "reweigh", "accept", "accept-corrected", "reject", "coa"))
    .map(([l, a]) => `/receive/lines/${l}/${a}`),
  fc
    .tuple(fc.constantFrom("/receive/labels/", "/receive/tone/", "/static/", "/sim/", "/api/"), pathText)
    .map(([p, t]) => p + t),
);
const field = fc.constantFrom(
  "key",
  "code",
  "scanner",
  "grams",
  "stable",
  "open",
  "manifestNumber",
  "reason",
  "note",
  "quantity",
  ...PROTOTYPE_KEYS,
);
const value = fc.oneof(
  nastyText,
  fc.constantFrom("1", "ok", "0", "back", "clear", "cancel", "0000012345", "wrong-tag", "-1", "1e400", "NaN", "true"),
);
const fields = fc.array(fc.tuple(field, value), { maxLength: 5 });
const body = fc.oneof(
  fields.map((f) => ({ type: "application/x-www-form-urlencoded", body: new URLSearchParams(f).toString() })),
  jsonTextOf(nastyJson).map((b) => ({ type: "application/json", body: b })),
  fc
    .record({
      code: fc.oneof(nastyText, fc.string({ maxLength: 600 })),
      scanner: fc.option(fc.constantFrom("scanner-1", "scanner-2", "nope", ""), { nil: undefined }),
    })
    .map((b) => ({ type: "application/json", body: JSON.stringify(b) })),
  fc
    .tuple(
      fc.constantFrom(
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/plain",
        "",
      ),
      nastyText,
    )
    .map(([type, b]) => ({ type, body: b })),
);
const request = fc.record({
  method: fc.constantFrom("POST", "POST", "POST", "GET", "PUT"),
  path,
  body,
  htmx: fc.boolean(),
});

describe("kiosk HTTP under random requests", () => {
  it("answers every request below 500, and writes nothing for a refused one", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = r.body.type ? { "content-type": r.body.type } : {};
        if (r.htmx) headers["HX-Request"] = "true";
        const before = { scans: written.length, receive: receiveWritten };
        const res = await app.request(r.path, {
          method: r.method,
          headers,
          ...(r.method === "GET" ? {} : { body: r.body.body }),
        });
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect({ scans: written.length, receive: receiveWritten }).toEqual(before);
        expect(written.length - before.scans).toBe(r.path === "/sim/scan" && res.status === 201 ? 1 : 0);
      }),
      fuzzParams(250),
    );
  });

  it("a printable scan of 1 to 512 characters is recorded and answered 201 with a contract-valid event", async () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 512,
    });
    await fc.assert(
      fc.asyncProperty(printable, fc.constantFrom("scanner-1", "scanner-2"), async (code, scanner) => {
        const res = await app.request("/sim/scan", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code, scanner }),
        });
        expect(res.status).toBe(201);
        const { event } = (await res.json()) as { event: unknown };
        expect(eventSchemas.scan.safeParse(event).success).toBe(true);
        expect((event as ScanEnvelope).payload.code).toBe(code);
      }),
      fuzzParams(60),
    );
  });
});
