import type { FeedEntry } from "../../live.js";
import { clockTime, describeClass } from "./format.js";

/** One scan in the live feed. */
export function FeedRow(props: { entry: FeedEntry }) {
  const e = props.entry;
  const known = e.classification.kind === "metrc-tag";
  return (
    <tr class={`scan scan-${e.classification.kind}`} data-event={e.id}>
      <td title={e.at}>{clockTime(e.at)}</td>
      <td>{e.stationId}</td>
      <td>
        {e.classification.kind === "metrc-tag" ? (
          <a href={`/packages/${e.classification.tag}`}>
            <code>{e.code}</code>
          </a>
        ) : (
          <code>{e.code}</code>
        )}
      </td>
      <td>{describeClass(e.classification)}</td>
      <td>{e.itemName ?? (known ? <span class="muted">not in catalog</span> : "")}</td>
      <td class="muted">{e.workflow}</td>
    </tr>
  );
}

/** Several scans, newest first, as one SSE swap (prepended to the feed). */
export function FeedRows(props: { entries: readonly FeedEntry[] }) {
  return (
    <>
      {props.entries.map((e) => (
        <FeedRow entry={e} />
      ))}
    </>
  );
}
