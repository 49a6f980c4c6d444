import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fuzzParams,
  jsonEdit,
  jsonTextOf,
  mutateJson,
  nastyJson,
  nastyText,
  PROTOTYPE_KEYS,
} from "../test/support/fuzz.js";
import { exampleNames, loadExample, type ExampleName } from "./examples/index.js";
import { newId } from "./ids.js";
import { commandSchemas, eventSchemas, HubAck, StationStatus } from "./messages.js";
import { commandNames, eventTypes, parseTopic, topics } from "./topics.js";
import { checkCommand, checkHubAck, checkStationEvent, checkStationStatus, type Checked } from "./validate.js";

/**
 * The MQTT edge under random input: whatever arrives on whatever topic, the checks answer
 * `{ ok: true, value }` with a value the schema accepts, or `{ ok: false, reason }` with words
 * for the dead-letter row. They never throw: a throw inside the hub's message handler would
 * take the ingest down for every station.
 */
const stationId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const segment = fc.oneof(
  fc.constantFrom(
    "vault",
    "v1",
    "station",
    "event",
    "cmd",
    "state",
    "ack",
    "",
    "+",
    "#",
    ...eventTypes,
    ...commandNames,
    ...PROTOTYPE_KEYS,
  ),
  stationId,
  nastyText,
);
const topic = fc.oneof(
  fc.array(segment, { maxLength: 7 }).map((parts) => parts.join("/")),
  fc
    .tuple(stationId, fc.oneof(segment, fc.constantFrom(...eventTypes)))
    .map(([s, t]) => `vault/v1/station/${s}/event/${t}`),
  fc.tuple(stationId, segment).map(([s, c]) => `vault/v1/station/${s}/cmd/${c}`),
  stationId.map((s) => topics.state(s)),
);

const example = fc.constantFrom(...exampleNames);
const mutatedExample = fc
  .tuple(example, fc.array(jsonEdit, { minLength: 1, maxLength: 4 }))
  .map(([name, edits]) => JSON.stringify(mutateJson(loadExample(name), edits)));
const payload: fc.Arbitrary<string | Buffer> = fc.oneof(
  mutatedExample,
  jsonTextOf(nastyJson),
  nastyText,
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
);

/** A refusal carries words; an acceptance carries a value the given schema takes as it is. */
function expectChecked(r: Checked<unknown>, schema: { safeParse(v: unknown): { success: boolean } } | undefined): void {
  if (r.ok) {
    expect(schema?.safeParse(r.value).success).toBe(true);
  } else {
    expect(typeof r.reason).toBe("string");
    expect(r.reason.length).toBeGreaterThan(0);
  }
}

const ownSchema = <T extends object>(map: T, key: string) =>
  Object.hasOwn(map, key) ? (map[key as keyof T] as never) : undefined;

describe("MQTT edge under random topics and payloads", () => {
  it("station events: a schema-valid value from the topic's own station, or a reason", () => {
    fc.assert(
      fc.property(topic, payload, (t, raw) => {
        const r = checkStationEvent(t, raw);
        const parsed = parseTopic(t);
        expectChecked(r, parsed.kind === "event" ? ownSchema(eventSchemas, parsed.type) : undefined);
        if (r.ok && parsed.kind === "event") expect(r.value.stationId).toBe(parsed.stationId);
      }),
      fuzzParams(600),
    );
  });

  it("status messages and last wills", () => {
    fc.assert(
      fc.property(topic, payload, (t, raw) => {
        const r = checkStationStatus(t, raw);
        expectChecked(r, StationStatus);
        if (r.ok) expect(r.value.stationId).toBe((parseTopic(t) as { stationId: string }).stationId);
      }),
      fuzzParams(300),
    );
  });

  it("hub acks and hub commands, as a station takes them", () => {
    fc.assert(
      fc.property(topic, payload, (t, raw) => {
        expectChecked(checkHubAck(raw), HubAck);
        const parsed = parseTopic(t);
        expectChecked(
          checkCommand(t, raw),
          parsed.kind === "command" ? ownSchema(commandSchemas, parsed.name) : undefined,
        );
      }),
      fuzzParams(300),
    );
  });

  it("an event or command type named like an object property is an unknown type, not a crash", () => {
    for (const name of PROTOTYPE_KEYS) {
      expect(checkStationEvent(`vault/v1/station/vault-1/event/${name}`, "{}")).toEqual({
        ok: false,
        reason: `unknown event type "${name}"`,
      });
      expect(checkCommand(`vault/v1/station/vault-1/cmd/${name}`, "{}")).toEqual({
        ok: false,
        reason: `unknown command "${name}"`,
      });
    }
  });
});

const EVENT_EXAMPLES: ExampleName[] = ["scan", "weight", "count", "door", "print", "receive"];

describe("MQTT edge never refuses a good message", () => {
  it("every golden event, from any valid station id with a fresh id, is accepted on its own topic", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EVENT_EXAMPLES), stationId, (name, s) => {
        const event = { ...(loadExample(name) as Record<string, unknown>), id: newId(), stationId: s };
        const r = checkStationEvent(
          topics.event(s, name as (typeof eventTypes)[number]),
          Buffer.from(JSON.stringify(event)),
        );
        expect(r).toMatchObject({ ok: true, value: { stationId: s, type: name } });
      }),
      fuzzParams(100),
    );
  });

  it("topics built by the contract parse back to their parts", () => {
    fc.assert(
      fc.property(stationId, fc.constantFrom(...eventTypes), fc.constantFrom(...commandNames), (s, type, name) => {
        expect(parseTopic(topics.event(s, type))).toEqual({ kind: "event", stationId: s, type });
        expect(parseTopic(topics.command(s, name))).toEqual({ kind: "command", stationId: s, name });
        expect(parseTopic(topics.state(s))).toEqual({ kind: "state", stationId: s });
        expect(parseTopic(topics.ack(s))).toEqual({ kind: "ack", stationId: s });
      }),
      fuzzParams(100),
    );
  });
});
