import { describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { commandSchemas } from "#contract/messages.js";
import { countStep, initialCountState, type CountInput, type CountState } from "./machine.js";

const cmd = commandSchemas.count.parse(loadExample("cmd-count"));
const dana = { employeeId: "emp-001", name: "Dana Reyes" };
const sam = { employeeId: "emp-002", name: "Sam Ortiz" };
const [CART, BULK, PREROLL] = cmd.payload.counts[0]!.lines.map((l) => l.label) as [string, string, string];
const FOUND = "1A4060300002199000009999";

/** The example's count as a first round. */
const firstRound = { ...cmd.payload.counts[0]!, round: 1, recount: undefined };

function run(state: CountState, ...inputs: CountInput[]) {
  let s = state;
  let last = countStep(s, inputs[0]!);
  for (const i of inputs) {
    last = countStep(s, i);
    s = last.state;
  }
  return last;
}

const assigned = run(initialCountState, { type: "assign", counts: [firstRound] }).state;
const opened = run(assigned, { type: "open", countSessionId: firstRound.countSessionId, who: dana }).state;

describe("the blind count at the kiosk", () => {
  it("counts units by hand, a bag by net weight, pre-rolls by unit weight", () => {
    const s = run(
      opened,
      { type: "scan", label: CART, who: dana, at: 1 },
      { type: "enter", label: CART, quantity: 23, who: dana, at: 2 },
      { type: "scan", label: BULK, who: dana, at: 3 },
      { type: "weight", grams: 665.6, stable: true, who: dana, at: 4 },
      { type: "weight", grams: 0, stable: true, who: dana, at: 5 },
      { type: "scan", label: PREROLL, who: dana, at: 6 },
      { type: "weight", grams: 80, stable: true, who: dana, at: 7 },
    ).state;
    const c = s.open!.counted;
    expect(c[CART]).toMatchObject({ quantity: 23, unit: "Each", method: "scan" });
    // 665.6 g gross − 212 g container = 453.6 g of flower.
    expect(c[BULK]).toMatchObject({
      quantity: 453.6,
      unit: "Grams",
      method: "weight",
      grossGrams: 665.6,
      tareGrams: 212,
    });
    // (80 − 18) g ÷ 0.62 g = 100 pre-rolls.
    expect(c[PREROLL]).toMatchObject({ quantity: 100, method: "weight" });
  });

  it("never lets a package take the previous one's weight", () => {
    const s = run(
      opened,
      { type: "scan", label: BULK, who: dana, at: 1 },
      { type: "weight", grams: 665.6, stable: true, who: dana, at: 2 },
      { type: "scan", label: PREROLL, who: dana, at: 3 },
      { type: "weight", grams: 665.6, stable: true, who: dana, at: 4 },
    ).state;
    expect(s.open!.counted[PREROLL]).toBeUndefined();
  });

  it("records a package found that the list does not name, and sends it", () => {
    const step = run(
      opened,
      { type: "scan", label: FOUND, who: dana, at: 1 },
      { type: "enter", label: FOUND, quantity: 4, who: dana, at: 2 },
      { type: "submit", who: dana, at: 3, confirmed: true },
    );
    const found = step.send!.lines.find((l) => l.label === FOUND);
    expect(found).toMatchObject({ quantity: 4, unexpected: true, found: true });
    expect(step.send!.lines.filter((l) => !l.found).map((l) => l.label)).toEqual([CART, BULK, PREROLL]);
  });

  it("asks before submitting packages not found, and then sends every line once", () => {
    const counted = run(
      opened,
      { type: "scan", label: CART, who: dana, at: 1 },
      { type: "enter", label: CART, quantity: 24, who: dana, at: 2 },
    ).state;
    expect(countStep(counted, { type: "submit", who: dana, at: 3, confirmed: false })).toMatchObject({
      confirm: { notFound: 2 },
    });
    const sent = countStep(counted, { type: "submit", who: dana, at: 3, confirmed: true });
    expect(sent.send).toMatchObject({
      round: 1,
      lines: [
        { label: CART, quantity: 24, found: true },
        { label: BULK, quantity: 0, found: false },
        { label: PREROLL, found: false },
      ],
    });
    expect(sent.state.submitted[firstRound.countSessionId]).toBe(1);
    expect(
      countStep(sent.state, { type: "open", countSessionId: firstRound.countSessionId, who: dana }).refused,
    ).toMatch(/waiting for the hub/);
  });

  it("refuses bad units with a reason", () => {
    const s = run(opened, { type: "scan", label: CART, who: dana, at: 1 }).state;
    expect(countStep(s, { type: "enter", label: CART, quantity: 2.5, who: dana, at: 2 }).refused).toBe(
      "count whole units",
    );
    expect(countStep(s, { type: "enter", label: BULK, quantity: 2, who: dana, at: 2 }).refused).toMatch(
      /scan the package/,
    );
    expect(countStep(s, { type: "enter", label: CART, quantity: 1e6, who: dana, at: 2 }).refused).toMatch(
      /not believable/,
    );
  });

  it("recounts only what the hub asked, never by the first counter", () => {
    const recount = run(initialCountState, { type: "assign", counts: cmd.payload.counts }).state;
    expect(countStep(recount, { type: "open", countSessionId: firstRound.countSessionId, who: dana }).refused).toMatch(
      /different employee: Dana Reyes/,
    );
    const s = countStep(recount, { type: "open", countSessionId: firstRound.countSessionId, who: sam }).state;
    expect(countStep(s, { type: "scan", label: BULK, who: sam, at: 1 }).refused).toMatch(/not asked/);
    const step = run(
      s,
      { type: "scan", label: CART, who: sam, at: 1 },
      { type: "enter", label: CART, quantity: 23, who: sam, at: 2 },
      { type: "submit", who: sam, at: 3, confirmed: false },
    );
    expect(step.send).toMatchObject({ round: 2, lines: [{ label: CART, quantity: 23, employeeId: "emp-002" }] });
  });

  it("keeps the open count through a repeated assignment and closes it when the hub withdraws it", () => {
    const s = run(opened, { type: "scan", label: CART, who: dana, at: 1 }).state;
    expect(countStep(s, { type: "assign", counts: [firstRound] }).state.open?.current).toBe(CART);
    expect(countStep(s, { type: "assign", counts: [] }).state).toEqual({ counts: [], submitted: {}, open: null });
  });
});
