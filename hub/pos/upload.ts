/**
 * An import request as it reaches the web app: multipart (`file`, `format`, `mapping`, `site`
 * fields, as the dashboard's form and `curl -F` send it) or the raw file as the body with those
 * as query parameters (`curl --data-binary @file '…?format=csv&file=sales.csv'`).
 */
import type { Context } from "hono";
import { posSiteOf, type PosConfig, type PosSite } from "./config.js";
import type { ImportRequest } from "./import-service.js";
import { posFormats, type PosFormat } from "./sale-line.js";

/** Largest file the dashboard and API accept, bytes: a busy store's month of Dutchie JSON fits. */
export const POS_UPLOAD_MAX_BYTES = 64 * 1024 * 1024;
/** The paths that take files, for the hub's body limit. */
export const POS_UPLOAD_PATHS = ["/pos/imports", "/api/pos/imports"] as const;

type Fields = {
  format?: string | undefined;
  mapping?: string | undefined;
  site?: string | undefined;
  file?: string | undefined;
};

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

async function fromMultipart(c: Context): Promise<{ fields: Fields; name: string; text: string } | string> {
  const body = await c.req.parseBody();
  const file = body.file;
  if (!(file instanceof File)) return 'choose a file to import (form field "file")';
  return {
    fields: { format: text(body.format), mapping: text(body.mapping), site: text(body.site) },
    name: file.name || "upload",
    text: await file.text(),
  };
}

/** The import the request asks for with where it lands, or the reason it cannot be read (a 400). */
export async function readImportRequest(
  c: Context,
  pos: PosConfig,
): Promise<(Omit<ImportRequest, "actor"> & Omit<PosSite, "site">) | string> {
  const multipart = (c.req.header("content-type") ?? "").startsWith("multipart/form-data");
  const got = multipart
    ? await fromMultipart(c)
    : { fields: c.req.query() as Fields, name: c.req.query("file") ?? "upload", text: await c.req.text() };
  if (typeof got === "string") return got;
  const { fields } = got;
  if (!fields.format || !(posFormats as readonly string[]).includes(fields.format))
    return `format must be one of ${posFormats.join(", ")}`;
  const site = posSiteOf(pos, fields.site);
  if ("reason" in site) return site.reason;
  const mapping = fields.mapping?.trim() || undefined;
  return { format: fields.format as PosFormat, mapping, ...site, file: got.name.slice(0, 200), text: got.text };
}
