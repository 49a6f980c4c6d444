/** One entry to every parser: format (and mapping) in, sale lines and bad rows out. Pure. */
import type { ColumnMapping } from "../mapping.js";
import type { ParsedFile, PosFormat } from "../sale-line.js";
import { parseDutchie } from "./dutchie.js";
import { parseFlowhub } from "./flowhub.js";
import { parseGenericCsv } from "./generic-csv.js";
import { parseMappedCsv } from "./mapped-csv.js";

export { parseDutchie, parseFlowhub, parseGenericCsv, parseMappedCsv };
export { GENERIC_COLUMNS } from "./generic-csv.js";

/** Parses `text` as `format`; CSV goes through `mapping` when one is given. */
export function parseSalesFile(
  format: PosFormat,
  text: string,
  opts: { timeZone: string; mapping?: ColumnMapping | undefined },
): ParsedFile {
  if (format === "dutchie") return parseDutchie(text, opts);
  if (format === "flowhub") return parseFlowhub(text, opts);
  return opts.mapping ? parseMappedCsv(text, opts.mapping, opts) : parseGenericCsv(text, opts);
}
