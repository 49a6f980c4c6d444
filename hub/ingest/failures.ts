import type { Clock } from "../clock.js";
import type { Log } from "../log.js";

/** Set while the ledger keeps failing to store batches; /api/health reports it. */
export interface IngestFailure {
  /** When the first batch of this run of failures was not stored (ISO-8601). */
  since: string;
  /** Batches not stored since then. */
  batches: number;
  /** The last error, as the database put it. */
  error: string;
}

/** At most one "batch not stored" line per this many ms while the failures go on. */
const LOG_EVERY_MS = 10_000;

/**
 * Keeps the ingest's storage failures: a run starts at the first batch not stored and ends at
 * the next stored one. Logged at the start, then once per LOG_EVERY_MS with the count, so a
 * ledger that is away for an hour costs the journal a few hundred lines, not one per batch.
 */
export class IngestFailures {
  private current: IngestFailure | null = null;
  private lastLogAt = 0;
  private unlogged = 0;

  constructor(private readonly deps: { log: Log; clock: Pick<Clock, "now"> }) {}

  /** A batch was not stored (nothing of it committed). */
  failed(err: unknown, events: number): void {
    const now = this.deps.clock.now();
    const error = err instanceof Error ? err.message : String(err);
    this.current = this.current
      ? { ...this.current, batches: this.current.batches + 1, error }
      : { since: new Date(now).toISOString(), batches: 1, error };
    this.unlogged++;
    if (this.current.batches > 1 && now - this.lastLogAt < LOG_EVERY_MS) return;
    this.deps.log.error(
      { err: error, code: "DB_UNAVAILABLE", events, batches: this.unlogged, since: this.current.since },
      "batch not stored",
    );
    this.lastLogAt = now;
    this.unlogged = 0;
  }

  /** A batch was stored: a run of failures, if any, is over. */
  stored(): void {
    if (!this.current) return;
    this.deps.log.info({ since: this.current.since, batches: this.current.batches }, "ingest stores again");
    this.current = null;
    this.unlogged = 0;
  }

  /** The current run of failures, or null. */
  get(): IngestFailure | null {
    return this.current ? { ...this.current } : null;
  }
}
