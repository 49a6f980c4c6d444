/** The METRC simulator's own records, and the seed it starts from. */
import type { ShipmentPackageState } from "../port.js";

/** METRC's quantity types of units and items. */
export type QuantityType = "CountBased" | "WeightBased";

/** An item (product) of the facility. */
export interface SimItem {
  id: number;
  name: string;
  category: string;
  quantityType: QuantityType;
  /** METRC unit of measure name, e.g. "Grams", "Each". */
  unit: string;
  strain: string | null;
  lastModified: number;
}

/** A package of the facility; `quantity` is in `unit`. */
export interface SimPackage {
  id: number;
  label: string;
  itemId: number;
  quantity: number;
  unit: string;
  location: string | null;
  note: string | null;
  /** YYYY-MM-DD */
  packagedDate: string;
  labState: string;
  onHold: boolean;
  finishedDate: string | null;
  manifestNumber: string | null;
  receivedAt: number | null;
  /** ms since epoch */
  lastModified: number;
}

/** One recorded adjustment; `quantity` is the signed change in `unit`. */
export interface SimAdjustment {
  packageId: number;
  label: string;
  quantity: number;
  unit: string;
  reason: string;
  note: string | null;
  date: string;
  recordedAt: number;
}

/** One line of a sales receipt; `totalAmount` in the store's currency. */
export interface SimReceiptLine {
  label: string;
  quantity: number;
  unit: string;
  totalAmount: number;
}

/** A sales receipt; `archivedAt` set when voided (ms since epoch). */
export interface SimReceipt {
  id: number;
  externalNumber: string | null;
  /** Local facility time, no offset, as submitted. */
  salesDateTime: string;
  customerType: string;
  lines: SimReceiptLine[];
  isFinal: boolean;
  archivedAt: number | null;
  recordedAt: number;
  lastModified: number;
}

/** A package on an incoming delivery, before and after the receiver's decision. */
export interface SimDeliveryPackage {
  packageId: number;
  label: string;
  itemId: number;
  shippedQuantity: number;
  unit: string;
  state: ShipmentPackageState;
  receivedQuantity: number | null;
}

/** An incoming transfer with its one delivery (times in ms since epoch). */
export interface SimTransfer {
  id: number;
  deliveryId: number;
  manifestNumber: string;
  shipperLicense: string;
  shipperName: string;
  estimatedArrival: number;
  createdAt: number;
  receivedAt: number | null;
  voided: boolean;
  lastModified: number;
  packages: SimDeliveryPackage[];
}

/** One lab test row of a package; `documentFileId` points at its COA. */
export interface SimLabResult {
  id: number;
  packageId: number;
  label: string;
  testType: string;
  passed: boolean;
  level: number | null;
  performedDate: string;
  documentFileId: number | null;
}

/** An adjustment reason and what it requires. */
export interface SimReason {
  name: string;
  requiresNote: boolean;
  requiresWasteWeight: boolean;
}

/** What the simulator starts from: one licensed retail facility and its inventory. */
export interface SimSeed {
  license: string;
  facilityName: string;
  /** IANA time zone of the facility. */
  timeZone: string;
  items: Array<{ name: string; category: string; quantityType: QuantityType; unit: string; strain?: string }>;
  locations: string[];
  packages: Array<{
    label: string;
    itemName: string;
    quantity: number;
    unit: string;
    location: string;
    packagedDate: string;
    labState?: string;
    onHold?: boolean;
    finishedDate?: string;
    note?: string;
    lastModified?: number;
  }>;
  /** Incoming transfers waiting to be received. */
  transfers?: Array<{
    manifestNumber: string;
    shipperLicense: string;
    shipperName: string;
    estimatedArrival: number;
    packages: Array<{ label: string; itemName: string; quantity: number; unit: string }>;
  }>;
  labResults?: Array<{
    label: string;
    testType: string;
    passed: boolean;
    level?: number;
    performedDate: string;
    withDocument?: boolean;
  }>;
  reasons?: SimReason[];
  /** Sales already reported (their quantities are already out of the packages). */
  receipts?: Array<{ externalNumber: string; soldAt: number; lines: SimReceiptLine[] }>;
}

/** API keys the simulator accepts (HTTP Basic: vendor key as user, user key as password). */
export interface SimKeys {
  vendorKey: string;
  userKey: string;
}

/** The simulator's keys unless told otherwise. */
export const DEFAULT_SIM_KEYS: SimKeys = { vendorKey: "sim-vendor-key", userKey: "sim-user-key" };

/**
 * Adjustment reasons as a retail facility sees them. Names follow METRC's documentation
 * examples and common state lists; which ones require a note is state policy.
 */
export const DEFAULT_REASONS: SimReason[] = [
  { name: "Drying", requiresNote: false, requiresWasteWeight: false },
  { name: "Entry Error", requiresNote: false, requiresWasteWeight: false },
  { name: "Scale Variance", requiresNote: true, requiresWasteWeight: false },
  { name: "Spoilage", requiresNote: true, requiresWasteWeight: false },
  { name: "Theft", requiresNote: true, requiresWasteWeight: false },
  { name: "Waste (Unusable Product)", requiresNote: true, requiresWasteWeight: true },
  { name: "Damage", requiresNote: true, requiresWasteWeight: false },
  { name: "Audit", requiresNote: false, requiresWasteWeight: false },
  { name: "Inventory Count", requiresNote: false, requiresWasteWeight: false },
];

/** METRC units of measure with their quantity type and size relative to the base unit. */
export const UNITS: Record<string, { type: QuantityType; abbreviation: string; toBase: number }> = {
  Each: { type: "CountBased", abbreviation: "ea", toBase: 1 },
  Grams: { type: "WeightBased", abbreviation: "g", toBase: 1 },
  Milligrams: { type: "WeightBased", abbreviation: "mg", toBase: 0.001 },
  Kilograms: { type: "WeightBased", abbreviation: "kg", toBase: 1000 },
  Ounces: { type: "WeightBased", abbreviation: "oz", toBase: 28.349523125 },
  Pounds: { type: "WeightBased", abbreviation: "lb", toBase: 453.59237 },
};
