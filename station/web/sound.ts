import type { Context } from "hono";

/**
 * Kiosk sounds as WAV files made in code, so no binary sits in the repository: 8 kHz mono 8-bit
 * PCM tones, a few KB each. A coordinator wearing gloves in a dim vault hears a verdict without
 * looking at the screen.
 */
const RATE = 8000;

/** One segment of a tone: a frequency (0 = silence) held for `ms`. */
export interface ToneSegment {
  hz: number;
  ms: number;
}

function samplesOf(segments: readonly ToneSegment[]): Buffer {
  return Buffer.concat(
    segments.map(({ hz, ms }) => {
      const n = Math.round((RATE * ms) / 1000);
      const b = Buffer.alloc(n, 128);
      if (hz === 0) return b;
      for (let i = 0; i < n; i++) {
        // A 5 ms fade in and out keeps the speaker from clicking.
        const fade = Math.min(1, i / 40, (n - i) / 40);
        b[i] = Math.round(128 + 90 * fade * Math.sin((2 * Math.PI * hz * i) / RATE));
      }
      return b;
    }),
  );
}

/** A WAV file (RIFF header + PCM) playing the segments in order. */
export function toneWav(segments: readonly ToneSegment[]): Buffer {
  const samples = samplesOf(segments);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + samples.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

/** The kiosk's error tone: two falling beeps, 880 Hz then 440 Hz, 150 ms each. */
export function errorToneWav(): Buffer {
  return toneWav([
    { hz: 880, ms: 150 },
    { hz: 440, ms: 150 },
  ]);
}

/**
 * The scan verdict tones every workflow plays: one short high beep for a good scan, two mid beeps
 * for a warning (a duplicate, a package not asked for), a long low buzz for anything wrong.
 */
export type VerdictTone = "ok" | "warn" | "bad";

const VERDICT_TONES: Record<VerdictTone, Buffer> = {
  ok: toneWav([{ hz: 1320, ms: 120 }]),
  warn: toneWav([
    { hz: 660, ms: 90 },
    { hz: 0, ms: 70 },
    { hz: 660, ms: 90 },
  ]),
  bad: toneWav([
    { hz: 330, ms: 220 },
    { hz: 220, ms: 260 },
  ]),
};

/** The WAV file of one verdict tone. */
export function verdictToneWav(name: VerdictTone): Buffer {
  return VERDICT_TONES[name];
}

/**
 * Answers `GET …/tone/<file>`: the verdict tone `file` names (`ok.wav`, `warn.wav`, `bad.wav`),
 * or 404 "no such tone"; `cacheControl` is the header the kiosk caches it by.
 */
export function toneFile(c: Context, file: string, cacheControl = "max-age=86400"): Response {
  const name = file.replace(/\.wav$/, "");
  if (!Object.hasOwn(VERDICT_TONES, name)) return c.text("no such tone", 404);
  return c.body(new Uint8Array(VERDICT_TONES[name as VerdictTone]), 200, {
    "content-type": "audio/wav",
    "cache-control": cacheControl,
  });
}
