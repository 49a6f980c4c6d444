import { describe, expect, it } from "vitest";
import { classifyBarcode } from "./barcode.js";
import { exampleText, loadExample } from "./examples/index.js";
import { GS, parseGs1 } from "./gs1.js";
import { newId } from "./ids.js";
import { parseMetrcTag } from "./metrc-tag.js";
import { z } from "zod";
import { commandSchemas } from "./messages.js";
import { hashPin, verifyPin } from "./pin.js";
import { parseTopic, topics } from "./topics.js";
import { checkCommand, checkHubAck, checkStationEvent, checkStationStatus } from "./validate.js";

describe("golden examples", () => {
  it.each(["scan", "weight", "count", "door", "print", "receive", "restock", "quarantine"] as const)(
    "%s event parses on its topic",
    (type) => {
      const r = checkStationEvent(topics.event("vault-1", type), exampleText(type));
      expect(r).toMatchObject({ ok: true, value: { type, stationId: "vault-1" } });
    },
  );
  it("status and last will parse", () => {
    expect(checkStationStatus(topics.state("vault-1"), exampleText("state")).ok).toBe(true);
    const lwt = checkStationStatus(topics.state("vault-1"), exampleText("state-offline"));
    expect(lwt.ok && lwt.value.payload.online).toBe(false);
  });
  it("ack and commands parse", () => {
    expect(checkHubAck(exampleText("ack")).ok).toBe(true);
    expect(checkCommand(topics.command("vault-1", "catalog"), exampleText("cmd-catalog")).ok).toBe(true);
    expect(checkCommand(topics.command("vault-1", "employees"), exampleText("cmd-employees")).ok).toBe(true);
    expect(checkCommand(topics.command("vault-1", "manifests"), exampleText("cmd-manifests")).ok).toBe(true);
    expect(checkCommand(topics.command("vault-1", "restock"), exampleText("cmd-restock")).ok).toBe(true);
    expect(checkCommand(topics.command("vault-1", "count"), exampleText("cmd-count")).ok).toBe(true);
  });
});

describe("the count command is blind", () => {
  type CountCmd = { payload: { counts: Array<Record<string, unknown> & { lines: Array<Record<string, unknown>> }> } };
  const withLine = (extra: Record<string, unknown>) => {
    const cmd = loadExample("cmd-count") as CountCmd;
    Object.assign(cmd.payload.counts[0]!.lines[0]!, extra);
    return checkCommand(topics.command("vault-1", "count"), JSON.stringify(cmd));
  };
  it.each(["quantity", "expected", "expectedQuantity", "onHand"])("refuses a count line carrying %s", (field) => {
    expect(withLine({ [field]: 24 })).toMatchObject({ ok: false, reason: expect.stringContaining(field) });
  });
  it("refuses a quantity on an item of the count", () => {
    const cmd = loadExample("cmd-count") as CountCmd;
    (cmd.payload.counts[0]!.items as Array<Record<string, unknown>>)[0]!.quantity = 24;
    expect(checkCommand(topics.command("vault-1", "count"), JSON.stringify(cmd)).ok).toBe(false);
  });
  it("refuses an expected figure on the count or the recount too", () => {
    const cmd = loadExample("cmd-count") as CountCmd;
    cmd.payload.counts[0]!.expected = 3;
    expect(checkCommand(topics.command("vault-1", "count"), JSON.stringify(cmd)).ok).toBe(false);
    const again = loadExample("cmd-count") as CountCmd;
    (again.payload.counts[0]!.recount as Array<Record<string, unknown>>)[0]!.quantity = 24;
    expect(checkCommand(topics.command("vault-1", "count"), JSON.stringify(again)).ok).toBe(false);
  });
  it("names no quantity anywhere in its schema", () => {
    const keys = JSON.stringify(z.toJSONSchema(commandSchemas.count));
    expect(keys).not.toMatch(/"(quantity|expected\w*|onHand)"/i);
  });
  it.each(["waste", "split"] as const)("%s event parses on its topic", (type) => {
    const r = checkStationEvent(topics.event("vault-1", type), exampleText(type));
    expect(r).toMatchObject({ ok: true, value: { type, stationId: "vault-1" } });
  });
  it("the adjustment reasons command parses, and a split needs at least one new package", () => {
    const cmd = checkCommand(topics.command("vault-1", "adjustment-reasons"), exampleText("cmd-adjustment-reasons"));
    expect(cmd.ok).toBe(true);
    const split = loadExample("split") as { payload: { packages: unknown[] } };
    split.payload.packages = [];
    const r = checkStationEvent(topics.event("vault-1", "split"), JSON.stringify(split));
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining("payload.packages") });
  });
});

