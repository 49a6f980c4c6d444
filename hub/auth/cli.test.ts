import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLog } from "#hub/log.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { runStationAddCli, runUserPasswordCli, type AuthCliDeps } from "./cli.js";
import { verifyMosquittoPassword } from "./mosquitto-hash.js";
import { createAuthStore } from "./store.js";
import { addEmployee, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { verifyPassword } from "./password.js";

let ledger: TestLedger;
let out: string[];
let err: string[];
let deps: AuthCliDeps;

beforeEach(async () => {
  ledger = await openTestLedger("sqlite");
  out = [];
  err = [];
  deps = {
    db: ledger.db,
    log: silentLog(),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    hubMqtt: { username: "vaultline-hub", password: "hub-secret-pw" },
    passwordCost: TEST_PASSWORD_COST,
  };
});
afterEach(() => ledger.dispose());

describe("station add", () => {
  it("prints id, username and a password that matches the stored Mosquitto hash", async () => {
    expect(await runStationAddCli(["add", "vault-7"], deps)).toBe(0);
    const printed = JSON.parse(out[0] ?? "{}") as Record<string, string>;
    expect(Object.keys(printed)).toEqual(["id", "username", "password"]);
    expect(printed).toMatchObject({ id: "vault-7", username: "vault-7" });
    expect(printed.password?.length).toBeGreaterThanOrEqual(40);
    const stored = await createAuthStore(ledger.db).findStationCredential("vault-7");
    expect(await verifyMosquittoPassword(printed.password ?? "", stored?.password_hash ?? "")).toBe(true);
  });

  it("refuses bad ids, the hub's username, and a second add without --rotate", async () => {
    expect(await runStationAddCli(["add", "Vault/7"], deps)).toBe(2);
    expect(await runStationAddCli(["add", "vaultline-hub"], deps)).toBe(2);
    expect(await runStationAddCli(["add", "vault-7"], deps)).toBe(0);
    expect(await runStationAddCli(["add", "vault-7"], deps)).toBe(1);
    expect(err.join("\n")).toMatch(/lowercase letters[\s\S]*hub's MQTT username[\s\S]*--rotate/);
    expect(await runStationAddCli(["add", "vault-7", "--rotate"], deps)).toBe(0);
    const [first, second] = out.map((l) => JSON.parse(l) as { password: string });
    expect(first?.password).not.toBe(second?.password);
  });

  it("writes a Mosquitto password file with the hub and every station, and the ACL", async () => {
    await runStationAddCli(["add", "vault-1"], deps);
    await runStationAddCli(["add", "vault-2"], deps);
    const dir = mkdtempSync(join(tmpdir(), "vl-mosq-files-"));
    expect(await runStationAddCli(["mosquitto-files", "--out", dir], deps)).toBe(0);
    const lines = readFileSync(join(dir, "passwd"), "utf8").trim().split("\n");
    expect(lines.map((l) => l.split(":")[0])).toEqual(["vaultline-hub", "vault-1", "vault-2"]);
    expect(await verifyMosquittoPassword("hub-secret-pw", lines[0]?.split(":")[1] ?? "")).toBe(true);
    expect(readFileSync(join(dir, "acl"), "utf8")).toContain("pattern write vault/v1/station/%u/event/+");
  });
});

describe("user passwd", () => {
  it("sets a dashboard login for an existing employee only, with a long enough password", async () => {
    await addEmployee(ledger.db, "emp-001", "admin");
    expect(
      await runUserPasswordCli(["passwd", "emp-001", "dana"], { ...deps, readPassword: async () => "short" }),
    ).toBe(1);
    expect(
      await runUserPasswordCli(["passwd", "emp-999", "nobody"], {
        ...deps,
        readPassword: async () => "long enough pw",
      }),
    ).toBe(1);
    expect(
      await runUserPasswordCli(["passwd", "emp-001", "dana"], { ...deps, readPassword: async () => "long enough pw" }),
    ).toBe(0);
    const login = await createAuthStore(ledger.db).findLogin("dana");
    expect(await verifyPassword("long enough pw", login?.passwordHash ?? "")).toBe(true);
    expect(err).toEqual(["user passwd: password needs at least 10 characters", 'user passwd: no employee "emp-999"']);
  });
});

describe("user passwd --sites and user sites", () => {
  it("limits a login to the sites named, refuses a site the hub does not serve, and lifts the limit", async () => {
    await addEmployee(ledger.db, "emp-002", "manager");
    const multi = { ...deps, siteIds: ["oakland", "denver"], readPassword: async () => "long enough pw" };
    const store = createAuthStore(ledger.db);
    expect(await runUserPasswordCli(["passwd", "emp-002", "alex", "--sites", "boulder,oakland"], multi)).toBe(2);
    expect(err.at(-1)).toBe('user passwd: no site "boulder" here: this hub serves oakland, denver');
    expect(await store.findLogin("alex")).toBeUndefined();
    expect(await runUserPasswordCli(["passwd", "emp-002", "alex", "--sites", "oakland"], multi)).toBe(0);
    expect(out.at(-1)).toBe(JSON.stringify({ employeeId: "emp-002", username: "alex", sites: ["oakland"] }));
    expect((await store.findLogin("alex"))?.sites).toEqual(["oakland"]);
    // A new password keeps the limit unless told otherwise.
    expect(await runUserPasswordCli(["passwd", "emp-002", "alex"], multi)).toBe(0);
    expect((await store.findLogin("alex"))?.sites).toEqual(["oakland"]);
    expect(await runUserPasswordCli(["sites", "emp-002", "--sites", "denver,oakland"], multi)).toBe(0);
    expect((await store.findLogin("alex"))?.sites).toEqual(["denver", "oakland"]);
    expect(await runUserPasswordCli(["sites", "emp-002", "--all-sites"], multi)).toBe(0);
    expect((await store.findLogin("alex"))?.sites).toBeNull();
    expect(await runUserPasswordCli(["sites", "emp-404", "--all-sites"], multi)).toBe(1);
    expect(err.at(-1)).toBe('user sites: employee "emp-404" has no dashboard login (set one with user passwd)');
    expect(await runUserPasswordCli(["sites", "emp-002"], multi)).toBe(2);
  });
});
