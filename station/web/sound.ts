/**
 * The kiosk's error tone as a WAV file, made in code so no binary sits in the repository:
 * two falling beeps (880 Hz then 440 Hz, 150 ms each), 8 kHz mono 8-bit PCM — about 2.4 KB.
 */
export function errorToneWav(): Buffer {
  const rate = 8000;
  const tones = [880, 440];
  const perTone = Math.round(rate * 0.15);
  const samples = Buffer.alloc(perTone * tones.length);
  tones.forEach((hz, t) => {
    for (let i = 0; i < perTone; i++) {
      const fade = Math.min(1, i / 40, (perTone - i) / 40);
      samples[t * perTone + i] = Math.round(128 + 90 * fade * Math.sin((2 * Math.PI * hz * i) / rate));
    }
  });
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + samples.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}
