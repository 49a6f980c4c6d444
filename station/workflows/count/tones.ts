import { toneWav, type ToneSegment } from "#station/web/sound.js";

/** The count's tones: one high beep on the list, two mid beeps counted already, a low buzz for anything wrong. */
export type CountTone = "ok" | "warn" | "bad";

const SHAPES: Record<CountTone, ToneSegment[]> = {
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

/** The WAV file of one tone. */
export function countToneWav(name: CountTone): Buffer {
  return toneWav(SHAPES[name]);
}
