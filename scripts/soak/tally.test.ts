import { describe, expect, it } from "vitest";
import { table, tallyScans, tallyWrites, type SentScan } from "./tally.js";

describe("soak accounting", () => {
  it("counts an acked scan that never landed as lost, and an unanswered one that landed as landed", () => {
    const sent: SentScan[] = [
      { code: "A", drill: "hub-kill", outcome: "acked", eventId: "1" },
      { code: "B", drill: "hub-kill", outcome: "acked", eventId: "2" },
      { code: "C", drill: "station-kill", outcome: "unanswered" },
      { code: "D", drill: "station-kill", outcome: "refused" },
    ];
    const { rows, total, lostCodes } = tallyScans(sent, [
      { id: "1", code: "A" },
      { id: "9", code: "C" },
    ]);
    expect(rows.map((r) => [r.drill, r.sent, r.acked, r.landed, r.lost])).toEqual([
      ["hub-kill", 2, 2, 1, 1],
      ["station-kill", 2, 0, 1, 0],
    ]);
    expect(total).toMatchObject({ sent: 4, acked: 2, refused: 1, unanswered: 1, landed: 2, duplicates: 0, lost: 1 });
    expect(lostCodes).toEqual(["B"]);
  });

  it("counts a code stored under two event ids as one duplicate", () => {
    const { total } = tallyScans(
      [{ code: "A", drill: "d", outcome: "acked", eventId: "1" }],
      [
        { id: "1", code: "A" },
        { id: "2", code: "A" },
      ],
    );
    expect(total).toMatchObject({ landed: 1, duplicates: 1, lost: 0 });
  });

  it("writes: a refused write is not lost; a confirmed write missing from METRC is", () => {
    const states = new Map([
      ["n1", "confirmed"],
      ["n2", "failed"],
      ["n3", "confirmed"],
      ["n4", "pending"],
    ]);
    const copies = new Map([["n1", 2]]);
    expect(tallyWrites(["n1", "n2", "n3", "n4"], states, copies)).toEqual({
      sent: 4,
      acked: 2,
      landed: 1,
      duplicates: 1,
      refused: 1,
      lost: 2,
    });
  });

  it("lays out a table with the first column left-aligned", () => {
    expect(
      table(
        ["drill", "sent"],
        [
          ["a", 5],
          ["total", 10],
        ],
      ),
    ).toBe("drill  sent\na         5\ntotal    10");
  });
});
