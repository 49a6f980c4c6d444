import { execFile } from "node:child_process";
import type { Logger } from "pino";

/**
 * systemd readiness and watchdog for both services (Type=notify, WatchdogSec= in systemd/vaultline-hub.service
 * and systemd/vaultline-station.service).
 *
 *   loops ──beat("ingest"|"devices")──▶ Heartbeats ──healthy()──▶ Watchdog ──WATCHDOG=1──▶ systemd-notify ──▶ systemd
 *
 * Node has no unix datagram sockets, so messages go through the `systemd-notify` binary; the unit
 * sets NotifyAccess=all because that binary is a child process, and systemd ≥ 246 makes
 * systemd-notify wait until the manager has read the message (no race with its exit).
 * The watchdog is pinged at half the WatchdogSec interval (sd_watchdog_enabled(3)) and only while
 * healthy() holds: a wedged loop stops the pings and systemd restarts the service.
 */
export type Notify = (fields: Record<string, string>) => Promise<void>;

export interface WatchdogDeps {
  /** NOTIFY_SOCKET and WATCHDOG_USEC as systemd sets them; without NOTIFY_SOCKET everything is a no-op. */
  env: Record<string, string | undefined>;
  /** True while the service's loops are working (not whether a device is plugged in). */
  healthy: () => boolean | Promise<boolean>;
  log: Logger;
  notify?: Notify;
  timers?: { setInterval: typeof setInterval; clearInterval: typeof clearInterval };
}

export interface Watchdog {
  /** Tells systemd start-up is done (READY=1), with a status line for `systemctl status`. */
  ready(status?: string): Promise<void>;
  /** Tells systemd the service is stopping, and stops pinging. */
  stopping(): Promise<void>;
  /** Interval between pings, ms; 0 when systemd asked for no watchdog. */
  readonly intervalMs: number;
}

/** Sends one notification with the systemd-notify binary. */
export const systemdNotify: Notify = (fields) =>
  new Promise((resolve, reject) => {
    const args = Object.entries(fields).map(([k, v]) => `${k}=${v}`);
    execFile("systemd-notify", args, { timeout: 5_000 }, (err) => (err ? reject(err) : resolve()));
  });

export function createWatchdog(deps: WatchdogDeps): Watchdog {
  const log = deps.log.child({ mod: "watchdog" });
  const enabled = Boolean(deps.env.NOTIFY_SOCKET);
  const usec = Number(deps.env.WATCHDOG_USEC ?? 0);
  const intervalMs = enabled && usec > 0 ? Math.floor(usec / 2_000) : 0;
  const notify = deps.notify ?? systemdNotify;
  const timers = deps.timers ?? { setInterval, clearInterval };
  let timer: ReturnType<typeof setInterval> | undefined;
  let wasHealthy = true;

  const send = (fields: Record<string, string>) =>
    notify(fields).catch((err: Error) =>
      log.warn({ err: err.message, code: "NOTIFY_FAILED" }, "systemd notification failed"),
    );

  async function tick(): Promise<void> {
    let ok = false;
    try {
      ok = await deps.healthy();
    } catch (err) {
      log.error({ err: (err as Error).message }, "health check threw");
    }
    if (ok !== wasHealthy)
      log[ok ? "info" : "warn"](
        { healthy: ok },
        ok ? "healthy again: watchdog pings resume" : "unhealthy: watchdog pings withheld",
      );
    wasHealthy = ok;
    if (ok) await send({ WATCHDOG: "1" });
  }

  return {
    intervalMs,
    async ready(status = "ready") {
      if (!enabled) return;
      await send({ READY: "1", STATUS: status, MAINPID: String(process.pid) });
      if (intervalMs > 0 && !timer) {
        timer = timers.setInterval(() => void tick(), intervalMs);
        timer.unref?.();
      }
    },
    async stopping() {
      if (timer) timers.clearInterval(timer);
      timer = undefined;
      if (enabled) await send({ STOPPING: "1" });
    },
  };
}

/**
 * Liveness of named loops for healthy(): each loop calls beat(name) every turn; the service is
 * healthy while every registered loop has beaten within `staleMs`.
 */
export function createHeartbeats(deps: { clock: { now(): number }; staleMs: number }) {
  const last = new Map<string, number>();
  return {
    beat(name: string): void {
      last.set(name, deps.clock.now());
    },
    /** Names of loops that have not beaten within staleMs. */
    stale(): string[] {
      const now = deps.clock.now();
      return [...last].filter(([, at]) => now - at > deps.staleMs).map(([name]) => name);
    },
    healthy(): boolean {
      return this.stale().length === 0;
    },
  };
}
