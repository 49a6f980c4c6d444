import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { insertEvents, toEventRow } from "#hub/ledger/events.js";
import { ORIGIN, signIn } from "#hub/testing/auth-kit.js";
import { DASHBOARD_PASSWORD, startDashboardKit, type DashboardKit } from "#hub/testing/dashboard-kit.js";

/** The package page reads as a record: names, quantities, the manifest, words for codes, facility times. */
const base = eventSchemas.receive.parse(loadExample("receive"));
const LABEL = "1A4060300002199000003445";

function decision(line: Record<string, unknown>, at: string) {
  return eventSchemas.receive.parse({
    ...base,
    id: newId(),
    at,
    employeeId: "e-coordinator",
    payload: {
      action: "line",
      manifestNumber: "0000900003",
      receivingId: "rcv-1",
      line: { label: LABEL, unit: "Each", location: "Vault A-1", ...line },
    },
  });
}

describe("package page history", () => {
  let kit: DashboardKit;
  let cookie: string;
  beforeAll(async () => {
    kit = await startDashboardKit({
      deps: { timeZone: "America/Los_Angeles" },
      prepare: async (ledger) => {
        await insertEvents(ledger.db, [
          toEventRow(
            decision({ decision: "accept-corrected", receivedQuantity: 22 }, "2026-11-27T18:04:12.000Z"),
            "2026-11-27T18:04:13.000Z",
          ),
          toEventRow(
            decision(
              { decision: "reject", receivedQuantity: 24, reason: "damaged-or-tampered", location: "Quarantine" },
              "2026-11-27T18:09:00.000Z",
            ),
            "2026-11-27T18:09:01.000Z",
          ),
        ]);
      },
    });
    cookie = (await signIn(kit.app, "auditor", DASHBOARD_PASSWORD)).cookie;
  });
  afterAll(() => kit?.dispose());

  it("names the employee, the quantity and the manifest, in words, at facility times", async () => {
    const res = await kit.app.request(`${ORIGIN}/packages/${LABEL}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("accepted with corrected quantity 22 Each into Vault A-1, manifest 0000900003");
    expect(html).toContain("rejected 24 Each into Quarantine: damaged or tampered, manifest 0000900003");
    expect(html).toContain("Test coordinator e-coordinator");
    expect(html).not.toContain(">e-coordinator<");
    expect(html).not.toContain("accept-corrected");
    expect(html).toContain("2026-11-27 10:04");
    expect(html).toContain("Times in America/Los_Angeles.");
    expect(html).not.toMatch(/UTC/);
  });
});
