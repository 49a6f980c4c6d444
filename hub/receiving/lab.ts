/**
 * Lab state and COA summary of a manifest line, from the lab results the state system holds for
 * the package. The kiosk refuses to accept a package whose lab state is not TestPassed or that has
 * no COA, so what is derived here decides what the coordinator may do.
 */
import type { CoaSummary } from "#contract/receiving.js";
import type { Manifest } from "#contract/receiving.js";
import type { LabResult } from "#hub/statesystem/port.js";

type LabState = Manifest["lines"][number]["labState"];

/** One lab test row of a package, as the state system reports it (its package id is not needed here). */
export type LabRow = Omit<LabResult, "packageStateId">;

/**
 * TestPassed when every test row passed, TestFailed when any failed, NotSubmitted when the state
 * system holds no result for the package (nothing to show an inspector, so it cannot be accepted).
 */
export function labStateOf(rows: readonly LabRow[]): LabState {
  if (rows.length === 0) return "NotSubmitted";
  return rows.every((r) => r.testPassed && r.overallPassed) ? "TestPassed" : "TestFailed";
}

function potency(rows: readonly LabRow[], pattern: RegExp): string {
  const row = rows.find((r) => pattern.test(r.testType) && r.level !== null);
  return row ? `${row.level}%` : "not reported";
}

/**
 * The COA summary the kiosk shows, when a result carries a COA document; null otherwise.
 * `documentUrl(fileId)` gives the hub URL where the document opens.
 */
export function coaSummaryOf(rows: readonly LabRow[], documentUrl: (fileId: string) => string): CoaSummary | null {
  const withDoc = rows.find((r) => r.documentFileId !== null);
  if (!withDoc?.documentFileId) return null;
  const dates = rows
    .map((r) => r.performedDate)
    .filter((d): d is string => d !== null && /^\d{4}-\d{2}-\d{2}/.test(d))
    .sort();
  const testedAt = (dates.at(-1) ?? withDoc.performedDate ?? "1970-01-01").slice(0, 10);
  return {
    // The state system's result rows name the testing lab only by license; the COA names it.
    lab: "Licensed testing lab (named on the COA)",
    testedAt,
    thc: potency(rows, /thc/i),
    cbd: potency(rows, /cbd/i),
    overallPassed: labStateOf(rows) === "TestPassed",
    documentUrl: documentUrl(withDoc.documentFileId),
  };
}
