/** Four columns so the whole pad fits beside the facts on an 800×480 panel: OK is never below the fold. */
const layout = [
  ["1", "1"],
  ["2", "2"],
  ["3", "3"],
  ["back", "⌫"],
  ["4", "4"],
  ["5", "5"],
  ["6", "6"],
  ["clear", "Clear"],
  ["7", "7"],
  ["8", "8"],
  ["9", "9"],
  ["cancel", "Cancel"],
  ["0", "0"],
  ["ok", "OK"],
] as const;

/**
 * A PIN pad for a second employee (the witness), posting each key to `action` and swapping
 * `target`. Big keys for gloved hands; digits are never echoed, only dots.
 */
export function WitnessPad(p: { name: string; digits: number; action: string; target: string }) {
  return (
    <div class="vo-witness-pad">
      <p class="vo-pin-who">
        PIN for <b>{p.name}</b>{" "}
        <span aria-label={`${p.digits} digits typed`}>{p.digits === 0 ? "–" : "●".repeat(p.digits)}</span>
      </p>
      <div class="vo-pad">
        {layout.map(([k, label]) => (
          <button
            type="button"
            class={`pad-key vo-key-${k}`}
            hx-post={p.action}
            hx-vals={JSON.stringify({ key: k })}
            hx-target={p.target}
            data-key={k}
          >
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** A count entered on screen: a number field with big +/- free typing, posted to `action`. */
export function CountForm(p: { action: string; target: string; label: string; name?: string; max?: number }) {
  return (
    <form class="vo-form" hx-post={p.action} hx-target={p.target}>
      <input
        class="vo-input"
        name={p.name ?? "units"}
        type="number"
        inputmode="numeric"
        min="1"
        {...(p.max ? { max: String(p.max) } : {})}
        placeholder={p.label}
        aria-label={p.label}
      />
      <button class="vo-btn vo-btn-go" type="submit" data-action="units">
        OK
      </button>
    </form>
  );
}