describe("event validation rejects with a reason", () => {
  it("rejects an envelope whose station differs from the topic's", () => {
    const r = checkStationEvent(topics.event("vault-2", "scan"), exampleText("scan"));
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('differs from topic station "vault-2"') });
  });
  it("rejects non-JSON, unknown types and missing fields", () => {
    expect(checkStationEvent(topics.event("vault-1", "scan"), "{nope")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not JSON/),
    });
    expect(checkStationEvent("vault/v1/station/vault-1/event/teleport", "{}")).toMatchObject({
      ok: false,
      reason: 'unknown event type "teleport"',
    });
    const scan = loadExample("scan") as { payload: Record<string, unknown> };
    delete scan.payload.code;
    const r = checkStationEvent(topics.event("vault-1", "scan"), JSON.stringify(scan));
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining("payload.code") });
  });
  it("rejects an id that is not a UUIDv7", () => {
    const scan = { ...(loadExample("scan") as object), id: "42" };
    expect(checkStationEvent(topics.event("vault-1", "scan"), JSON.stringify(scan)).ok).toBe(false);
  });
});

describe("topics", () => {
  it("round-trips through parseTopic", () => {
    expect(parseTopic(topics.event("s-1", "door"))).toEqual({ kind: "event", stationId: "s-1", type: "door" });
    expect(parseTopic(topics.command("s-1", "catalog"))).toEqual({
      kind: "command",
      stationId: "s-1",
      name: "catalog",
    });
    expect(parseTopic(topics.state("s-1"))).toEqual({ kind: "state", stationId: "s-1" });
    expect(parseTopic("other/thing").kind).toBe("unknown");
    expect(parseTopic("vault/v1/station/s-1/event/scan/extra").kind).toBe("unknown");
  });
});

describe("ids", () => {
  it("sort by creation order", () => {
    const ids = Array.from({ length: 200 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(200);
  });
});

describe("METRC tags", () => {
  it("accepts real, placeholder and lower-case tags", () => {
    expect(parseMetrcTag("1A4060300002199000003445")).toMatchObject({
      ok: true,
      form: "strict",
      sequence: "000003445",
    });
    expect(parseMetrcTag("ABCDEF012345670000010331")).toMatchObject({ ok: true, form: "placeholder" });
    expect(parseMetrcTag(" 1a4060300003e16000007737 ")).toMatchObject({ ok: true, tag: "1A4060300003E16000007737" });
  });
  it("rejects wrong length and characters, naming why", () => {
    expect(parseMetrcTag("1A40603000021990000034")).toEqual({
      ok: false,
      reason: "a METRC tag has 24 characters, this has 22",
    });
    expect(parseMetrcTag("1A406030000219900000344-")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("letters"),
    });
  });
});

describe("barcode classification", () => {
  it("classifies tags, badges, commands and Retail ID", () => {
    expect(classifyBarcode("1A4060300002199000003445")).toMatchObject({ kind: "metrc-tag" });
    expect(classifyBarcode("EMP-0042")).toEqual({ kind: "employee-badge", badge: "EMP-0042" });
    expect(classifyBarcode("CMD:SIGN-OUT")).toEqual({ kind: "command", command: "SIGN-OUT" });
    expect(classifyBarcode("CMD:LAUNCH")).toEqual({ kind: "invalid", reason: "unknown command LAUNCH" });
    expect(classifyBarcode("https://1a4.com/q83vASNFZwAAAQkQCA")).toMatchObject({ kind: "retail-id" });
  });
  it("decodes GS1 element strings with FNC1, AIM prefix and parentheses", () => {
    const raw = `]d201008500012345661726063010BD-2610-07${GS}21SN0001`;
    expect(classifyBarcode(raw)).toEqual({
      kind: "gs1",
      gtin: "00850001234566",
      expiry: "2026-06-30",
      batch: "BD-2610-07",
      serial: "SN0001",
    });
    expect(classifyBarcode("(01)00850001234566(10)LOT9")).toEqual({
      kind: "gs1",
      gtin: "00850001234566",
      batch: "LOT9",
    });
    expect(parseGs1("0100850001234566171202").ok).toBe(false);
    expect(parseGs1("010085000123456617261200")).toEqual({
      ok: true,
      data: { gtin: "00850001234566", expiry: "2026-12-31" },
    });
  });
  it("checks UPC/EAN check digits", () => {
    expect(classifyBarcode("850001234567")).toEqual({ kind: "invalid", reason: "product code check digit is wrong" });
    expect(classifyBarcode("036000291452")).toEqual({ kind: "gs1", gtin: "00036000291452" });
  });
  it("says why a near-tag is not a tag", () => {
    expect(classifyBarcode("1A406030000219900000344")).toEqual({
      kind: "invalid",
      reason: "not a valid tag: a METRC tag has 24 characters, this has 23",
    });
  });
});

describe("PIN hashes", () => {
  it("verify the right PIN only", () => {
    const h = hashPin("4321");
    expect(verifyPin("4321", h)).toBe(true);
    expect(verifyPin("4322", h)).toBe(false);
    expect(verifyPin("4321", "plain")).toBe(false);
  });
});
