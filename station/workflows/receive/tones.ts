import { toneWav, type ToneSegment } from "#station/web/sound.js";

/**
 * Receiving's scan tones, one per verdict: one short high beep for a package on the manifest,
 * two mid beeps for a duplicate, a long low buzz for anything wrong.
 */
export type ToneName = "ok" | "warn" | "bad";

const SHAPES: Record<ToneName, ToneSegment[]> = {
  ok: [{ hz: 1320, ms: 120 }],
  warn: [
    { hz: 660, ms: 90 },
    { hz: 0, ms: 70 },
    { hz: 660, ms: 90 },
  ],
  bad: [
    { hz: 330, ms: 220 },
    { hz: 220, ms: 260 },
  ],
};

/** The WAV file for one tone. */
export function receiveToneWav(name: ToneName): Buffer {
  return toneWav(SHAPES[name]);
}
