/**
 * POS import on the hub: Dutchie, Flowhub, the Vaultline sales CSV and mapped CSV exports to sale
 * lines, landed all or nothing and once. The rest of the hub imports from here.
 */
export { posModule, posUploadLimits } from "./module.js";
export { posCommand } from "./cli.js";
export { importSales, landed, type ImportReport, type ImportRequest, type ImportDeps } from "./import-service.js";
export { salesOfDay, netSalesOfDay, recentImports, type StoredSale, type NetSale, type ImportSummary } from "./queries.js";
export { posApi, posPages, type PosRoutesDeps } from "./routes.js";
export { parseSalesFile } from "./parsers/index.js";
export { ColumnMappingSchema, type ColumnMapping } from "./mapping.js";
export type { SaleLine, RowError, PosFormat } from "./sale-line.js";
export type { PosTables } from "./tables.js";
