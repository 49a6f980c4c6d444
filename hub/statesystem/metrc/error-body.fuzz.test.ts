import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParams, jsonTextOf, nastyJson, nastyText, PROTOTYPE_KEYS } from "../../../test/support/fuzz.js";
import { StateSystemError } from "../errors.js";
import { parseErrorBody } from "./error-body.js";

/**
 * METRC error answers under random bodies: whatever METRC (or a proxy in front of it) sends
 * with a failing status, the hub gets one StateSystemError whose code follows the status,
 * whose message is words, and whose row problems name real rows.
 */
const status = fc.oneof(
  fc.constantFrom(400, 401, 403, 404, 405, 413, 429, 500, 502, 503, 504),
  fc.integer({ min: 300, max: 599 }),
);
const row = fc.record({
  row: fc.oneof(fc.nat(30), fc.integer({ min: -3, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
  message: nastyText,
});
const messageObject = fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, "Message", "message"), nastyJson, {
  maxKeys: 3,
});
const body = fc.oneof(
  jsonTextOf(nastyJson),
  jsonTextOf(fc.array(row, { maxLength: 5 })),
  jsonTextOf(fc.record({ Message: fc.oneof(nastyJson, messageObject) })),
  nastyText,
  fc.constantFrom("", "<html><body>502 Bad Gateway</body></html>", "null", "[]", "{}", '{"Message":null}'),
);
const labels = fc.array(fc.stringMatching(/^1A4[0-9A-F]{12}\d{9}$/), { maxLength: 6 });

const expectedCode = (s: number) =>
  s === 401 || s === 403
    ? "UPSTREAM_AUTH"
    : s === 429
      ? "UPSTREAM_RATE_LIMITED"
      : s >= 500
        ? "UPSTREAM_UNAVAILABLE"
        : "UPSTREAM_REJECTED";

describe("METRC error bodies under random input", () => {
  it("any body with any failing status is one typed error with words, a status code and real rows", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("GET", "POST", "PUT", "DELETE"),
        status,
        body,
        labels,
        fc.option(fc.nat(120_000), { nil: undefined }),
        (method, s, text, rowLabels, retryAfterMs) => {
          const e = parseErrorBody({
            method,
            path: "/packages/v2/adjust",
            status: s,
            text,
            rowLabels,
            ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          });
          expect(e).toBeInstanceOf(StateSystemError);
          expect(e.code).toBe(expectedCode(s));
          expect(typeof e.message).toBe("string");
          expect(e.message.length).toBeGreaterThan(0);
          expect(e.context.status).toBe(s);
          expect(e.context.outcomeUnknown).toBe(s >= 500 && method !== "GET");
          for (const r of e.context.rows ?? []) {
            expect(typeof r.message).toBe("string");
            if (r.label !== undefined) expect(rowLabels).toContain(r.label);
          }
        },
      ),
      fuzzParams(1500),
    );
  });

  it("a row body names the package of each row that was sent", () => {
    fc.assert(
      fc.property(
        labels.filter((l) => l.length > 0),
        fc.array(fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 40 })), { minLength: 1, maxLength: 4 }),
        (rowLabels, problems) => {
          const rows = problems.map(([i, message]) => ({ row: i % rowLabels.length, message }));
          const e = parseErrorBody({
            method: "POST",
            path: "/packages/v2/adjust",
            status: 400,
            text: JSON.stringify(rows),
            rowLabels,
          });
          expect(e.context.rows).toEqual(rows.map((r) => ({ ...r, label: rowLabels[r.row] })));
          expect(e.labels).toEqual(rows.map((r) => rowLabels[r.row]));
        },
      ),
      fuzzParams(200),
    );
  });
});

describe("found by fuzzing", () => {
  it("a Message that is an object with its own toString is shown as JSON, not a TypeError", () => {
    const e = parseErrorBody({
      method: "GET",
      path: "/packages/v2/active",
      status: 400,
      text: '{"Message":{"toString":{}}}',
      rowLabels: [],
    });
    expect(e).toMatchObject({ code: "UPSTREAM_REJECTED", message: 'METRC 400: {"toString":{}}' });
  });
});
