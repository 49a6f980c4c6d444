import type { ScanRow } from "#station/scans/live-feed.js";
import { DEFAULT_TIME_ZONE, facilityClock } from "#contract/facility-time.js";
import { describeClassification } from "./classification.js";

/** A tag the replica does not know (yet): one scanned to receive it is arriving, not a stranger. */
function unknownTag(row: ScanRow): string {
  return row.workflow === "receive"
    ? "scanned to receive: in the catalog once the hub records it"
    : "not in this vault's catalog";
}

/** One scan: time, classification, code, item and location or detail, recorded mark. */
export function ScanFeedRow({ row, timeZone = DEFAULT_TIME_ZONE }: { row: ScanRow; timeZone?: string | undefined }) {
  const words = describeClassification(row.classification);
  return (
    <li class={`scan tone-${words.tone}`} data-scan-id={row.id}>
      <span class="scan-time">{facilityClock(row.at, timeZone)}</span>
      <span class="scan-kind">{words.label}</span>
      <span class="scan-code">{row.code}</span>
      <span class="scan-detail">
        {row.pkg ? (
          <>
            <b>{row.pkg.itemName}</b> · {row.pkg.location}
          </>
        ) : row.classification.kind === "metrc-tag" ? (
          unknownTag(row)
        ) : (
          words.detail
        )}
        {row.employeeId ? "" : <em class="scan-nobody"> · no one signed in</em>}
      </span>
      <span class="scan-recorded" title="saved on this station">
        {row.recorded ? (
          <>
            ✓<span class="word"> recorded</span>
          </>
        ) : (
          "not recorded"
        )}
      </span>
    </li>
  );
}

/** The live feed, newest first, its times in the facility's zone (the header names it). */
export function ScanFeed({ rows, timeZone }: { rows: readonly ScanRow[]; timeZone?: string | undefined }) {
  if (rows.length === 0) return <p class="feed-empty">Scan a package, a product code or your badge.</p>;
  return (
    <ol class="feed">
      {rows.map((row) => (
        <ScanFeedRow row={row} timeZone={timeZone} />
      ))}
    </ol>
  );
}
