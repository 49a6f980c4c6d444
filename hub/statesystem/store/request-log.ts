/** The request log: every request to the state system and its answer, kept for auditors. */
import type { Logger } from "pino";
import { v7 as uuidv7 } from "uuid";
import type { RequestLogSink, RequestRecord } from "../request-record.js";
import type { RequestLogTable } from "#hub/statesystem/tables.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import { coverOne, requestRecord } from "#hub/ledger/audit-records.js";

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

/**
 * Stores one request and its answer with the labels it concerns, and its audit entry
 * (`statesystem.request`, whose detail carries the row's digest: an export lists the row after
 * it), in one transaction (the caller's when it passes one).
 */
export async function storeRequest(db: Db, site: string, r: RequestRecord): Promise<string> {
  const id = uuidv7();
  const row: RequestLogTable = {
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
  };
  const labels = [...new Set(r.labels)].filter((l) => l.length > 0);
  await inTransaction(db, async (trx) => {
    await trx.insertInto("ss_request_log").values(row).execute();
    for (let i = 0; i < labels.length; i += 200) {
      await trx
        .insertInto("ss_request_log_labels")
        .values(labels.slice(i, i + 200).map((label) => ({ label, request_id: id })))
        .execute();
    }
    await appendAuditIn(trx, {
      actor: "statesystem",
      action: "statesystem.request",
      subject: `${r.method} ${r.path.split("?")[0]}`,
      at: r.at,
      detail: { records: coverOne("ss-request", requestRecord(row, labels)), request: id, site, status: r.status },
    });
  });
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
