/**
 * A package split as METRC's "create packages" request, `POST /packages/v2/` (v1: `POST
 * /packages/v1/create`; metrc-api.md, bruno `Packages/CreatePackagesPackages.bru`): one row per
 * new package, each with the source as its one ingredient, so METRC takes each new package's
 * quantity out of the source.
 */
import type { PackageCreateWrite, StatePackage, WriteCheck } from "../port.js";
import type { MetrcRequest } from "./http.js";

/** The request: one row per new package; `rowLabels` names each row's new tag for METRC's row errors. */
export function packageCreateRequest(
  write: PackageCreateWrite,
): Pick<MetrcRequest, "method" | "path" | "body" | "rowLabels"> {
  return {
    method: "POST",
    path: "/packages/v2/",
    rowLabels: write.packages.map((p) => p.label),
    body: write.packages.map((p) => ({
      Tag: p.label,
      Location: write.location,
      Sublocation: null,
      Item: write.itemName,
      Quantity: p.quantity,
      UnitOfMeasure: p.unit,
      PatientLicenseNumber: null,
      Note: write.note ?? null,
      IsProductionBatch: false,
      ProductionBatchNumber: null,
      IsDonation: false,
      IsTradeSample: false,
      IsFinishedGood: false,
      ProductRequiresRemediation: false,
      UseSameItem: false,
      ActualDate: write.date,
      ExpirationDate: write.expirationDate ?? null,
      SellByDate: null,
      UseByDate: null,
      Ingredients: [{ Package: write.label, Quantity: p.quantity, UnitOfMeasure: p.unit }],
      RequiredLabTestBatches: null,
      ProcessingJobTypeId: null,
      LabTestStageId: null,
    })),
  };
}

/**
 * Whether a creation whose answer was lost went through: every new tag is a package in METRC
 * (applied), none is (absent), or only some are (unknown: METRC applies a request whole or not at
 * all, so a person looks).
 */
export async function checkPackageCreate(
  write: PackageCreateWrite,
  packageByLabel: (label: string) => Promise<StatePackage | null>,
): Promise<WriteCheck> {
  let found = 0;
  for (const p of write.packages) if (await packageByLabel(p.label)) found++;
  if (found === write.packages.length) return "applied";
  return found === 0 ? "absent" : "unknown";
}
