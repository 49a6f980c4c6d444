/** The request log: every request to the state system and its answer, kept for auditors. */
import type { Logger } from "pino";
import { v7 as uuidv7 } from "uuid";
import type { RequestLogSink, RequestRecord } from "../request-record.js";
import type { RequestLogTable } from "#hub/statesystem/tables.js";
import type { Db } from "#hub/store/database.js";

/** A sink that stores each record of `site`'s state system with the labels it concerns; a storage failure is logged, never thrown. */
export function requestLogSink(db: Db, log: Logger, site: string): RequestLogSink {
  return async (r: RequestRecord) => {
    try {
      await storeRequest(db, site, r);
    } catch (err) {
      log.error({ err, path: r.path, code: "DB_UNAVAILABLE" }, "state system request not kept in the request log");
    }
  };
}

export async function storeRequest(db: Db, site: string, r: RequestRecord): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto("ss_request_log")
    .values({
      id,
      site_id: site,
      at: r.at,
      system: r.system,
      method: r.method,
      path: r.path,
      request_body: r.requestBody,
      status: r.status,
      response_body: r.responseBody,
      error: r.error,
      duration_ms: Math.round(r.durationMs),
      attempt: r.attempt,
      submission_id: r.submissionId,
    })
    .execute();
  const labels = [...new Set(r.labels)].filter((l) => l.length > 0);
  for (let i = 0; i < labels.length; i += 200) {
    await db
      .insertInto("ss_request_log_labels")
      .values(labels.slice(i, i + 200).map((label) => ({ label, request_id: id })))
      .execute();
  }
  return id;
}

/** Requests to `site`'s state system that concerned one package, newest first. */
export async function requestsForPackage(db: Db, site: string, label: string, limit = 100): Promise<RequestLogTable[]> {
  return db
    .selectFrom("ss_request_log_labels as l")
    .innerJoin("ss_request_log as r", "r.id", "l.request_id")
    .selectAll("r")
    .where("l.label", "=", label)
    .where("r.site_id", "=", site)
    .orderBy("r.id", "desc")
    .limit(limit)
    .execute();
}
