const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"] as const;
const labels: Record<string, string> = { clear: "Clear", back: "⌫" };

/**
 * A PIN pad for a second employee (the witness), posting each key to `action` and swapping
 * `target`. Big keys for gloved hands; digits are never echoed, only dots.
 */
export function WitnessPad(p: { name: string; digits: number; action: string; target: string }) {
  const key = (k: string, label: string, cls = "") => (
    <button
      type="button"
      class={`pad-key ${cls}`}
      hx-post={p.action}
      hx-vals={JSON.stringify({ key: k })}
      hx-target={p.target}
      data-key={k}
    >
      {label}
    </button>
  );
  return (
    <div class="vo-witness-pad">
      <p class="vo-big">
        PIN for <b>{p.name}</b>{" "}
        <span aria-label={`${p.digits} digits typed`}>{p.digits === 0 ? "–" : "●".repeat(p.digits)}</span>
      </p>
      <div class="vo-pad">
        {keys.map((k) => key(k, labels[k] ?? k))}
        {key("cancel", "Cancel", "pad-cancel")}
        {key("ok", "OK", "pad-ok")}
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
