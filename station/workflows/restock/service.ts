/**
 * Restock at the kiosk: feeds the pure machine (machine.ts) with the hub's requests, scans and
 * taps; journals each pick before it is shown, then puts its event in the outbox; tells the open
 * restock screens when anything changed. Works with the hub away: the requests are in the replica,
 * the picks in `restock.journal` and the outbox until the hub acknowledges them.
 *
 *   replica (restock command) ─▶ requests ─┐
 *   scan (workflow "restock") ──────────────┼─▶ machine ─▶ journal (fsync) ─▶ outbox ─▶ hub
 *   taps (/restock/...) ─────────────────────┘          └─▶ screens (SSE), banner + tone on a wrong package
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { Role } from "#contract/domain.js";
import type { Envelope } from "#contract/envelope.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import type { RestockEventPayload } from "#contract/restock.js";
import type { Clock } from "#station/clock.js";
import type { StationScan } from "#station/events.js";
import type { Banner } from "#station/scans/live-feed.js";
import { ScreenWatch } from "../screen-watch.js";
import type { SignedInPerson } from "../workflow.js";
import { RestockJournal, type RestockJournalEntry } from "./journal.js";
import { initialRestock, openRequest, restock, type RestockInput, type RestockState } from "./machine.js";
import type { RestockReplica } from "./replica-view.js";

/** Who picks (takes packages out of the vault), and who may ask for a restock. */
const PICKERS: ReadonlySet<Role> = new Set(["coordinator", "manager", "admin"]);
const ASKERS: ReadonlySet<Role> = new Set(["coordinator", "budtender", "manager", "admin"]);

export interface RestockDeps {
  stationId: string;
  siteId: string;
  file: string;
  log: Logger;
  clock: Clock;
  outbox: { append(env: Envelope): Promise<void> };
  replica: RestockReplica;
  person(): SignedInPerson | null;
  banner(b: Banner): void;
}

export type TapOutcome = { ok: true } | { ok: false; reason: string };

export class Restock {
  readonly events = new EventEmitter<{ changed: [] }>();
  private readonly screens = new ScreenWatch();
  private state: RestockState = initialRestock;
  /** Requests asked for here that the hub has not listed yet. */
  private asked: Array<{ requestId: string; at: string; what: string }> = [];

  private constructor(
    private readonly deps: RestockDeps,
    private readonly journal: RestockJournal,
  ) {
    this.events.setMaxListeners(100);
  }

  /** Opens `restock.journal`, rebuilds what was picked and finished, and sends what never reached the outbox. */
  static async open(deps: RestockDeps): Promise<Restock> {
    await deps.replica.load();
    const { journal, entries } = await RestockJournal.open(deps.file, deps.log);
    const r = new Restock(deps, journal);
    r.state = restock(initialRestock, { type: "requests", requests: deps.replica.requests() }).state;
    await r.replay(entries);
    return r;
  }

  private async replay(entries: readonly RestockJournalEntry[]): Promise<void> {
    const done = new Set(entries.flatMap((e) => (e.k === "done" ? e.ids : [])));
    const listed = new Set(this.state.requests.map((q) => q.requestId));
    const keep: RestockJournalEntry[] = [];
    let picked = { ...this.state.picked };
    let finished = [...this.state.finished];
    let openId: string | null = null;
    for (const e of entries) {
      if (e.k === "done") continue;
      if (e.k === "open") openId = e.requestId;
      else if (e.k === "picked") picked = { ...picked, [e.requestId]: [...(picked[e.requestId] ?? []), e.entry] };
      else if (e.k === "finished") finished = [...finished, e.requestId];
      if (e.k === "open") {
        keep.push(e);
        continue;
      }
      if (!done.has(e.env.id)) await this.deps.outbox.append(e.env);
      if (listed.has(e.requestId) || !done.has(e.env.id)) keep.push(e);
    }
    const keptDone = keep.flatMap((e) => ("env" in e && done.has(e.env.id) ? [e.env.id] : []));
    await this.journal.replace(keptDone.length > 0 ? [...keep, { k: "done", ids: keptDone }] : keep);
    this.state = {
      ...this.state,
      picked,
      finished: finished.filter((f) => listed.has(f)),
      openId: openId && listed.has(openId) ? openId : null,
    };
  }

  current(): RestockState {
    return this.state;
  }

  pending(): ReadonlyArray<{ requestId: string; at: string; what: string }> {
    return this.asked;
  }

  itemList() {
    return this.deps.replica.itemList();
  }

  watching(): boolean {
    return this.screens.watching();
  }

  watch(): () => void {
    return this.screens.watch();
  }

