import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fuzzParams,
  jsonEdit,
  jsonTextOf,
  mutateJson,
  nastyJson,
  nastyText,
  PROTOTYPE_KEYS,
} from "../../test/support/fuzz.js";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventTypes, parseTopic, topics } from "#contract/topics.js";
import { checkStationEvent, checkStationStatus } from "#contract/validate.js";
import { silentLog } from "../log.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { createIngest } from "./ingest.js";

/**
 * The hub's ingest under a random mix of messages: clean events from several stations,
 * mutated golden examples, broken JSON, raw bytes, wrong and prototype-named topics, and
 * schema-valid events carrying odd text (control characters, NUL, surrogates). Every message
 * the contract accepts is stored once and acked to its station; every one it refuses is
 * dead-lettered with its topic; `handle` never throws; the counters add up. On SQLite always,
 * and on PostgreSQL when it answers.
 */
const dialects = await testDialects();

const STATIONS = ["vault-1", "vault-2", "vault-3"];
const station = fc.constantFrom(...STATIONS);
const EVENTS = ["scan", "weight", "count", "door", "print", "receive"] as const;

type Message = { topic: string; raw: Buffer };
const text = (v: unknown) => Buffer.from(JSON.stringify(v));
/** Counterexamples print as topic and text, not as a byte list. */
function msg(topic: string, raw: Buffer): Message {
  return { topic, raw, [fc.toStringMethod]: () => `${topic} ${JSON.stringify(raw.toString("utf8"))}` } as Message;
}
const withId = (name: (typeof EVENTS)[number], s: string, over: Record<string, unknown> = {}) => ({
  ...(loadExample(name) as Record<string, unknown>),
  id: newId(),
  stationId: s,
  ...over,
});

const clean: fc.Arbitrary<Message> = fc
  .tuple(fc.constantFrom(...EVENTS), station)
  .map(([name, s]) => msg(topics.event(s, name), text(withId(name, s))));
/** Valid to the contract as it stands, with odd text where the schema asks only for a string. */
const oddText: fc.Arbitrary<Message> = fc
  .tuple(
    station,
    nastyText.filter((t) => t.length > 0),
    fc.constantFrom("employeeId", "siteId", "scannerId"),
  )
  .map(([s, odd, field]) => {
    const scan = withId("scan", s) as unknown as { payload: Record<string, unknown> } & Record<string, unknown>;
    if (field === "scannerId") scan.payload = { ...scan.payload, scannerId: odd };
    else scan[field] = odd.slice(0, 64);
    return msg(topics.event(s, "scan"), text(scan));
  });
const mutated: fc.Arbitrary<Message> = fc
  .tuple(fc.constantFrom(...EVENTS), station, fc.array(jsonEdit, { minLength: 1, maxLength: 3 }))
  .map(([name, s, edits]) => msg(topics.event(s, name), text(mutateJson(withId(name, s), edits))));
const wrongTopic: fc.Arbitrary<Message> = fc
  .tuple(
    fc.oneof(
      fc
        .tuple(station, fc.constantFrom(...PROTOTYPE_KEYS, "teleport", ""))
        .map(([s, t]) => `vault/v1/station/${s}/event/${t}`),
      station.map((s) => `vault/v1/station/${s}/event/scan/extra`),
      station.map((s) => topics.state(s)),
      fc.array(nastyText, { maxLength: 5 }).map((p) => `vault/v1/station/${p.join("/")}`),
    ),
    fc.oneof(
      jsonTextOf(nastyJson),
      fc.constant(JSON.stringify(loadExample("state"))),
      fc.constantFrom(...eventTypes).map((t) => JSON.stringify(loadExample(t))),
    ),
  )
  .map(([topic, body]) => msg(topic, Buffer.from(body)));
const bytes: fc.Arbitrary<Message> = fc
  .tuple(station, fc.uint8Array({ maxLength: 120 }))
  .map(([s, b]) => msg(topics.event(s, "scan"), Buffer.from(b)));

const message = fc.oneof(
  { arbitrary: clean, weight: 4 },
  { arbitrary: oddText, weight: 1 },
  { arbitrary: mutated, weight: 3 },
  { arbitrary: wrongTopic, weight: 1 },
  { arbitrary: bytes, weight: 1 },
);
/** Some messages arrive twice, as a broker redelivery or an outbox resend would send them. */
const stream = fc
  .array(fc.tuple(message, fc.boolean()), { minLength: 1, maxLength: 25 })
  .map((ms) => ms.flatMap(([m, twice]) => (twice ? [m, m] : [m])));

