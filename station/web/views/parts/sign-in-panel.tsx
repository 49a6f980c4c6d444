import type { SignInView } from "#station/kiosk/sign-in.js";
import { ids } from "../ids.js";

const padKeys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"] as const;
const keyLabels: Record<string, string> = { clear: "Clear", back: "⌫" };

function PadButton({ k, label, cls }: { k: string; label: string; cls?: string }) {
  return (
    <button
      type="button"
      class={`pad-key ${cls ?? ""}`}
      hx-post="/sign-in/key"
      hx-vals={JSON.stringify({ key: k })}
      hx-target={`#${ids.signIn}`}
    >
      {label}
    </button>
  );
}

/** PIN pad after a badge scan; big keys for gloved hands. Digits are never echoed, only dots. */
function PinPad({ name, digits }: { name: string; digits: number }) {
  return (
    <div class="pinpad">
      <div class="pinpad-head">
        <p class="pinpad-who">
          PIN for <b>{name}</b>
        </p>
        <p class="pinpad-dots" aria-label={`${digits} digits typed`}>
          {digits === 0 ? "–" : "●".repeat(digits)}
        </p>
      </div>
      <div class="pad">
        {padKeys.map((k) => (
          <PadButton k={k} label={keyLabels[k] ?? k} />
        ))}
        <PadButton k="cancel" label="Cancel" cls="pad-cancel" />
        <PadButton k="ok" label="OK" cls="pad-ok" />
      </div>
    </div>
  );
}

/** The sign-in corner: the PIN pad, the signed-in person with a sign-out button, or a hint. */
export function SignInPanel({ view }: { view: SignInView }) {
  if (view.prompt) return <PinPad name={view.prompt.name} digits={view.prompt.digits} />;
  if (view.signedIn) {
    return (
      <div class="signed-in">
        <p>
          Signed in: <b>{view.signedIn.name}</b>
        </p>
        <button type="button" class="big-button" hx-post="/sign-in/sign-out" hx-target={`#${ids.signIn}`}>
          Sign out
        </button>
      </div>
    );
  }
  return <p class="sign-in-hint">Scan your badge to sign in.</p>;
}
