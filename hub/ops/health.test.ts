import { describe, expect, it } from "vitest";
import { openTestLedger } from "#hub/testing/ledger.js";
import { createHubHealthCheck } from "./health.js";

describe("hub health check", () => {
  it("is healthy while the ledger answers and the loops beat, unhealthy otherwise", async () => {
    const ledger = await openTestLedger("sqlite");
    let loopsOk = true;
    const healthy = createHubHealthCheck({ db: ledger.db, loops: () => loopsOk });
    expect(await healthy()).toBe(true);
    loopsOk = false;
    expect(await healthy()).toBe(false);
    loopsOk = true;
    await ledger.dispose();
    expect(await healthy()).toBe(false);
  });
});