describe.each(dialects)("ingest under random messages (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterAll(() => ledger.dispose());

  it("stores what the contract accepts once, dead-letters the rest, acks every stored id, never throws", async () => {
    await fc.assert(
      fc.asyncProperty(stream, async (messages) => {
        const before = await deadLetterCount(ledger);
        const acked = new Map<string, Set<string>>();
        const ingest = createIngest({
          db: ledger.db,
          log: silentLog(),
          clock: { now: () => Date.now() },
          batchSize: 10,
          flushMs: 1,
          publish: async (topic, payload) => {
            const ids = acked.get(topic) ?? new Set<string>();
            for (const id of (JSON.parse(payload) as { ids: string[] }).ids) ids.add(id);
            acked.set(topic, ids);
          },
        });
        const accepted = new Map<string, string>();
        let refused = 0;
        let statuses = 0;
        for (const m of messages) {
          expect(() => ingest.handle(m.topic, m.raw)).not.toThrow();
          const ev = checkStationEvent(m.topic, m.raw);
          if (ev.ok) accepted.set(ev.value.id, ev.value.stationId);
          else if (checkStationStatus(m.topic, m.raw).ok) statuses++;
          else if (!["ack", "command"].includes(parseTopic(m.topic).kind)) refused++;
        }
        await ingest.close();
        const stored = new Set(
          (
            await ledger.db
              .selectFrom("events")
              .select("id")
              .where("id", "in", [...accepted.keys(), newId()])
              .execute()
          ).map((r) => r.id),
        );
        expect([...accepted.keys()].filter((id) => !stored.has(id))).toEqual([]);
        for (const [id, s] of accepted) expect(acked.get(topics.ack(s))?.has(id)).toBe(true);
        const st = ingest.stats();
        expect(st.pending).toBe(0);
        expect(st.deadLettered).toBe(refused);
        expect(st.received).toBe(st.stored + st.duplicates + st.deadLettered + statuses);
        expect(await deadLetterCount(ledger)).toBe(before + refused);
      }),
      fuzzParams(dialect === "sqlite" ? 40 : 15),
    );
  });
});

/** One NUL somewhere: in a bad message's bytes, or in a field the contract takes as any string. */
const withNul: fc.Arbitrary<Message> = fc.oneof(
  fc.tuple(station, fc.uint8Array({ maxLength: 40 }), fc.nat()).map(([s, b, at]) => {
    const raw = Buffer.from([...b.slice(0, at % (b.length + 1)), 0, ...b.slice(at % (b.length + 1))]);
    return msg(topics.event(s, "scan"), raw);
  }),
  fc.tuple(station, fc.constantFrom("employeeId", "siteId"), fc.string({ maxLength: 8 })).map(([s, field, around]) => {
    const scan = withId("scan", s, { [field]: `${around}\u0000${around}` });
    return msg(topics.event(s, "scan"), text(scan));
  }),
);

describe.each(dialects)("ingest with a NUL byte in one message of a batch (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterAll(() => ledger.dispose());

  it("the clean events of every station in that batch land, and the odd one is stored or dead-lettered", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(clean, { minLength: 1, maxLength: 8 }), withNul, fc.nat(), async (good, odd, at) => {
        const batch = [...good];
        batch.splice(at % (good.length + 1), 0, odd);
        const before = await deadLetterCount(ledger);
        const ingest = createIngest({
          db: ledger.db,
          log: silentLog(),
          clock: { now: () => Date.now() },
          batchSize: 50,
          flushMs: 1,
          publish: async () => undefined,
        });
        for (const m of batch) ingest.handle(m.topic, m.raw);
        await ingest.close();
        const ids = good.map((m) => (JSON.parse(m.raw.toString()) as { id: string }).id);
        const landed = await ledger.db.selectFrom("events").select("id").where("id", "in", ids).execute();
        expect(landed.length).toBe(ids.length);
        const oddChecked = checkStationEvent(odd.topic, odd.raw);
        const oddLanded =
          oddChecked.ok &&
          (await ledger.db.selectFrom("events").select("id").where("id", "=", oddChecked.value.id).execute()).length ===
            1;
        const deadNow = (await deadLetterCount(ledger)) - before;
        expect(oddLanded || deadNow === 1).toBe(true);
      }),
      fuzzParams(dialect === "sqlite" ? 20 : 10),
    );
  });
});

async function deadLetterCount(ledger: TestLedger): Promise<number> {
  const r = await ledger.db
    .selectFrom("dead_letters")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
