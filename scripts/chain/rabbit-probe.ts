import type { ProbeTarget } from "./probe-checks.js";

export async function rabbitTarget(
  _dir: string,
  _logins: { hub: { username: string; password: string }; stations: ProbeTarget["stations"] },
): Promise<{ target: ProbeTarget; stop(): Promise<void> }> {
  throw new Error("not yet");
}
