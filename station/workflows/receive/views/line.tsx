import type { CoaSummary } from "#contract/receiving.js";
import { lineFlags, type LineProgress } from "../machine.js";
import { reasonWords } from "../decide.js";
import { acceptBlock } from "../rules.js";
import {
  containerChoices,
  describeTare,
  describeWeight,
  fromGrams,
  profileContainer,
  type Container,
} from "../weight.js";
import { receiveIds } from "./ids.js";
import { directReasons, RejectButton } from "./reasons.js";

const post = (label: string, action: string) => ({
  "hx-post": `/receive/lines/${label}/${action}`,
  "hx-target": `#${receiveIds.lineNotice}`,
});

/** "Item profile's container · 212 g" for the choice list. */
function containerWords(c: Container): string {
  return `${c.name.charAt(0).toUpperCase()}${c.name.slice(1)} · ${c.tareGrams} g`;
}

/**
 * The container the package is weighed in, named with its tare before weighing, and the choice
 * of another one (none, or one of the vault's): its tare is what is subtracted from the gross.
 */
function ContainerChoice({ p, containers }: { p: LineProgress; containers: readonly Container[] }) {
  if (!p.line || p.decision) return <></>;
  const choices = containerChoices(p.line, containers);
  const now = p.container ?? profileContainer(p.line);
  const current =
    choices.find((c) => c.container.name === now.name && c.container.tareGrams === now.tareGrams)?.key ?? "none";
  return (
    <form
      class="rx-container"
      {...post(p.label, "container")}
      hx-trigger="change"
      data-container-tare={String(now.tareGrams)}
    >
      <label>
        <span class="rx-container-word">Container </span>
        <select name="container" class="rx-container-select" aria-label="Container">
          {choices.map((c) => (
            <option value={c.key} selected={c.key === current}>
              {containerWords(c.container)}
            </option>
          ))}
        </select>
      </label>
      {p.weight ? (
        ""
      ) : (
        <span class="rx-container-note">
          {now.tareGrams > 0
            ? `${now.tareGrams} g tare is taken off the scale's weight`
            : "nothing is taken off the scale's weight"}
        </span>
      )}
    </form>
  );
}

/** What a weighed line shows: the container and its tare, then gross, net, and whether it is within tolerance. */
function WeightReadout({ p, containers }: { p: LineProgress; containers: readonly Container[] }) {
  if (!p.line?.weightBased) return <></>;
  if (!p.weight) {
    return (
      <div class="rx-weight rx-weight-waiting" data-weight="waiting">
        <span>
          {p.scans > 0 ? "Put the package on the scale: the weight is taken when it settles" : "Weighed after the scan"}
        </span>
        <ContainerChoice p={p} containers={containers} />
      </div>
    );
  }
  const flagged = p.weight.verdict === "short" || p.weight.verdict === "over";
  return (
    <div
      class={`rx-weight ${flagged ? "rx-weight-flagged" : "rx-weight-ok"}`}
      data-weight={p.weight.verdict}
      data-net-grams={String(p.weight.netGrams)}
    >
      <span>
        <b>{flagged ? `${p.weight.verdict.toUpperCase()} WEIGHT` : "Weight OK"}</b> · {describeWeight(p.weight)}
      </span>
      <span>{describeTare(p.weight)}</span>
      <span class="rx-weight-row">
        {p.decision ? (
          ""
        ) : (
          <button class="rx-btn rx-btn-small" {...post(p.label, "reweigh")}>
            Weigh again
          </button>
        )}
        <ContainerChoice p={p} containers={containers} />
      </span>
    </div>
  );
}

function DecisionButtons({ p }: { p: LineProgress }) {
  const blocked = p.line ? acceptBlock(p.line) : null;
  const needsWeight = p.line?.weightBased && !p.weight;
  const canAccept = p.line && p.scans > 0 && !blocked && !needsWeight;
  const weightOff = p.weight && (p.weight.verdict === "short" || p.weight.verdict === "over");
  // The box shows what was taken: the corrected count once accepted so, else the weighed or shipped quantity.
  const corrected = p.decision?.decision === "accept-corrected" ? p.decision.receivedQuantity : undefined;
  const suggested = p.line
    ? (corrected ?? (p.weight ? fromGrams(p.weight.netGrams, p.line.unit) : undefined) ?? p.line.quantity)
    : 0;
  const direct = directReasons(p);
  return (
    <div class="rx-actions">
      {!p.line && !p.decision ? (
        <button class="rx-btn rx-btn-remove" data-action="remove" {...post(p.label, "remove")}>
          Remove: scanned by mistake
        </button>
      ) : (
        ""
      )}
      {canAccept && !weightOff ? (
        <button class="rx-btn rx-btn-accept" data-action="accept" {...post(p.label, "accept")}>
          Accept {p.line!.quantity} {p.line!.unit}
        </button>
      ) : (
        ""
      )}
      {canAccept ? (
        <form class="rx-corrected" {...post(p.label, "accept-corrected")}>
          <input
            class="rx-qty"
            type="number"
            name="quantity"
            step="any"
            min="0"
            inputmode="decimal"
            value={String(suggested)}
            aria-label="Quantity received"
          />
          <button class="rx-btn rx-btn-correct" data-action="accept-corrected" type="submit">
            Accept this quantity
          </button>
        </form>
      ) : (
        ""
      )}
      {direct.map((r) => (
        <RejectButton label={p.label} reason={r} />
      ))}
      <button
        class="rx-btn rx-btn-reject rx-btn-other"
        data-action="reject-reasons"
        hx-get={`/receive/lines/${p.label}/reasons`}
        hx-target={`#${receiveIds.lineNotice}`}
      >
        {direct.length > 0 ? "Other reason…" : "Reject…"}
      </button>
    </div>
  );
}

