import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { createAuthStore } from "./store.js";
import { addEmployee } from "#hub/testing/auth-kit.js";

/** The auth tables behave the same on SQLite and PostgreSQL (migration 0200_auth). */
const dialects = await testDialects();

describe.each(dialects)("auth store on %s", (dialect) => {
  let ledger: TestLedger;
  let store: ReturnType<typeof createAuthStore>;
  const t0 = Date.UTC(2026, 10, 27, 18, 0, 0);

  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    store = createAuthStore(ledger.db);
    await addEmployee(ledger.db, "e-1", "manager");
    await addEmployee(ledger.db, "e-2", "auditor", false);
  });
  afterAll(() => ledger?.dispose());

  it("keeps one login per employee and unique usernames", async () => {
    await store.setLogin("e-1", "dana", "scrypt$hash-1", t0);
    await store.setLogin("e-1", "dana", "scrypt$hash-2", t0 + 1);
    expect(await store.findLogin("dana")).toMatchObject({
      employeeId: "e-1",
      passwordHash: "scrypt$hash-2",
      role: "manager",
      active: true,
    });
    await expect(store.setLogin("e-2", "dana", "scrypt$x", t0)).rejects.toThrow();
    const listed = await store.listEmployeeLogins();
    expect(listed.map((e) => [e.employeeId, e.username, e.active]).sort()).toEqual([
      ["e-1", "dana", true],
      ["e-2", null, false],
    ]);
  });

  it("stores sessions by digest and deletes them per employee", async () => {
    await store.createSession({ idDigest: "d1", employeeId: "e-1", csrfToken: "c1", nowMs: t0, expiresMs: t0 + 1000 });
    expect(await store.findSession("d1")).toMatchObject({
      employeeId: "e-1",
      csrfToken: "c1",
      expiresAt: new Date(t0 + 1000).toISOString(),
    });
    await store.deleteSessionsOf("e-1");
    expect(await store.findSession("d1")).toBeUndefined();
  });

  it("finds live tokens only, and revokes only the owner's", async () => {
    const id = await store.createToken({
      employeeId: "e-1",
      name: "export",
      tokenDigest: "td",
      readOnly: false,
      nowMs: t0,
    });
    expect(await store.findToken("td")).toMatchObject({ id, employeeId: "e-1", readOnly: false });
    expect(await store.revokeToken(id, "e-2", t0)).toBe(false);
    expect(await store.revokeToken(id, "e-1", t0)).toBe(true);
    expect(await store.findToken("td")).toBeUndefined();
    expect(await store.listTokens("e-1")).toEqual([]);
  });

  it("counts failures since the window start and the last success", async () => {
    for (let i = 0; i < 3; i++) await store.recordAttempt("user:x", false, t0 + i * 1000);
    expect((await store.recentFailures("user:x", t0 - 1)).count).toBe(3);
    expect((await store.recentFailures("user:x", t0 + 500)).count).toBe(2);
    await store.recordAttempt("user:x", true, t0 + 5000);
    await store.recordAttempt("user:x", false, t0 + 6000);
    expect(await store.recentFailures("user:x", t0 - 1)).toEqual({
      count: 1,
      lastAt: new Date(t0 + 6000).toISOString(),
    });
  });

  it("replaces a station's credential on rotation", async () => {
    await store.putStationCredential({
      stationId: "vault-1",
      username: "vault-1",
      passwordHash: "$7$1$a$b",
      nowMs: t0,
    });
    await store.putStationCredential({
      stationId: "vault-1",
      username: "vault-1",
      passwordHash: "$7$1$c$d",
      nowMs: t0 + 1,
    });
    expect((await store.findStationCredential("vault-1"))?.password_hash).toBe("$7$1$c$d");
    expect(await store.listStationCredentials()).toHaveLength(1);
  });
});
