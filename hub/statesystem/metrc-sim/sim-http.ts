/** METRC's paging, lastModified windows and error bodies, as the simulator answers them. */
import type { Context } from "hono";
import { METRC_MAX_WINDOW_MS } from "../metrc/windows.js";

/** METRC's ceiling on pageSize (docs of every paginated v2 endpoint). */
export const MAX_PAGE_SIZE = 20;

/** An error the simulator answers as METRC does: `{"Message": …}` with the status. */
export class SimHttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 405,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The v2 envelope for `rows`, honouring pageNumber/pageSize; everything when pageSize is
 * absent. Only the rows of the page are rendered.
 */
export function envelope<T>(c: Context, rows: T[], render: (row: T) => unknown) {
  const sizeParam = c.req.query("pageSize");
  const pageParam = c.req.query("pageNumber");
  const size = sizeParam === undefined ? Math.max(rows.length, 1) : Number(sizeParam);
  if (!Number.isInteger(size) || size < 1)
    throw new SimHttpError(400, "The pageSize value must be a positive whole number.");
  if (sizeParam !== undefined && size > MAX_PAGE_SIZE)
    throw new SimHttpError(400, `The pageSize value must not exceed ${MAX_PAGE_SIZE}.`);
  const page = pageParam === undefined ? 1 : Number(pageParam);
  if (!Number.isInteger(page) || page < 1) throw new SimHttpError(400, "The pageNumber value must be 1 or more.");
  const data = rows.slice((page - 1) * size, page * size).map(render);
  const totalPages = Math.max(1, Math.ceil(rows.length / size));
  return {
    Data: data,
    Total: rows.length,
    TotalRecords: rows.length,
    PageSize: size,
    RecordsOnPage: data.length,
    Page: page,
    CurrentPage: page,
    TotalPages: totalPages,
  };
}

/** The lastModified filter of a request, or null when none was given. */
export function lastModifiedWindow(c: Context): { start: number; end: number } | null {
  const s = c.req.query("lastModifiedStart");
  const e = c.req.query("lastModifiedEnd");
  if (s === undefined && e === undefined) return null;
  if (s === undefined || e === undefined)
    throw new SimHttpError(400, "Both lastModifiedStart and lastModifiedEnd are required.");
  const start = Date.parse(s);
  const end = Date.parse(e);
  if (Number.isNaN(start) || Number.isNaN(end))
    throw new SimHttpError(400, "lastModifiedStart and lastModifiedEnd must be ISO 8601 date-times.");
  if (end < start) throw new SimHttpError(400, "lastModifiedEnd must not be before lastModifiedStart.");
  if (end - start > METRC_MAX_WINDOW_MS)
    throw new SimHttpError(
      400,
      "The date range between lastModifiedStart and lastModifiedEnd must not exceed 24 hours.",
    );
  return { start, end };
}

/** Keeps records whose LastModified falls in the request's window: start included, end excluded, so consecutive windows tile. */
export function inWindow<T extends { lastModified: number }>(c: Context, rows: T[]): T[] {
  const w = lastModifiedWindow(c);
  return w ? rows.filter((r) => r.lastModified >= w.start && r.lastModified < w.end) : rows;
}

/** Reads the JSON array body METRC expects on writes. */
export async function arrayBody(c: Context): Promise<Record<string, unknown>[]> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new SimHttpError(400, "The request body is not valid JSON.");
  }
  if (!Array.isArray(body)) throw new SimHttpError(400, "The request body must be a JSON array.");
  return body.map((r) => (r && typeof r === "object" ? (r as Record<string, unknown>) : {}));
}
