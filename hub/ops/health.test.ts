import { describe, expect, it } from "vitest";
import { openTestLedger } from "#hub/testing/ledger.js";
import type { IngestFailure } from "#hub/ingest/ingest.js";
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

  it("is unhealthy once the ingest has failed to store for longer than its grace, not before", async () => {
    const ledger = await openTestLedger("sqlite");
    let t = Date.parse("2026-11-27T18:00:00.000Z");
    let failing: IngestFailure | null = null;
    const healthy = createHubHealthCheck({
      db: ledger.db,
      ingestFailing: () => failing,
      ingestGraceMs: 60_000,
      clock: { now: () => t },
    });
    expect(await healthy()).toBe(true);
    failing = {
      since: new Date(t).toISOString(),
      batches: 1,
      error: "cannot execute INSERT in a read-only transaction",
    };
    t += 59_000;
    expect(await healthy()).toBe(true);
    t += 2_000;
    expect(await healthy()).toBe(false);
    failing = null;
    expect(await healthy()).toBe(true);
    await ledger.dispose();
  });
});
