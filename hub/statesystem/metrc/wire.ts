/**
 * METRC v2 wire records (PascalCase, as METRC sends them) — only the fields the hub reads —
 * and their mapping into the hub's terms (port.ts).
 */
import type {
  AdjustmentReason, IncomingTransfer, LabResult, ShipmentPackageState, StateItem, StateLocation,
  StatePackage, StatePackageStatus, StateReceipt, TransferDelivery, TransferPackage,
} from "../port.js";

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
  Id: number; Label: string; Quantity: number; UnitOfMeasureName: string; LocationName: string | null;
  Note: string | null; PackagedDate: string | null; LabTestingState: string | null; IsOnHold: boolean;
  IsFinished: boolean; FinishedDate: string | null; ArchivedDate: string | null;
  ReceivedFromManifestNumber: string | null; LastModified: string;
  Item: { Id: number; Name: string; ProductCategoryName: string | null };
}

export interface WireItem {
  Id: number; Name: string; ProductCategoryName: string | null; QuantityType: string | number | null;
  UnitOfMeasureName: string | null; StrainName: string | null;
}

export interface WireLocation { Id: number; Name: string; LocationTypeName: string | null }

export interface WireTransfer {
  Id: number; ManifestNumber: string; ShipperFacilityLicenseNumber: string; ShipperFacilityName: string;
  PackageCount: number; ReceivedPackageCount: number; EstimatedArrivalDateTime: string | null;
  ReceivedDateTime: string | null; IsVoided: boolean; LastModified: string;
}

export interface WireDelivery {
  Id: number; DeliveryPackageCount: number; DeliveryReceivedPackageCount: number; ReceivedDateTime: string | null;
}

export interface WireDeliveryPackage {
  PackageId: number; PackageLabel: string; ItemName: string; ItemCategoryName: string | null;
  ShipmentPackageState: string; ShippedQuantity: number; ShippedUnitOfMeasureName: string;
  ReceivedQuantity: number | null; ReceivedUnitOfMeasureName: string | null;
}

export interface WireLabResult {
  PackageId: number; LabTestResultId: number; SourcePackageLabel: string; TestTypeName: string;
  TestPassed: boolean; OverallPassed: boolean; TestPerformedDate: string | null; TestResultLevel: number | null;
  LabTestResultDocumentFileId: number | null;
}

export interface WireReason { Name: string; RequiresNote: boolean; RequiresWasteWeight: boolean }

export interface WireReceipt {
  Id: number; ExternalReceiptNumber: string | null; SalesDateTime: string; SalesCustomerType: string;
  IsFinal: boolean; ArchivedDate: string | null; LastModified: string;
  Transactions: Array<{ PackageLabel: string; QuantitySold?: number; Quantity?: number; UnitOfMeasureName?: string; UnitOfMeasure?: string; TotalPrice?: number; TotalAmount?: number }>;
}

export interface WireAdjustment {
  PackageLabel: string; AdjustmentQuantity: number; AdjustmentUnitOfMeasureName: string;
  AdjustmentReasonName: string; AdjustmentNote: string | null; AdjustmentDate: string;
}

export function toPackage(w: WirePackage, status?: StatePackageStatus): StatePackage {
  const derived: StatePackageStatus = w.IsFinished || w.ArchivedDate ? "inactive" : w.IsOnHold ? "on-hold" : "active";
  return {
    label: w.Label, stateId: String(w.Id), itemName: w.Item?.Name ?? "", itemCategory: w.Item?.ProductCategoryName ?? null,
    quantity: w.Quantity, unit: w.UnitOfMeasureName, location: w.LocationName, status: status ?? derived,
    labState: w.LabTestingState, note: w.Note, packagedDate: w.PackagedDate, finishedDate: w.FinishedDate,
    receivedFromManifest: w.ReceivedFromManifestNumber, lastModified: w.LastModified,
  };
}

export function toItem(w: WireItem): StateItem {
  return {
    stateId: String(w.Id), name: w.Name, category: w.ProductCategoryName, unit: w.UnitOfMeasureName,
    quantityType: w.QuantityType === null ? null : String(w.QuantityType), strain: w.StrainName,
  };
}

export function toLocation(w: WireLocation): StateLocation {
  return { stateId: String(w.Id), name: w.Name, type: w.LocationTypeName };
}

export function toTransfer(w: WireTransfer): IncomingTransfer {
  return {
    stateId: String(w.Id), manifestNumber: w.ManifestNumber, shipperLicense: w.ShipperFacilityLicenseNumber,
    shipperName: w.ShipperFacilityName, packageCount: w.PackageCount, receivedPackageCount: w.ReceivedPackageCount,
    estimatedArrival: w.EstimatedArrivalDateTime, receivedAt: w.ReceivedDateTime, voided: w.IsVoided, lastModified: w.LastModified,
  };
}

export function toDelivery(w: WireDelivery, transferId: string): TransferDelivery {
  return {
    stateId: String(w.Id), transferId, packageCount: w.DeliveryPackageCount,
    receivedPackageCount: w.DeliveryReceivedPackageCount, receivedAt: w.ReceivedDateTime,
  };
}

const SHIPMENT_STATES = new Set(["Shipped", "Accepted", "Rejected", "Returned"]);

export function toTransferPackage(w: WireDeliveryPackage, deliveryId: string): TransferPackage {
  return {
    deliveryId, packageStateId: String(w.PackageId), label: w.PackageLabel, itemName: w.ItemName,
    itemCategory: w.ItemCategoryName, shippedQuantity: w.ShippedQuantity, shippedUnit: w.ShippedUnitOfMeasureName,
    receivedQuantity: w.ReceivedQuantity, receivedUnit: w.ReceivedUnitOfMeasureName,
    state: (SHIPMENT_STATES.has(w.ShipmentPackageState) ? w.ShipmentPackageState : "Shipped") as ShipmentPackageState,
  };
}

export function toLabResult(w: WireLabResult): LabResult {
  return {
    resultId: String(w.LabTestResultId), packageStateId: String(w.PackageId), label: w.SourcePackageLabel,
    testType: w.TestTypeName, testPassed: w.TestPassed, overallPassed: w.OverallPassed,
    performedDate: w.TestPerformedDate, level: w.TestResultLevel,
    documentFileId: w.LabTestResultDocumentFileId === null ? null : String(w.LabTestResultDocumentFileId),
  };
}

export function toReason(w: WireReason): AdjustmentReason {
  return { name: w.Name, requiresNote: w.RequiresNote, requiresWasteWeight: w.RequiresWasteWeight };
}

export function toReceipt(w: WireReceipt): StateReceipt {
  return {
    stateId: String(w.Id), externalNumber: w.ExternalReceiptNumber, salesDateTime: w.SalesDateTime,
    customerType: w.SalesCustomerType, final: w.IsFinal, voided: w.ArchivedDate !== null, lastModified: w.LastModified,
    lines: (w.Transactions ?? []).map((t) => ({
      label: t.PackageLabel, quantity: t.QuantitySold ?? t.Quantity ?? 0,
      unit: t.UnitOfMeasureName ?? t.UnitOfMeasure ?? "", totalAmount: t.TotalPrice ?? t.TotalAmount ?? 0,
    })),
  };
}
