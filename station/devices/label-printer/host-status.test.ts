import { describe, expect, it } from "vitest";
import { decodeHostStatus, encodeHostStatus, problems } from "./host-status.js";

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
/** The ~HS example from the ZPL II Programming Guide (idle, ready printer). */
const GUIDE_EXAMPLE =
  "\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n";

describe("~HS host status", () => {
  it("parses the guide's example as a ready printer", () => {
    const d = decodeHostStatus(bytes(GUIDE_EXAMPLE));
    expect(d.status).toMatchObject({
      paperOut: false,
      paused: false,
      headOpen: false,
      ribbonOut: false,
      formatsInBuffer: 0,
      labelsRemaining: 0,
    });
    expect(problems(d.status!)).toEqual([]);
    expect(d.rest.length).toBe(0);
  });

  it.each([
    ["paperOut", "paper out"],
    ["headOpen", "head open"],
    ["ribbonOut", "ribbon out"],
    ["paused", "paused"],
  ] as const)("reads %s", (flag, words) => {
    const d = decodeHostStatus(bytes(encodeHostStatus({ [flag]: true })));
    expect(d.status?.[flag]).toBe(true);
    expect(problems(d.status!)).toEqual([words]);
  });

  it("waits for the rest of a reply split across reads", () => {
    const whole = bytes(GUIDE_EXAMPLE);
    const first = decodeHostStatus(whole.subarray(0, 40));
    expect(first.status).toBeUndefined();
    expect(decodeHostStatus(Uint8Array.from([...first.rest, ...whole.subarray(40)])).status).toBeDefined();
  });

  it("skips noise before the reply and reports it", () => {
    const d = decodeHostStatus(bytes(`garbage${GUIDE_EXAMPLE}`));
    expect(d.status).toBeDefined();
    expect(d.discarded).toEqual(["garbage"]);
  });

  it("rejects a reply whose fields do not fit", () => {
    const d = decodeHostStatus(bytes("\x02030,0\x03\r\n\x02001\x03\r\n\x02x\x03\r\n"));
    expect(d.status).toBeUndefined();
    expect(d.discarded[0]).toMatch(/unreadable/);
  });

  it("gives up on endless input without a reply", () => {
    const d = decodeHostStatus(new Uint8Array(300).fill(0x41));
    expect(d.rest.length).toBe(0);
    expect(d.discarded[0]).toMatch(/no complete/);
  });
});