  /** Whether the signed-in person may pick (`pick`) or ask (`ask`), and why not. */
  may(what: "pick" | "ask"): TapOutcome {
    const p = this.deps.person();
    if (!p)
      return {
        ok: false,
        reason: `Sign in with your badge to ${what === "pick" ? "pick a restock" : "ask for a restock"}`,
      };
    if (!(what === "pick" ? PICKERS : ASKERS).has(p.role))
      return {
        ok: false,
        reason: `${p.name} (${p.role}) may not ${what === "pick" ? "take packages out of the vault" : "ask for a restock"}`,
      };
    return { ok: true };
  }

  /** Scans are restock's while a restock screen is open on a request and someone who may pick is signed in. */
  claims(): { sessionId: string } | undefined {
    const r = openRequest(this.state);
    return this.watching() && r && this.may("pick").ok ? { sessionId: r.requestId } : undefined;
  }

  /** The hub sent its requests again (or the catalog changed): read the replica, keep what was picked. */
  async reload(): Promise<void> {
    await this.deps.replica.load();
    const requests = this.deps.replica.requests();
    const listed = new Set(requests.map((r) => r.requestId));
    this.asked = this.asked.filter((a) => !listed.has(a.requestId));
    this.step({ type: "requests", requests });
  }

  /** A scan tied to restock. */
  async onScan(scan: StationScan): Promise<void> {
    if (scan.workflow !== "restock") return;
    const label = scan.classification.kind === "metrc-tag" ? scan.classification.tag : scan.code.trim();
    await this.act({ type: "scan", label, pkg: this.deps.replica.scanned(label), at: scan.at });
    const v = this.state.verdict;
    if (v && v.tone !== "ok") this.deps.banner({ level: "error", text: v.text, sound: true });
  }

  /** A tap on the restock screen. */
  async tap(input: Exclude<RestockInput, { type: "scan" | "requests" }>): Promise<TapOutcome> {
    const may = this.may("pick");
    if (!may.ok) return may;
    return this.act(input);
  }

  /** A restock asked for at the kiosk: sent to the hub, which answers with its pick list. */
  async ask(lines: Array<{ itemId: string; quantity: number }>, note?: string): Promise<TapOutcome> {
    const may = this.may("ask");
    if (!may.ok) return may;
    if (lines.length === 0) return { ok: false, reason: "choose an item and how many" };
    const requestId = newId();
    const env = this.envelope({ action: "request", requestId, lines, ...(note ? { note } : {}) });
    await this.journal.append([{ k: "asked", requestId, env }]);
    await this.deps.outbox.append(env);
    await this.journal.append([{ k: "done", ids: [env.id] }]);
    const names = new Map(this.itemList().map((i) => [i.id, i.name]));
    this.asked.push({
      requestId,
      at: env.at,
      what: lines.map((l) => `${l.quantity} × ${names.get(l.itemId) ?? l.itemId}`).join(", "),
    });
    this.events.emit("changed");
    return { ok: true };
  }

  private envelope(payload: RestockEventPayload): Envelope {
    const who = this.deps.person();
    return eventSchemas.restock.parse({
      id: newId(),
      type: "restock",
      stationId: this.deps.stationId,
      siteId: this.deps.siteId,
      at: new Date(this.deps.clock.now()).toISOString(),
      ...(who ? { employeeId: who.employeeId } : {}),
      payload,
    });
  }

  /** Steps the machine; journals what it decided, then hands its events to the outbox. */
  private async act(input: RestockInput): Promise<TapOutcome> {
    const before = this.state;
    const out = restock(before, input);
    if (out.refused) return { ok: false, reason: out.refused };
    const envs = out.send.map((p) => this.envelope(p));
    const lines: RestockJournalEntry[] = envs.map((env, i) => {
      const p = out.send[i]!;
      if (p.action === "pick") {
        const entry = out.state.picked[p.requestId]!.find((e) => e.label === p.label)!;
        return { k: "picked", requestId: p.requestId, entry, env };
      }
      return { k: "finished", requestId: p.requestId, env };
    });
    if (out.state.openId !== before.openId) lines.push({ k: "open", requestId: out.state.openId });
    if (lines.length > 0) await this.journal.append(lines);
    this.state = out.state;
    for (const env of envs) await this.deps.outbox.append(env);
    if (envs.length > 0) await this.journal.append([{ k: "done", ids: envs.map((e) => e.id) }]);
    this.events.emit("changed");
    return { ok: true };
  }

  private step(input: RestockInput): void {
    this.state = restock(this.state, input).state;
    this.events.emit("changed");
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}
