/**
 * The hub's one view of the state track-and-trace system. METRC and BioTrack both implement
 * `StateSystem`; nothing else in the hub knows which one it talks to.
 *
 * Reads come back in batches so a sync can store each batch and move its checkpoint
 * (see `SyncBatch`). Writes are plain promises; the submission queue (store/queue.ts) records
 * each one before it calls them.
 */

/** Package status as the state system lists it. */
export type StatePackageStatus = "active" | "on-hold" | "inactive";

export interface StatePackage {
  label: string;
  /** The state system's own id for the package. */
  stateId: string;
  itemName: string;
  itemCategory: string | null;
  quantity: number;
  /** Unit of measure name as the state system spells it ("Grams", "Each"). */
  unit: string;
  location: string | null;
  status: StatePackageStatus;
  labState: string | null;
  note: string | null;
  packagedDate: string | null;
  finishedDate: string | null;
  receivedFromManifest: string | null;
  /** ISO instant of the last change the state system recorded. */
  lastModified: string;
}

export interface StateItem {
  stateId: string;
  name: string;
  category: string | null;
  unit: string | null;
  /** "CountBased" | "WeightBased" | "VolumeBased" */
  quantityType: string | null;
  strain: string | null;
}

export interface StateLocation {
  stateId: string;
  name: string;
  type: string | null;
}

export interface IncomingTransfer {
  stateId: string;
  manifestNumber: string;
  shipperLicense: string;
  shipperName: string;
  packageCount: number;
  receivedPackageCount: number;
  estimatedArrival: string | null;
  receivedAt: string | null;
  voided: boolean;
  lastModified: string;
}

export interface TransferDelivery {
  stateId: string;
  transferId: string;
  packageCount: number;
  receivedPackageCount: number;
  receivedAt: string | null;
}

/** "Shipped" until the receiver accepts or rejects it in the state system. */
export type ShipmentPackageState = "Shipped" | "Accepted" | "Rejected" | "Returned";

export interface TransferPackage {
  deliveryId: string;
  packageStateId: string;
  label: string;
  itemName: string;
  itemCategory: string | null;
  shippedQuantity: number;
  shippedUnit: string;
  receivedQuantity: number | null;
  receivedUnit: string | null;
  state: ShipmentPackageState;
}

export interface LabResult {
  resultId: string;
  packageStateId: string;
  label: string;
  testType: string;
  testPassed: boolean;
  overallPassed: boolean;
  performedDate: string | null;
  level: number | null;
  /** File id of the certificate of analysis (COA), when the lab uploaded one. */
  documentFileId: string | null;
}

export interface AdjustmentReason {
  name: string;
  requiresNote: boolean;
  requiresWasteWeight: boolean;
}

export interface StateReceiptLine {
  label: string;
  quantity: number;
  unit: string;
  /** Money in the store's currency, e.g. 9.99. */
  totalAmount: number;
}

export interface StateReceipt {
  stateId: string;
  /** The hub's own receipt number, sent as ExternalReceiptNumber. */
  externalNumber: string | null;
  /** Local facility date-time as the state system keeps it, no offset. */
  salesDateTime: string;
  customerType: string;
  lines: StateReceiptLine[];
  final: boolean;
  voided: boolean;
  lastModified: string;
}

export interface CoaDocument {
  contentType: string;
  body: Uint8Array;
}

/** Walk bounds for an incremental read; `since` absent means "everything". */
export interface ReadWindow {
  since?: Date;
  until: Date;
}

/**
 * One page of a read. `checkpoint` is set on the last page of a completed lastModified window:
 * everything modified before it has been delivered, so a sync may store it as its checkpoint.
 */
export interface SyncBatch<T> {
  records: T[];
  checkpoint: Date | null;
}

export interface AdjustmentWrite {
  kind: "adjustment";
  label: string;
  /** Signed change in `unit`, e.g. -1.5 grams. */
  quantity: number;
  unit: string;
  reason: string;
  /** YYYY-MM-DD, the facility's local date. */
  date: string;
  note?: string;
}

