import { describe, expect, it } from "vitest";
import { KioskHeader, type HeaderProps } from "./header.js";

const base: HeaderProps = {
  stationId: "vault-1",
  signedIn: null,
  hubConnected: true,
  hubAnswering: true,
  outboxDepth: 0,
};
const html = (over: Partial<HeaderProps>) => (<KioskHeader {...base} {...over} />).toString();

describe("kiosk header", () => {
  it("shows the hub link in three states", () => {
    expect(html({})).toContain('<span class="hub hub-online">Hub online');
    expect(html({ hubConnected: false })).toContain('<span class="hub hub-offline">Hub offline');
    expect(html({ hubAnswering: false })).toContain('<span class="hub hub-stalled">Hub not answering');
  });

  it("shows what is still to send and who is signed in", () => {
    expect(html({})).toContain("all sent");
    expect(html({ outboxDepth: 12 })).toContain("12 to send");
    expect(html({ signedIn: { name: "Dana Reyes" } })).toContain('<span class="who who-in">Dana Reyes</span>');
    expect(html({})).toContain("Not signed in: scan your badge");
  });
});
