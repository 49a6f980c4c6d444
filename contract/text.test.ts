import { describe, expect, it } from "vitest";
import { classifyBarcode } from "./barcode.js";
import { exampleNames, loadExample, type ExampleName } from "./examples/index.js";
import { GS } from "./gs1.js";
import { eventSchemas } from "./messages.js";
import { firstControlChar, quotable, TEXT_MAX } from "./text.js";
import { topics, type CommandName, type EventType } from "./topics.js";
import { checkCommand, checkHubAck, checkStationEvent, checkStationStatus, type Checked } from "./validate.js";

/** Validates a golden example's JSON (possibly altered) the way its receiver does. */
function check(name: ExampleName, value: unknown): Checked<unknown> {
  const raw = JSON.stringify(value);
  if (name === "ack") return checkHubAck(raw);
  if (name === "state" || name === "state-offline") return checkStationStatus(topics.state("vault-1"), raw);
  if (name.startsWith("cmd-")) return checkCommand(topics.command("vault-1", name.slice(4) as CommandName), raw);
  return checkStationEvent(topics.event("vault-1", name as EventType), raw);
}

type Path = (string | number)[];

/** Every path to a string in a JSON value. */
function stringPaths(value: unknown, at: Path = []): Path[] {
  if (typeof value === "string") return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

function withString(value: unknown, path: Path, next: (s: string) => string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  node[last] = next(node[last] as string);
  return copy;
}

const leaves = exampleNames.flatMap((name) =>
  stringPaths(loadExample(name)).map((path) => ({ name, path, where: path.join(".") })),
);

describe("every string in the contract", () => {
  it("golden examples still parse", () => {
    for (const name of exampleNames)
      expect({ name, ok: check(name, loadExample(name)).ok }).toEqual({ name, ok: true });
  });

  it.each(leaves)("refuses a NUL in $name $where, naming the field", ({ name, path, where }) => {
    const r = check(
      name,
      withString(loadExample(name), path, (s) => `${s.slice(0, 1)}\u0000${s.slice(1)}`),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(where);
  });

  it.each(leaves)("refuses a 1 MB string in $name $where", ({ name, path }) => {
    const r = check(
      name,
      withString(loadExample(name), path, (s) => s + "x".repeat(1_000_000)),
    );
    expect(r.ok).toBe(false);
  });
});

describe("string rules by field", () => {
  const scan = loadExample("scan") as { employeeId: string; siteId: string; payload: Record<string, unknown> };
  const scanWith = (patch: Record<string, unknown>, payload: Record<string, unknown> = {}) =>
    eventSchemas.scan.safeParse({ ...scan, ...patch, payload: { ...scan.payload, ...payload } });

  it("names the control character and where it sits", () => {
    const r = scanWith({ employeeId: "emp\u0000001" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ["employeeId"],
      message: "control character U+0000 at position 3 is not allowed",
    });
    expect(scanWith({ siteId: "green\u007fleaf" }).error?.issues[0]?.message).toContain("U+007F at position 5");
    expect(scanWith({}, { scannerId: "scanner-1\u009b" }).error?.issues[0]?.message).toContain("U+009B");
  });

  it("accepts each field up to its limit and refuses one character more", () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, number][] = [
      [{}, { scannerId: "s" }, TEXT_MAX.id],
      [{ employeeId: "e" }, {}, TEXT_MAX.id],
      [{ siteId: "s" }, {}, TEXT_MAX.short],
      [{}, { code: "c" }, 512],
    ];
    for (const [envelope, payload, max] of cases) {
      const grow = (n: number) =>
        Object.fromEntries(Object.entries({ ...envelope, ...payload }).map(([k, v]) => [k, String(v).repeat(n)]));
      const fits = grow(max);
      const over = grow(max + 1);
      const inEnvelope = Object.keys(envelope).length > 0;
      expect(inEnvelope ? scanWith(fits).success : scanWith({}, fits).success).toBe(true);
      const r = inEnvelope ? scanWith(over) : scanWith({}, over);
      expect(r.error?.issues[0]?.message).toBe(`at most ${max} characters`);
    }
  });

  it("keeps the GS1 separator and ISO/IEC 15434 framing in a scanned code, and nothing else", () => {
    const gs1 = `]d201008500012345661726063010BD-2610-07${GS}21SN0001`;
    expect(scanWith({}, { code: gs1, classification: classifyBarcode(gs1) }).success).toBe(true);
    expect(scanWith({}, { code: "[)>\u001e06\u001d1PABC\u001e\u0004" }).success).toBe(true);
    expect(scanWith({}, { code: "1A40603000021990\u000000003445" }).error?.issues[0]?.message).toContain(
      "U+0000 at position 16",
    );
    expect(scanWith({}, { code: "1A4060300002199000003445\r" }).success).toBe(false);
  });

  it("classifies a code with a stray control character as invalid, so the station can still record it", () => {
    expect(classifyBarcode("1A4060300002199\u000400003445")).toEqual({
      kind: "invalid",
      reason: "control character U+0004 at position 15 in the code",
    });
    expect(classifyBarcode(`0100850001234566${GS}10LOT9`)).toMatchObject({ kind: "gs1", batch: "LOT9" });
  });

  it("refuses control characters in hub → station commands too", () => {
    const catalog = loadExample("cmd-catalog") as { payload: { items: { name: string }[] } };
    const bad = withString(catalog, ["payload", "items", 0, "name"], (s) => `${s}\n`);
    expect(check("cmd-catalog", bad)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("payload.items.0.name: control character U+000A"),
    });
  });
});

describe("firstControlChar", () => {
  it("finds C0, DEL and C1 characters, skipping the allowed ones", () => {
    expect(firstControlChar("plain text, ünïcödé ✓")).toBe(-1);
    expect(firstControlChar("a\tb")).toBe(1);
    expect(firstControlChar(`a${GS}b\u0085`, GS)).toBe(3);
    expect(firstControlChar("\u00a0 no-break space is printable")).toBe(-1);
  });
});

describe("quotable", () => {
  it("writes control characters out and keeps the result within its bound", () => {
    expect(quotable("0\u001d", 100)).toBe("0<U+001D>");
    expect(quotable("x".repeat(50), 10)).toHaveLength(10);
  });
});