/** The decision panel for the current line. */
export function ReceiveLine({
  p,
  containers = [],
}: {
  p: LineProgress | null;
  containers?: readonly Container[] | undefined;
}) {
  if (!p)
    return (
      <div class="rx-line rx-line-empty" data-line-label="">
        Scan a package, or tap a line on the right.
      </div>
    );
  const block = p.line ? acceptBlock(p.line) : null;
  return (
    <div
      class="rx-line"
      data-line-label={p.label}
      data-decision={p.decision?.decision ?? ""}
      data-flags={lineFlags(p).join(" ")}
    >
      <div class="rx-line-head">
        <b class="rx-item">{p.line?.itemName ?? "Not on this manifest"}</b>
        <span class="rx-tag">{p.label}</span>
        {p.line ? (
          <span class="rx-line-facts">
            Shipped {p.line.quantity} {p.line.unit} · Lab: <b class={block ? "rx-bad-text" : ""}>{p.line.labState}</b>
            {p.line.coa ? "" : <b class="rx-bad-text"> · no COA</b>}
            {p.scans > 1 ? <span class="rx-warn-text"> · scanned {p.scans}×</span> : ""}
          </span>
        ) : (
          ""
        )}
        {p.line?.coa ? (
          <button class="rx-btn rx-btn-small" hx-get={`/receive/lines/${p.label}/coa`} hx-target="#rx-coa">
            COA
          </button>
        ) : (
          ""
        )}
      </div>
      {p.line ? (
        ""
      ) : (
        <div class="rx-line-facts rx-bad-text">
          Not on the manifest: remove it if it was scanned by mistake, else it goes to quarantine.
        </div>
      )}
      {block ? (
        <div class="rx-block" data-block={block.reason}>
          {block.text}: cannot be accepted
        </div>
      ) : (
        ""
      )}
      <WeightReadout p={p} containers={containers} />
      {p.decision ? (
        <div class={`rx-decided rx-decided-${p.decision.decision}`} data-decided={p.decision.decision}>
          {p.decision.decision === "reject"
            ? `Rejected (${reasonWords[p.decision.reason!]}) → ${p.decision.location}`
            : `Accepted ${p.decision.receivedQuantity} ${p.decision.unit} → ${p.decision.note ?? p.decision.location}`}
          <small> · tap another choice to change it</small>
        </div>
      ) : (
        ""
      )}
      {/* A refused tap on this panel says why right here, next to its buttons. */}
      <div id={receiveIds.lineNotice} class="rx-notice-slot"></div>
      {p.scans > 0 || !p.line ? (
        <DecisionButtons p={p} />
      ) : (
        <div class="rx-actions">
          <span class="rx-hint">Not scanned yet. If it did not arrive or its tag is wrong:</span>
          <DecisionButtons p={p} />
        </div>
      )}
    </div>
  );
}

/** The COA summary the hub offered with the line. */
export function ReceiveCoa({ label, coa }: { label: string; coa: CoaSummary | null }) {
  if (!coa)
    return (
      <div class="rx-coa" data-coa={label}>
        No certificate of analysis for {label}.
      </div>
    );
  return (
    <div class="rx-coa" data-coa={label} data-coa-passed={String(coa.overallPassed)}>
      <b>COA · {coa.lab}</b> tested {coa.testedAt} · THC {coa.thc} · CBD {coa.cbd} ·{" "}
      <b class={coa.overallPassed ? "rx-ok-text" : "rx-bad-text"}>{coa.overallPassed ? "PASSED" : "FAILED"}</b>
      {/* The station's own page: the hub's document link needs an office sign-in the kiosk lacks. */}
      <>
        {" "}
        · <a href={`/receive/lines/${label}/coa/document`}>full document</a>
      </>
      <button class="rx-btn rx-btn-small" hx-get="/receive/coa/close" hx-target="#rx-coa">
        Close
      </button>
    </div>
  );
}
