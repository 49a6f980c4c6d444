/**
 * METRC v2 wire records (PascalCase, as METRC sends them) — only the fields the hub reads —
 * and their mapping into the hub's terms (port.ts).
 */
import type {
  AdjustmentReason,
  IncomingTransfer,
  LabResult,
  ShipmentPackageState,
  StateItem,
  StateLocation,
  StatePackage,
  StatePackageStatus,
  StateReceipt,
  TransferDelivery,
  TransferPackage,
} from "../port.js";
import {
  DeliveryPackageRecord,
  DeliveryRecord,
  ItemRecord,
  LabResultRecord,
  LocationRecord,
  PackageRecord,
  ReasonRecord,
  ReceiptRecord,
  readRecord,
  TransferRecord,
} from "./wire-schemas.js";

/** v2 list envelope. */
export interface Envelope<T> {
  Data: T[];
  Total: number;
  TotalRecords: number;
  PageSize: number;
  RecordsOnPage: number;
  Page: number;
  CurrentPage: number;
  TotalPages: number;
}

export interface WirePackage {
  Id: number;
  Label: string;
  Quantity: number;
  UnitOfMeasureName: string;
  LocationName: string | null;
  Note: string | null;
  PackagedDate: string | null;
  LabTestingState: string | null;
  IsOnHold: boolean;
  IsFinished: boolean;
  FinishedDate: string | null;
  ArchivedDate: string | null;
  ReceivedFromManifestNumber: string | null;
  LastModified: string;
  Item: { Id: number; Name: string; ProductCategoryName: string | null };
}

export interface WireItem {
  Id: number;
  Name: string;
  ProductCategoryName: string | null;
  QuantityType: string | number | null;
  UnitOfMeasureName: string | null;
  StrainName: string | null;
}

export interface WireLocation {
  Id: number;
  Name: string;
  LocationTypeName: string | null;
}

export interface WireTransfer {
  Id: number;
  ManifestNumber: string;
  ShipperFacilityLicenseNumber: string;
  ShipperFacilityName: string;
  PackageCount: number;
  ReceivedPackageCount: number;
  EstimatedArrivalDateTime: string | null;
  ReceivedDateTime: string | null;
  IsVoided: boolean;
  LastModified: string;
}

export interface WireDelivery {
  Id: number;
  DeliveryPackageCount: number;
  DeliveryReceivedPackageCount: number;
  ReceivedDateTime: string | null;
}

export interface WireDeliveryPackage {
  PackageId: number;
  PackageLabel: string;
  ItemName: string;
  ItemCategoryName: string | null;
  ShipmentPackageState: string;
  ShippedQuantity: number;
  ShippedUnitOfMeasureName: string;
  ReceivedQuantity: number | null;
  ReceivedUnitOfMeasureName: string | null;
}

export interface WireLabResult {
  PackageId: number;
  LabTestResultId: number;
  SourcePackageLabel: string;
  TestTypeName: string;
  TestPassed: boolean;
  OverallPassed: boolean;
  TestPerformedDate: string | null;
  TestResultLevel: number | null;
  LabTestResultDocumentFileId: number | null;
}

export interface WireReason {
  Name: string;
  RequiresNote: boolean;
  RequiresWasteWeight: boolean;
}

export interface WireReceipt {
  Id: number;
  ExternalReceiptNumber: string | null;
  SalesDateTime: string;
  SalesCustomerType: string;
  IsFinal: boolean;
  ArchivedDate: string | null;
  LastModified: string;
  Transactions: Array<{
    PackageLabel: string;
    QuantitySold?: number;
    Quantity?: number;
    UnitOfMeasureName?: string;
    UnitOfMeasure?: string;
    TotalPrice?: number;
    TotalAmount?: number;
  }>;
}

export interface WireAdjustment {
  PackageLabel: string;
  AdjustmentQuantity: number;
  AdjustmentUnitOfMeasureName: string;
  AdjustmentReasonName: string;
  AdjustmentNote: string | null;
  AdjustmentDate: string;
}

/** Each mapper checks its record first (wire-schemas.ts) and throws UPSTREAM_BAD_RESPONSE when it is unreadable. */
export function toPackage(record: WirePackage, status?: StatePackageStatus): StatePackage {
  const w = readRecord(PackageRecord, record, "package");
  const derived: StatePackageStatus = w.IsFinished || w.ArchivedDate ? "inactive" : w.IsOnHold ? "on-hold" : "active";
  return {
    label: w.Label,
    stateId: String(w.Id),
    itemName: w.Item?.Name ?? "",
    itemCategory: w.Item?.ProductCategoryName ?? null,
    quantity: w.Quantity,
    unit: w.UnitOfMeasureName,
    location: w.LocationName ?? null,
    status: status ?? derived,
    labState: w.LabTestingState ?? null,
    note: w.Note ?? null,
    packagedDate: w.PackagedDate ?? null,
    finishedDate: w.FinishedDate ?? null,
    receivedFromManifest: w.ReceivedFromManifestNumber ?? null,
    lastModified: w.LastModified,
  };
}

