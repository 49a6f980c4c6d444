import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORIGIN } from "#hub/testing/auth-kit.js";
import { DASHBOARD_PASSWORD, startDashboardKit, type DashboardKit } from "#hub/testing/dashboard-kit.js";

/** An empty or broken sign-in POST is the person's mistake: a 400 with the form again and the reason, never a 500. */
describe("POST /login with nothing usable in it", () => {
  let kit: DashboardKit;
  beforeAll(async () => void (kit = await startDashboardKit()));
  afterAll(() => kit?.dispose());

  const post = (headers: Record<string, string>, body?: string) =>
    kit.app.request(`${ORIGIN}/login`, {
      method: "POST",
      headers: { origin: ORIGIN, ...headers },
      ...(body !== undefined ? { body } : {}),
    });

  const bodies: Array<[string, Record<string, string>, string | undefined]> = [
    ["no body at all", {}, undefined],
    ["an empty form", { "content-type": "application/x-www-form-urlencoded" }, ""],
    ["a multipart body without its boundary", { "content-type": "multipart/form-data" }, ""],
    ["JSON instead of a form", { "content-type": "application/json" }, "{}"],
  ];
  for (const [what, headers, body] of bodies) {
    it(`answers ${what} with 400 and the form, naming the missing username`, async () => {
      const res = await post(headers, body);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('<form method="post" action="/login">');
      expect(html).toMatch(/role="alert">Enter your username\.</);
    });
  }

  it("keeps the username and the page to return to when only the password is missing", async () => {
    const res = await post(
      { "content-type": "application/x-www-form-urlencoded" },
      new URLSearchParams({ username: "manager", next: "/packages" }).toString(),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/role="alert">Enter your password\.</);
    expect(html).toContain('name="username" autocomplete="username" required="" value="manager"');
    expect(html).toContain('name="next" value="/packages"');
  });

  it("still signs in with a complete form", async () => {
    const res = await post(
      { "content-type": "application/x-www-form-urlencoded" },
      new URLSearchParams({ username: "manager", password: DASHBOARD_PASSWORD, next: "/" }).toString(),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/^vl_session=/);
  });
});
