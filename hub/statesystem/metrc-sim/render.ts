/** The simulator's records as METRC v2 sends them: every field of shapes.ts, filled in. */
import { localDateTime } from "#contract/facility-time.js";
import type { SimAdjustment, SimItem, SimLabResult, SimPackage, SimReason, SimReceipt, SimTransfer } from "./model.js";
import { UNITS } from "./model.js";
import {
  ADJUSTMENT_FIELDS,
  DELIVERY_FIELDS,
  DELIVERY_PACKAGE_FIELDS,
  FACILITY_FIELDS,
  ITEM_FIELDS,
  LAB_RESULT_FIELDS,
  LOCATION_FIELDS,
  PACKAGE_FIELDS,
  RECEIPT_FIELDS,
  TRANSFER_FIELDS,
} from "./shapes.js";
import type { SimState } from "./state.js";

type Wire = Record<string, unknown>;

/** METRC writes instants with an explicit offset, e.g. 2026-02-08T07:05:59.804361+00:00. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

export function renderItem(i: SimItem): Wire {
  return {
    ...ITEM_FIELDS,
    Id: i.id,
    Name: i.name,
    ProductCategoryName: i.category,
    ProductCategoryType: i.category,
    QuantityType: i.quantityType,
    DefaultLabTestingState: "NotSubmitted",
    UnitOfMeasureName: i.unit,
    ApprovalStatus: "Approved",
    ApprovalStatusDateTime: iso(i.lastModified),
    StrainName: i.strain,
    IsUsed: true,
  };
}

export function renderPackage(state: SimState, p: SimPackage): Wire {
  const item = state.items.get(p.itemId)!;
  const loc = p.location ? state.locations.get(p.location.toLowerCase()) : undefined;
  return {
    ...PACKAGE_FIELDS,
    Id: p.id,
    Label: p.label,
    PackageType: "Product",
    LocationId: loc?.id ?? null,
    LocationName: p.location,
    LocationTypeName: loc ? "Default" : null,
    Quantity: p.quantity,
    UnitOfMeasureName: p.unit,
    UnitOfMeasureAbbreviation: UNITS[p.unit]?.abbreviation ?? "",
    Note: p.note,
    PackagedDate: p.packagedDate,
    InitialLabTestingState: p.labState,
    LabTestingState: p.labState,
    LabTestingStateDate: p.packagedDate,
    ReceivedDateTime: p.receivedAt === null ? null : iso(p.receivedAt),
    ReceivedFromManifestNumber: p.manifestNumber,
    IsOnHold: p.onHold,
    IsOnHoldCombined: p.onHold,
    ArchivedDate: null,
    IsFinished: p.finishedDate !== null,
    FinishedDate: p.finishedDate,
    LastModified: iso(p.lastModified),
    Item: {
      ...PACKAGE_FIELDS.Item,
      Id: item.id,
      Name: item.name,
      ProductCategoryName: item.category,
      UnitOfMeasureName: item.unit,
      StrainName: item.strain,
    },
    ProductLabel: { ...PACKAGE_FIELDS.ProductLabel, QrCount: 1, IsActive: true },
  };
}

export function renderLocation(l: { id: number; name: string }): Wire {
  return {
    ...LOCATION_FIELDS,
    Id: l.id,
    Name: l.name,
    LocationTypeId: 1,
    LocationTypeName: "Default",
    ForPackages: true,
  };
}

export function renderTransfer(state: SimState, t: SimTransfer): Wire {
  const received = t.packages.filter((p) => p.state !== "Shipped").length;
  return {
    ...TRANSFER_FIELDS,
    Id: t.id,
    ManifestNumber: t.manifestNumber,
    ShipperFacilityLicenseNumber: t.shipperLicense,
    ShipperFacilityName: t.shipperName,
    DeliveryCount: 1,
    ReceivedDeliveryCount: t.receivedAt ? 1 : 0,
    PackageCount: t.packages.length,
    ReceivedPackageCount: received,
    ContainsProductPackage: true,
    IsVoided: t.voided,
    CreatedDateTime: iso(t.createdAt),
    LastModified: iso(t.lastModified),
    DeliveryId: t.deliveryId,
    RecipientFacilityLicenseNumber: state.license,
    RecipientFacilityName: state.facilityName,
    ShipmentTypeName: "Transfer",
    ShipmentTransactionType: "Standard",
    EstimatedDepartureDateTime: localDateTime(new Date(t.createdAt), state.timeZone),
    EstimatedArrivalDateTime: localDateTime(new Date(t.estimatedArrival), state.timeZone),
    DeliveryPackageCount: t.packages.length,
    DeliveryReceivedPackageCount: received,
    ReceivedDateTime: t.receivedAt === null ? null : iso(t.receivedAt),
  };
}

export function renderDelivery(state: SimState, t: SimTransfer): Wire {
  const received = t.packages.filter((p) => p.state !== "Shipped").length;
  return {
    ...DELIVERY_FIELDS,
    Id: t.deliveryId,
    ManifestNumber: t.manifestNumber,
    RecipientFacilityLicenseNumber: state.license,
    RecipientFacilityName: state.facilityName,
    ShipmentTypeName: "Transfer",
    ShipmentTransactionType: "Standard",
    EstimatedDepartureDateTime: localDateTime(new Date(t.createdAt), state.timeZone),
    EstimatedArrivalDateTime: iso(t.estimatedArrival),
    PlannedRoute: "Direct",
    DeliveryPackageCount: t.packages.length,
    DeliveryReceivedPackageCount: received,
    ReceivedDateTime: t.receivedAt === null ? null : iso(t.receivedAt),
  };
}

export function renderDeliveryPackages(state: SimState, t: SimTransfer): Wire[] {
  return t.packages.map((p) => {
    const item = state.items.get(p.itemId)!;
    return {
      ...DELIVERY_PACKAGE_FIELDS,
      PackageId: p.packageId,
      PackageLabel: p.label,
      PackageType: "Product",
      ItemId: item.id,
      ItemName: item.name,
      ItemCategoryName: item.category,
      ItemStrainName: item.strain,
      LabTestingState: "TestPassed",
      ShipmentPackageState: p.state,
      ShippedQuantity: p.shippedQuantity,
      ShippedUnitOfMeasureName: p.unit,
      ReceivedQuantity: p.receivedQuantity,
      ReceivedUnitOfMeasureName: p.receivedQuantity === null ? null : p.unit,
    };
  });
}

export function renderLabResult(r: SimLabResult, state: SimState): Wire {
  const pkg = state.packagesById.get(r.packageId);
  const item = pkg ? state.items.get(pkg.itemId) : undefined;
  return {
    ...LAB_RESULT_FIELDS,
    PackageId: r.packageId,
    LabTestResultId: r.id,
    LabFacilityLicenseNumber: "LAB-SIM-0001",
    LabFacilityName: "Simulated Testing Lab",
    SourcePackageLabel: r.label,
    ProductName: item?.name ?? "",
    ProductCategoryName: item?.category ?? "",
    TestPerformedDate: r.performedDate,
    OverallPassed: r.passed,
    LabTestResultDocumentFileId: r.documentFileId,
    ResultReleased: true,
    ResultReleaseDateTime: `${r.performedDate}T00:00:00+00:00`,
    TestTypeName: r.testType,
    TestPassed: r.passed,
    TestResultLevel: r.level,
    TestComment: "",
  };
}

export function renderReceipt(r: SimReceipt): Wire {
  return {
    ...RECEIPT_FIELDS,
    Id: r.id,
    ReceiptNumber: null,
    ExternalReceiptNumber: r.externalNumber,
    SalesDateTime: r.salesDateTime,
    SalesCustomerType: r.customerType,
    TotalPackages: r.lines.length,
    TotalPrice: r.lines.reduce((s, l) => s + l.totalAmount, 0),
    Transactions: r.lines.map((l) => ({
      PackageLabel: l.label,
      QuantitySold: l.quantity,
      UnitOfMeasureName: l.unit,
      TotalPrice: l.totalAmount,
    })),
    IsFinal: r.isFinal,
    ArchivedDate: r.archivedAt === null ? null : iso(r.archivedAt),
    RecordedDateTime: iso(r.recordedAt),
    RecordedByUserName: "API",
    LastModified: iso(r.lastModified),
  };
}

export function renderAdjustment(a: SimAdjustment, state: SimState): Wire {
  const pkg = state.packagesById.get(a.packageId);
  const item = pkg ? state.items.get(pkg.itemId) : undefined;
  return {
    ...ADJUSTMENT_FIELDS,
    PackageId: a.packageId,
    PackageLabel: a.label,
    ItemName: item?.name ?? "",
    ItemCategoryName: item?.category ?? "",
    AdjustmentQuantity: a.quantity,
    AdjustmentUnitOfMeasureName: a.unit,
    AdjustmentUnitOfMeasureAbbreviation: UNITS[a.unit]?.abbreviation ?? "",
    AdjustmentReasonName: a.reason,
    AdjustmentNote: a.note ?? "",
    AdjustmentDate: `${a.date}T00:00:00Z`,
    PackagedDate: pkg ? `${pkg.packagedDate}T00:00:00Z` : "",
    AdjustedByUserName: "API User",
  };
}

export function renderReason(r: SimReason): Wire {
  return {
    Name: r.name,
    RequiresNote: r.requiresNote,
    RequiresWasteWeight: r.requiresWasteWeight,
    RequiresImmatureWasteWeight: false,
    RequiresMatureWasteWeight: false,
  };
}

export function renderFacility(state: SimState): Wire {
  return {
    ...FACILITY_FIELDS,
    FacilityId: 1,
    Name: state.facilityName,
    Alias: state.facilityName,
    DisplayName: state.facilityName,
    FacilityType: { ...FACILITY_FIELDS.FacilityType, IsRetail: true, CanSellToConsumers: true },
    License: { ...FACILITY_FIELDS.License, Number: state.license, LicenseType: "Retailer" },
  };
}