export function toItem(record: WireItem): StateItem {
  const w = readRecord(ItemRecord, record, "item");
  return {
    stateId: String(w.Id),
    name: w.Name,
    category: w.ProductCategoryName ?? null,
    unit: w.UnitOfMeasureName ?? null,
    quantityType: w.QuantityType === null || w.QuantityType === undefined ? null : String(w.QuantityType),
    strain: w.StrainName ?? null,
  };
}

export function toLocation(record: WireLocation): StateLocation {
  const w = readRecord(LocationRecord, record, "location");
  return { stateId: String(w.Id), name: w.Name, type: w.LocationTypeName ?? null };
}

export function toTransfer(record: WireTransfer): IncomingTransfer {
  const w = readRecord(TransferRecord, record, "transfer");
  return {
    stateId: String(w.Id),
    manifestNumber: w.ManifestNumber,
    shipperLicense: w.ShipperFacilityLicenseNumber,
    shipperName: w.ShipperFacilityName,
    packageCount: w.PackageCount,
    receivedPackageCount: w.ReceivedPackageCount,
    estimatedArrival: w.EstimatedArrivalDateTime ?? null,
    receivedAt: w.ReceivedDateTime ?? null,
    voided: w.IsVoided,
    lastModified: w.LastModified,
  };
}

export function toDelivery(record: WireDelivery, transferId: string): TransferDelivery {
  const w = readRecord(DeliveryRecord, record, "delivery");
  return {
    stateId: String(w.Id),
    transferId,
    packageCount: w.DeliveryPackageCount,
    receivedPackageCount: w.DeliveryReceivedPackageCount,
    receivedAt: w.ReceivedDateTime ?? null,
  };
}

const SHIPMENT_STATES = new Set(["Shipped", "Accepted", "Rejected", "Returned"]);

export function toTransferPackage(record: WireDeliveryPackage, deliveryId: string): TransferPackage {
  const w = readRecord(DeliveryPackageRecord, record, "delivery package");
  return {
    deliveryId,
    packageStateId: String(w.PackageId),
    label: w.PackageLabel,
    itemName: w.ItemName,
    itemCategory: w.ItemCategoryName ?? null,
    shippedQuantity: w.ShippedQuantity,
    shippedUnit: w.ShippedUnitOfMeasureName,
    receivedQuantity: w.ReceivedQuantity ?? null,
    receivedUnit: w.ReceivedUnitOfMeasureName ?? null,
    state: (SHIPMENT_STATES.has(w.ShipmentPackageState) ? w.ShipmentPackageState : "Shipped") as ShipmentPackageState,
  };
}

export function toLabResult(record: WireLabResult): LabResult {
  const w = readRecord(LabResultRecord, record, "lab result");
  return {
    resultId: String(w.LabTestResultId),
    packageStateId: String(w.PackageId),
    label: w.SourcePackageLabel,
    testType: w.TestTypeName,
    testPassed: w.TestPassed,
    overallPassed: w.OverallPassed,
    performedDate: w.TestPerformedDate ?? null,
    level: w.TestResultLevel ?? null,
    documentFileId:
      w.LabTestResultDocumentFileId === null || w.LabTestResultDocumentFileId === undefined
        ? null
        : String(w.LabTestResultDocumentFileId),
  };
}

export function toReason(record: WireReason): AdjustmentReason {
  const w = readRecord(ReasonRecord, record, "adjustment reason");
  return { name: w.Name, requiresNote: w.RequiresNote, requiresWasteWeight: w.RequiresWasteWeight };
}

export function toReceipt(record: WireReceipt): StateReceipt {
  const w = readRecord(ReceiptRecord, record, "receipt");
  return {
    stateId: String(w.Id),
    externalNumber: w.ExternalReceiptNumber ?? null,
    salesDateTime: w.SalesDateTime,
    customerType: w.SalesCustomerType,
    final: w.IsFinal,
    voided: w.ArchivedDate !== null,
    lastModified: w.LastModified,
    lines: (w.Transactions ?? []).map((t) => ({
      label: t.PackageLabel,
      quantity: t.QuantitySold ?? t.Quantity ?? 0,
      unit: t.UnitOfMeasureName ?? t.UnitOfMeasure ?? "",
      totalAmount: t.TotalPrice ?? t.TotalAmount ?? 0,
    })),
  };
}
