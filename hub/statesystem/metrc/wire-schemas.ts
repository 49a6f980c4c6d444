/**
 * What the hub requires of each METRC v2 record it reads (the fields wire.ts maps), checked
 * before mapping. A record METRC (or a proxy in front of it) sends in another shape is refused
 * with the field that is wrong, as UPSTREAM_BAD_RESPONSE, instead of a TypeError deep in a
 * mapper or a number stored where the ledger expects a label. Fields METRC may leave out or
 * send as null are `nullish`; unknown fields pass (METRC adds fields within a version).
 */
import { z } from "zod";
import { StateSystemError } from "../errors.js";

const Id = z.union([z.number(), z.string().min(1)]);
const Text = z.string().nullish();
const Flag = z.boolean().nullish();

export const PackageRecord = z.object({
  Id,
  Label: z.string().min(1),
  Quantity: z.number(),
  UnitOfMeasureName: z.string(),
  LocationName: Text,
  Note: Text,
  PackagedDate: Text,
  LabTestingState: Text,
  IsOnHold: Flag,
  IsFinished: Flag,
  FinishedDate: Text,
  ArchivedDate: Text,
  ReceivedFromManifestNumber: Text,
  LastModified: z.string(),
  Item: z.object({ Name: Text, ProductCategoryName: Text }).nullish(),
});

export const ItemRecord = z.object({
  Id,
  Name: z.string(),
  ProductCategoryName: Text,
  QuantityType: z.union([z.string(), z.number()]).nullish(),
  UnitOfMeasureName: Text,
  StrainName: Text,
});

export const LocationRecord = z.object({ Id, Name: z.string(), LocationTypeName: Text });

export const TransferRecord = z.object({
  Id,
  ManifestNumber: z.string(),
  ShipperFacilityLicenseNumber: z.string(),
  ShipperFacilityName: z.string(),
  PackageCount: z.number(),
  ReceivedPackageCount: z.number(),
  EstimatedArrivalDateTime: Text,
  ReceivedDateTime: Text,
  IsVoided: z.boolean(),
  LastModified: z.string(),
});

export const DeliveryRecord = z.object({
  Id,
  DeliveryPackageCount: z.number(),
  DeliveryReceivedPackageCount: z.number(),
  ReceivedDateTime: Text,
});

export const DeliveryPackageRecord = z.object({
  PackageId: Id,
  PackageLabel: z.string().min(1),
  ItemName: z.string(),
  ItemCategoryName: Text,
  ShipmentPackageState: z.string(),
  ShippedQuantity: z.number(),
  ShippedUnitOfMeasureName: z.string(),
  ReceivedQuantity: z.number().nullish(),
  ReceivedUnitOfMeasureName: Text,
});

export const LabResultRecord = z.object({
  PackageId: Id,
  LabTestResultId: Id,
  SourcePackageLabel: z.string(),
  TestTypeName: z.string(),
  TestPassed: z.boolean(),
  OverallPassed: z.boolean(),
  TestPerformedDate: Text,
  TestResultLevel: z.number().nullish(),
  LabTestResultDocumentFileId: Id.nullish(),
});

export const ReasonRecord = z.object({
  Name: z.string().min(1),
  RequiresNote: z.boolean(),
  RequiresWasteWeight: z.boolean(),
});

export const ReceiptRecord = z.object({
  Id,
  ExternalReceiptNumber: Text,
  SalesDateTime: z.string(),
  SalesCustomerType: z.string(),
  IsFinal: z.boolean(),
  ArchivedDate: Text,
  LastModified: z.string(),
  Transactions: z
    .array(
      z.object({
        PackageLabel: z.string().min(1),
        QuantitySold: z.number().optional(),
        Quantity: z.number().optional(),
        UnitOfMeasureName: z.string().optional(),
        UnitOfMeasure: z.string().optional(),
        TotalPrice: z.number().optional(),
        TotalAmount: z.number().optional(),
      }),
    )
    .nullish(),
});

/**
 * The record checked against its schema.
 * @throws StateSystemError UPSTREAM_BAD_RESPONSE naming the record kind and each wrong field.
 */
export function readRecord<S extends z.ZodType>(schema: S, record: unknown, kind: string): z.infer<S> {
  const r = schema.safeParse(record);
  if (r.success) return r.data;
  const fields = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(record)"}: ${i.message}`)
    .join("; ");
  throw new StateSystemError(`METRC sent a ${kind} record the hub cannot read (${fields})`, "UPSTREAM_BAD_RESPONSE");
}
