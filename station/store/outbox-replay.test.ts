import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { quietLog, scanEnvelope, tempDir } from "#station/testing/helpers.js";
import { Outbox } from "./outbox.js";
import { readSetAside } from "./set-aside.js";

let dir: string;
let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, "outbox.journal");
});
afterEach(() => cleanup());

const line = (v: unknown) => `+${JSON.stringify(v)}\n`;

describe("Outbox replay validation", () => {
  it("sets aside a line that parses but is not a valid event, with its reason, and drains the rest", async () => {
    const good = [scanEnvelope("1A4060300002199000003445"), scanEnvelope("EMP-0001")];
    const corrupt = { ...scanEnvelope("1A4060300002199000003446"), at: "yesterday-ish" };
    const noType = { id: "01a21f73-5001-7727-a15b-000000000001", payload: {} };
    await writeFile(file, line(good[0]) + line(corrupt) + line(noType) + line(good[1]));

    const box = await Outbox.open({ file, log: quietLog });
    expect([...box.entries()].map((e) => e.id)).toEqual(good.map((e) => e.id));
    const aside = await readSetAside(`${file}.set-aside`);
    expect(aside.map((r) => [r.line, r.text])).toEqual([
      [2, line(corrupt).trimEnd()],
      [3, line(noType).trimEnd()],
    ]);
    expect(aside[0]!.reason).toMatch(/^not a valid scan event: at: /);
    expect(aside[1]!.reason).toBe("unknown event type (none)");
    expect(await readFile(file, "utf8")).not.toContain("yesterday-ish");

    box.ack(good.map((e) => e.id));
    expect(box.depth).toBe(0);
    await box.close();
    const again = await Outbox.open({ file, log: quietLog });
    expect(again.depth).toBe(0);
    await again.close();
    expect(await readSetAside(`${file}.set-aside`)).toHaveLength(2);
  });
});
