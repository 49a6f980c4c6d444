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
