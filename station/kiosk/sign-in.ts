import { EventEmitter } from "node:events";
import type { Employee } from "#contract/domain.js";
import { verifyPin } from "#contract/pin.js";
import type { Clock } from "#station/clock.js";
import type { SessionData, SessionStore, SignedIn } from "#station/store/session-store.js";

/**
 * Kiosk sign-in: scan a badge, type the PIN on the pad, signed in. Five wrong PINs lock that badge
 * for five minutes; no scan or touch for `idleMs` signs the person out. Only the badge scan and the
 * PIN are needed — the pad is big enough for gloved hands, so no keyboard ever appears.
 */
export interface SignInDeps {
  store: SessionStore;
  employees: { employeeByBadge(badge: string): Employee | undefined };
  clock: Clock;
  /** Idle sign-out after this long without activity, ms. */
  idleMs: number;
  /** Wrong PINs before a badge is locked. */
  maxFailures?: number;
  /** How long a badge stays locked, ms. */
  lockMs?: number;
  /** PIN check; contract/pin.ts `verifyPin` unless a test swaps it. */
  verify?: (pin: string, hash: string) => boolean;
}

/** What the kiosk shows about sign-in. */
export interface SignInView {
  signedIn: { employeeId: string; name: string } | null;
  /** A badge was scanned and the PIN pad is open for it. */
  prompt: { name: string; digits: number } | null;
}

/** A message for the kiosk banner. */
export type Notice = { level: "info" | "error"; text: string };

/** A key on the PIN pad. */
export type PadKey = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "back" | "clear" | "ok" | "cancel";

/** Longest PIN the pad takes, digits. */
export const MAX_PIN_DIGITS = 8;

interface Prompt {
  badge: string;
  employee: Employee;
  digits: string;
  /** When the badge was scanned or a key last pressed, ms since the epoch. */
  touchedAt: number;
}

/** An open PIN pad nobody touches closes after this long, ms. */
export const PROMPT_TIMEOUT_MS = 60_000;

/** The kiosk's sign-in state: the open PIN pad, who is signed in, locked badges. */
export class SignIn {
  /** `changed` fires after every state change, with a notice for the banner when there is one. */
  readonly events = new EventEmitter<{ changed: [Notice | null] }>();
  private data: SessionData;
  private prompt: Prompt | null = null;
  private lastActivity: number;

  constructor(private readonly deps: SignInDeps) {
    this.data = deps.store.read();
    this.lastActivity = this.data.signedIn?.lastActivity ?? deps.clock.now();
  }

  view(): SignInView {
    const s = this.data.signedIn;
    return {
      signedIn: s ? { employeeId: s.employeeId, name: s.name } : null,
      prompt: this.prompt ? { name: this.prompt.employee.name, digits: this.prompt.digits.length } : null,
    };
  }

  /** Employee id stamped on events, when someone is signed in. */
  employeeId(): string | undefined {
    return this.data.signedIn?.employeeId;
  }

  /** A badge was scanned: opens the PIN pad, or says why not. */
  badgeScanned(badge: string): Notice | null {
    const employee = this.deps.employees.employeeByBadge(badge);
    if (!employee) return this.notify({ level: "error", text: `Badge ${badge} is not known at this vault` });
    const lock = this.data.badges[badge];
    const now = this.deps.clock.now();
    if (lock && lock.lockedUntil > now) {
      const minutes = Math.ceil((lock.lockedUntil - now) / 60_000);
      return this.notify({ level: "error", text: `Badge locked after wrong PINs: try again in ${minutes} min` });
    }
    this.prompt = { badge, employee, digits: "", touchedAt: now };
    return this.notify(null);
  }

  /** One press on the PIN pad. */
  async press(key: PadKey): Promise<Notice | null> {
    const p = this.prompt;
    if (!p) return this.notify({ level: "error", text: "Scan your badge first" });
    p.touchedAt = this.deps.clock.now();
    if (key === "cancel") {
      this.prompt = null;
      return this.notify(null);
    }
    if (key === "ok") return this.submit(p);
    if (key === "clear") p.digits = "";
    else if (key === "back") p.digits = p.digits.slice(0, -1);
    else if (p.digits.length < MAX_PIN_DIGITS) p.digits += key;
    return this.notify(null);
  }

  /** Signs the current person out (CMD:SIGN-OUT, the button, or idle). */
  async signOut(reason: string): Promise<Notice | null> {
    if (!this.data.signedIn) return null;
    const name = this.data.signedIn.name;
    this.data.signedIn = null;
    await this.deps.store.save(this.data);
    return this.notify({ level: "info", text: `${name} signed out (${reason})` });
  }

  /**
   * The hub sent a new employee list: whoever is signed in but no longer active is signed out,
   * and an open PIN pad for such a badge closes.
   */
  async employeesChanged(isActive: (employeeId: string) => boolean): Promise<Notice | null> {
    if (this.prompt && !isActive(this.prompt.employee.id)) {
      this.prompt = null;
      this.notify(null);
    }
    const s = this.data.signedIn;
    if (!s || isActive(s.employeeId)) return null;
    return this.signOut("no longer active");
  }

  /** A scan or a touch by the signed-in person keeps the session open. */
  touch(): void {
    this.lastActivity = this.deps.clock.now();
  }

  /**
   * Signs out after `idleMs` without activity, and closes a PIN pad left open for
   * PROMPT_TIMEOUT_MS; call it from a timer. Returns true when it signed someone out.
   */
  async checkIdle(): Promise<boolean> {
    if (this.prompt && this.deps.clock.now() - this.prompt.touchedAt >= PROMPT_TIMEOUT_MS) {
      this.prompt = null;
      this.notify(null);
    }
    if (!this.data.signedIn) return false;
    if (this.deps.clock.now() - this.lastActivity < this.deps.idleMs) return false;
    await this.signOut("idle");
    return true;
  }

  private async submit(p: Prompt): Promise<Notice | null> {
    const verify = this.deps.verify ?? verifyPin;
    if (p.digits.length === 0) return this.notify({ level: "error", text: "Type your PIN, then OK" });
    const now = this.deps.clock.now();
    if (!verify(p.digits, p.employee.pinHash)) return this.fail(p, now);
    this.prompt = null;
    delete this.data.badges[p.badge];
    const signedIn: SignedIn = { employeeId: p.employee.id, name: p.employee.name, since: now, lastActivity: now };
    this.data.signedIn = signedIn;
    this.lastActivity = now;
    await this.deps.store.save(this.data);
    return this.notify({ level: "info", text: `Signed in: ${p.employee.name}` });
  }

  private async fail(p: Prompt, now: number): Promise<Notice> {
    const max = this.deps.maxFailures ?? 5;
    const lock = this.data.badges[p.badge] ?? { failures: 0, lockedUntil: 0 };
    lock.failures += 1;
    p.digits = "";
    let text = `Wrong PIN (${max - lock.failures} tries left)`;
    if (lock.failures >= max) {
      lock.failures = 0;
      lock.lockedUntil = now + (this.deps.lockMs ?? 5 * 60_000);
      this.prompt = null;
      text = `Wrong PIN ${max} times: badge locked for ${Math.round((this.deps.lockMs ?? 300_000) / 60_000)} min`;
    }
    this.data.badges[p.badge] = lock;
    await this.deps.store.save(this.data);
    return this.notify({ level: "error", text }) as Notice;
  }

  private notify(n: Notice | null): Notice | null {
    this.events.emit("changed", n);
    return n;
  }
}
