/**
 * The hub's database: each module's tables (`hub/<module>/tables.ts`, created by the migrations
 * in `hub/<module>/migrations/`) composed into one type, so that one Kysely handle reads and
 * writes them all without casts.
 */
import type { Kysely, Transaction } from "kysely";
import type { AuthTables } from "#hub/auth/tables.js";
import type { InvestigationsTables } from "#hub/investigations/tables.js";
import type { ChainTables } from "#hub/chain/tables.js";
import type { CountsTables } from "#hub/counts/tables.js";
import type { LedgerTables } from "#hub/ledger/tables.js";
import type { PosTables } from "#hub/pos/tables.js";
import type { QuarantineTables } from "#hub/quarantine/tables.js";
import type { ReceivingTables } from "#hub/receiving/tables.js";
import type { RestockTables } from "#hub/restock/tables.js";
import type { ReportsTables } from "#hub/reports/tables.js";
import type { ReconcileTables } from "#hub/reconcile/tables.js";
import type { SplitTables } from "#hub/split/tables.js";
import type { StateSystemTables } from "#hub/statesystem/tables.js";
import type { WasteTables } from "#hub/waste/tables.js";

/** Every table of the hub, by name. */
export interface Database
  extends
    LedgerTables,
    StateSystemTables,
    AuthTables,
    ReceivingTables,
    PosTables,
    InvestigationsTables,
    RestockTables,
    QuarantineTables,
    ChainTables,
    CountsTables,
    ReportsTables,
    ReconcileTables,
    WasteTables,
    SplitTables {}

/** The hub's Kysely handle or a transaction open on it: what repository functions take. */
export type Db = Kysely<Database> | Transaction<Database>;
