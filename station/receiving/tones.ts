/**
 * Receiving's scan tones as WAV files made in code (no binaries in the repository), one per
 * verdict tone, so the coordinator hears the verdict without looking: one short high beep for
 * a package on the manifest, two mid beeps for a duplicate, a long low buzz for anything wrong.
 * 8 kHz mono 8-bit PCM, a few KB each.
 */
export type ToneName = "ok" | "warn" | "bad";

const RATE = 8000;

/** Each segment is a frequency (0 = silence) held for `ms`. */
const SHAPES: Record<ToneName, Array<{ hz: number; ms: number }>> = {
  ok: [{ hz: 1320, ms: 120 }],
  warn: [{ hz: 660, ms: 90 }, { hz: 0, ms: 70 }, { hz: 660, ms: 90 }],
  bad: [{ hz: 330, ms: 220 }, { hz: 220, ms: 260 }],
};

function samplesOf(segments: Array<{ hz: number; ms: number }>): Buffer {
  const parts = segments.map(({ hz, ms }) => {
    const n = Math.round((RATE * ms) / 1000);
    const b = Buffer.alloc(n, 128);
    if (hz === 0) return b;
    for (let i = 0; i < n; i++) {
      const fade = Math.min(1, i / 40, (n - i) / 40);
      b[i] = Math.round(128 + 90 * fade * Math.sin((2 * Math.PI * hz * i) / RATE));
    }
    return b;
  });
  return Buffer.concat(parts);
}

/** The WAV file for one tone. */
export function receiveToneWav(name: ToneName): Buffer {
  const samples = samplesOf(SHAPES[name]);
  const h = Buffer.alloc(44);
  h.write("RIFF", 0, "ascii");
  h.writeUInt32LE(36 + samples.length, 4);
  h.write("WAVEfmt ", 8, "ascii");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write("data", 36, "ascii");
  h.writeUInt32LE(samples.length, 40);
  return Buffer.concat([h, samples]);
}

export const toneNames: readonly ToneName[] = ["ok", "warn", "bad"];
