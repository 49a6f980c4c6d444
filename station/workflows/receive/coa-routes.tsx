import { Hono } from "hono";
import { TAG_LENGTH } from "#contract/metrc-tag.js";
import type { ManifestLine } from "#contract/receiving.js";
import type { Receiving } from "./service.js";
import { CoaDocumentPage } from "./views/coa-page.js";

const LABEL = new RegExp(`^[0-9A-Z]{${TAG_LENGTH}}$`);

/** How long the hub may take to start answering for a COA document, ms. */
export const COA_FETCH_TIMEOUT_MS = 5000;

/** Content types passed through as the document itself; anything else (a login page) is not the COA. */
const DOCUMENT_TYPES = /^(application\/pdf|image\/)/;

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** The hub's answer for the document: the response to pass through, or why the kiosk shows its own page. */
async function fetchDocument(url: string | undefined, fetchFn: Fetch): Promise<Response | string> {
  if (!url) return "The state system holds no COA document for this package.";
  if (!/^https?:\/\//.test(url))
    return "The station does not know the hub's web address (HUB_PUBLIC_URL is not set on the hub).";
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), COA_FETCH_TIMEOUT_MS);
  try {
    // redirect "manual": a hub with logins answers 303 to its sign-in page, which is not the COA.
    const res = await fetchFn(url, { redirect: "manual", signal: ctl.signal });
    if (res.ok && DOCUMENT_TYPES.test(res.headers.get("content-type") ?? "")) return res;
    void res.body?.cancel();
    if (res.status === 401 || res.status === 403 || (res.status >= 300 && res.status < 400))
      return "The hub keeps the lab's signed PDF behind an office sign-in.";
    return `The hub did not send the document (HTTP ${res.status}).`;
  } catch (e) {
    return ctl.signal.aborted
      ? `The hub did not answer within ${COA_FETCH_TIMEOUT_MS / 1000} s.`
      : `The hub could not be reached (${(e as Error).message}).`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /receive/lines/:label/coa/document — the "full document" link of the kiosk's COA panel.
 * The station fetches the document from the hub and streams it through when the hub hands it out;
 * otherwise (a hub with office logins, no hub address, no answer) it shows its own page with
 * everything the hub sent with the manifest line and why the PDF is not there. Either way the
 * kiosk never lands on the hub's dashboard sign-in, which it cannot get past.
 */
export function receiveCoaRoutes(receiving: Pick<Receiving, "current">, fetchFn: Fetch = fetch) {
  return new Hono().get("/:label/coa/document", async (c) => {
    const label = c.req.param("label");
    if (!LABEL.test(label))
      return c.text(`"${label.slice(0, 40)}" is not a METRC tag of ${TAG_LENGTH} letters and digits`, 400);
    const state = receiving.current();
    const line: ManifestLine | undefined = state?.lines[label]?.line;
    if (!state || !line) return c.text(`${label} is not a line of the open manifest`, 404);
    const doc = await fetchDocument(line.coa?.documentUrl, fetchFn);
    if (typeof doc !== "string") {
      return new Response(doc.body, {
        status: 200,
        headers: {
          "content-type": doc.headers.get("content-type")!,
          "content-disposition": `inline; filename="coa-${label}.pdf"`,
        },
      });
    }
    return c.html(`<!DOCTYPE html>${(<CoaDocumentPage manifest={state.manifest} line={line} why={doc} />).toString()}`);
  });
}