export interface LocationMoveWrite {
  kind: "location-move";
  label: string;
  location: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface NoteWrite {
  kind: "note";
  label: string;
  note: string;
}

export interface FinishWrite {
  kind: "finish";
  label: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface UnfinishWrite {
  kind: "unfinish";
  label: string;
}

export interface ReceiptWrite {
  kind: "receipt";
  /** The hub's receipt number; unique, sent as ExternalReceiptNumber and used to find it again. */
  externalNumber: string;
  /** The instant of the sale; converted to local facility time for METRC. */
  soldAt: string;
  customerType: "Consumer" | "Patient" | "Caregiver" | "ExternalPatient";
  lines: StateReceiptLine[];
}

export interface ReceiptVoidWrite {
  kind: "receipt-void";
  /** The hub's receipt number of the sale to void. */
  externalNumber: string;
  /** The state system's id of the sale, filled in by the queue from the confirmed receipt. */
  stateId?: string;
}

/**
 * New packages made from one source package (a bulk package split at the vault): METRC's
 * "create package" with the source as the one ingredient of each. `label` is the source's tag
 * (the queue orders writes by it); each new package takes its quantity out of the source.
 */
export interface PackageCreateWrite {
  kind: "package-create";
  /** The source package's tag. */
  label: string;
  /** The item of the new packages, as the state system names it (the source's item). */
  itemName: string;
  /** Where the new packages are, as the state system names the location. */
  location: string;
  /** YYYY-MM-DD, the facility's local date they were made. */
  date: string;
  packages: Array<{
    /** The fresh tag of the new package. */
    label: string;
    /** Taken from the source and held by the new package, in `unit`. */
    quantity: number;
    unit: string;
  }>;
  /** YYYY-MM-DD, carried over from the source when it has one. */
  expirationDate?: string;
  note?: string;
}

export type StateWrite =
  | AdjustmentWrite
  | LocationMoveWrite
  | NoteWrite
  | FinishWrite
  | UnfinishWrite
  | ReceiptWrite
  | ReceiptVoidWrite
  | PackageCreateWrite;

/** What the state system answered to an accepted write. */
export interface WriteOutcome {
  /** Ids the state system gave the new records (receipt id, adjustment ids), if any. */
  stateIds: string[];
}

/**
 * Whether a write whose answer was lost has been applied: "applied" (do not resend),
 * "absent" (safe to send), or "unknown" (the state system cannot tell; a person decides).
 */
export type WriteCheck = "applied" | "absent" | "unknown";

/** A check's verdict, with the ids the state system gave the write when it was applied. */
export interface CheckResult {
  verdict: WriteCheck;
  stateIds: string[];
}

/** Facts needed to tell whether a write was applied, beyond the write itself. */
export interface CheckContext {
  /** How many identical writes the hub already knows to be confirmed (adjustments repeat). */
  confirmedTwins: number;
  /** The queue id the write was sent with, where the state system keeps it (BioTrack's nonce). */
  submissionId?: string;
}

export interface StateSystem {
  readonly kind: "metrc" | "biotrack";
  /** The facility's license number the hub acts for. */
  readonly license: string;

  packages(status: StatePackageStatus, window: ReadWindow): AsyncIterable<SyncBatch<StatePackage>>;
  packageByLabel(label: string): Promise<StatePackage | null>;
  items(window: ReadWindow): AsyncIterable<SyncBatch<StateItem>>;
  locations(): AsyncIterable<SyncBatch<StateLocation>>;
  incomingTransfers(window: ReadWindow): AsyncIterable<SyncBatch<IncomingTransfer>>;
  deliveries(transferId: string): Promise<TransferDelivery[]>;
  deliveryPackages(deliveryId: string): Promise<TransferPackage[]>;
  labResults(packageStateId: string, label: string): Promise<LabResult[]>;
  coaDocument(documentFileId: string): Promise<CoaDocument>;
  adjustmentReasons(): Promise<AdjustmentReason[]>;
  receipts(state: "active" | "inactive", window: ReadWindow): AsyncIterable<SyncBatch<StateReceipt>>;

  /**
   * Sends one write. Throws `StateSystemError`. `submissionId` ties the request-log entries
   * to the queued write.
   */
  submit(write: StateWrite, opts?: { submissionId?: string }): Promise<WriteOutcome>;
  /** Asks the state system whether `write` has already been applied. */
  check(write: StateWrite, ctx: CheckContext): Promise<CheckResult>;
}
