import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runStationAddCli, runUserPasswordCli, type AuthCliDeps } from "#hub/auth/cli.js";
import { listAudit } from "#hub/ledger/audit.js";
import { silentLog } from "#hub/log.js";
import { addEmployee, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";

describe.each(await testDialects())("CLI actions in the audit trail, on %s", (dialect) => {
  let ledger: TestLedger;
  let deps: AuthCliDeps;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await addEmployee(ledger.db, "e-7", "manager");
    deps = {
      db: ledger.db,
      log: silentLog(),
      out: () => undefined,
      err: () => undefined,
      passwordCost: TEST_PASSWORD_COST,
      readPassword: async () => "a long enough password",
      actor: "cli:installer",
    };
  });
  afterAll(async () => ledger?.dispose());

  it("records station add (issued, then rotated) and user passwd and sites, by the shell user; a refused command records nothing", async () => {
    expect(await runStationAddCli(["add", "vault-7"], deps)).toBe(0);
    expect(await runStationAddCli(["add", "vault-7"], deps)).toBe(1);
    expect(await runStationAddCli(["add", "vault-7", "--rotate"], deps)).toBe(0);
    expect(await runUserPasswordCli(["passwd", "e-7", "alex7"], deps)).toBe(0);
    expect(await runUserPasswordCli(["sites", "e-7", "--all-sites"], deps)).toBe(0);
    expect(await runUserPasswordCli(["sites", "e-nobody", "--all-sites"], deps)).toBe(1);
    expect((await listAudit(ledger.db)).map((e) => [e.actor, e.action, e.subject])).toEqual([
      ["cli:installer", "station.credentials.issued", "vault-7"],
      ["cli:installer", "station.credentials.rotated", "vault-7"],
      ["cli:installer", "auth.login.set", "e-7"],
      ["cli:installer", "auth.login.sites", "e-7"],
    ]);
    expect(JSON.stringify(await listAudit(ledger.db))).not.toContain("a long enough password");
  });
});
