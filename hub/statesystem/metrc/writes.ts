/**
 * Queued writes as METRC v2 requests, and how to tell from METRC's state whether one that lost
 * its answer was applied.
 */
import type { CheckContext, CheckResult, StatePackage, StateWrite, WriteCheck } from "../port.js";
import type { MetrcRequest } from "./http.js";
import { localDateTime } from "#contract/facility-time.js";
import { checkPackageCreate, packageCreateRequest } from "./package-create.js";
import type { WireAdjustment, WireReceipt } from "./wire.js";

/** The request for one write; every body is a one-element array, as METRC expects arrays. */
export function writeRequest(
  write: Exclude<StateWrite, { kind: "receipt-void" }>,
  timeZone: string,
): Pick<MetrcRequest, "method" | "path" | "body" | "rowLabels"> {
  switch (write.kind) {
    case "adjustment":
      return {
        method: "POST",
        path: "/packages/v2/adjust",
        rowLabels: [write.label],
        body: [
          {
            Label: write.label,
            Quantity: write.quantity,
            UnitOfMeasure: write.unit,
            AdjustmentReason: write.reason,
            AdjustmentDate: write.date,
            ReasonNote: write.note ?? null,
          },
        ],
      };
    case "location-move":
      return {
        method: "PUT",
        path: "/packages/v2/location",
        rowLabels: [write.label],
        body: [{ Label: write.label, Location: write.location, Sublocation: null, MoveDate: write.date }],
      };
    case "note":
      // METRC names this field PackageLabel, unlike the other package writes.
      return {
        method: "PUT",
        path: "/packages/v2/note",
        rowLabels: [write.label],
        body: [{ PackageLabel: write.label, Note: write.note }],
      };
    case "finish":
      return {
        method: "PUT",
        path: "/packages/v2/finish",
        rowLabels: [write.label],
        body: [{ Label: write.label, ActualDate: write.date }],
      };
    case "unfinish":
      return { method: "PUT", path: "/packages/v2/unfinish", rowLabels: [write.label], body: [{ Label: write.label }] };
    case "receipt":
      return {
        method: "POST",
        path: "/sales/v2/receipts",
        rowLabels: [write.lines.map((l) => l.label).join(", ")],
        body: [
          {
            // METRC wants the facility's wall clock with no offset ("must already be in the same time zone as the
            // Facility recording the sales", POST /sales/v2/receipts), e.g. `2016-10-04T16:44:53.000`.
            SalesDateTime: localDateTime(new Date(write.soldAt), timeZone),
            ExternalReceiptNumber: write.externalNumber,
            SalesCustomerType: write.customerType,
            PatientLicenseNumber: null,
            CaregiverLicenseNumber: null,
            IdentificationMethod: null,
            PatientRegistrationLocationId: null,
            Transactions: write.lines.map((l) => ({
              PackageLabel: l.label,
              Quantity: l.quantity,
              UnitOfMeasure: l.unit,
              TotalAmount: l.totalAmount,
            })),
          },
        ],
      };
    case "package-create":
      return packageCreateRequest(write);
  }
}

export interface CheckReads {
  packageByLabel(label: string): Promise<StatePackage | null>;
  adjustments(): Promise<WireAdjustment[]>;
  receiptByExternal(externalNumber: string): Promise<WireReceipt | null>;
}

const only = (verdict: WriteCheck): CheckResult => ({ verdict, stateIds: [] });

/** Decides from METRC's current state whether `write` was applied. */
export async function checkWrite(write: StateWrite, ctx: CheckContext, reads: CheckReads): Promise<CheckResult> {
  if (write.kind === "receipt") {
    // ExternalReceiptNumber is the hub's unique receipt number, so METRC can be asked directly.
    const r = await reads.receiptByExternal(write.externalNumber);
    return r ? { verdict: "applied", stateIds: [String(r.Id)] } : only("absent");
  }
  if (write.kind === "receipt-void") {
    const r = await reads.receiptByExternal(write.externalNumber);
    return r === null
      ? only("unknown")
      : r.ArchivedDate !== null
        ? { verdict: "applied", stateIds: [String(r.Id)] }
        : only("absent");
  }
  return only(await checkPackageWrite(write, ctx, reads));
}

async function checkPackageWrite(
  write: Exclude<StateWrite, { kind: "receipt" | "receipt-void" }>,
  ctx: CheckContext,
  reads: CheckReads,
): Promise<WriteCheck> {
  if (write.kind === "adjustment") {
    const same = (await reads.adjustments()).filter((a) => sameAdjustment(a, write));
    // Identical adjustments can legitimately repeat; only one more than the hub already
    // confirmed means this one went through.
    return same.length > ctx.confirmedTwins ? "applied" : "absent";
  }
  if (write.kind === "package-create") return checkPackageCreate(write, reads.packageByLabel);
  const pkg = await reads.packageByLabel(write.label);
  if (!pkg) return "unknown";
  switch (write.kind) {
    case "location-move":
      return pkg.location === write.location ? "applied" : "absent";
    case "note":
      return pkg.note === write.note ? "applied" : "absent";
    case "finish":
      return pkg.finishedDate !== null ? "applied" : "absent";
    case "unfinish":
      return pkg.finishedDate === null ? "applied" : "absent";
  }
}

function sameAdjustment(a: WireAdjustment, w: Extract<StateWrite, { kind: "adjustment" }>): boolean {
  return (
    a.PackageLabel === w.label &&
    Math.abs(a.AdjustmentQuantity - w.quantity) < 1e-9 &&
    a.AdjustmentReasonName.toLowerCase() === w.reason.toLowerCase() &&
    a.AdjustmentDate.slice(0, 10) === w.date &&
    (a.AdjustmentNote ?? "") === (w.note ?? "")
  );
}
