import { describe, expect, it } from "vitest";
import { errorToneWav, toneWav, verdictToneWav } from "./sound.js";

describe("kiosk tones", () => {
  it("are 8 kHz mono 8-bit WAV files whose length matches the segments", () => {
    const wav = toneWav([
      { hz: 440, ms: 100 },
      { hz: 0, ms: 50 },
    ]);
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.toString("ascii", 8, 16)).toBe("WAVEfmt ");
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(34)).toBe(8);
    expect(wav.readUInt32LE(40)).toBe(800 + 400);
    expect(wav.length).toBe(44 + 1200);
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
  });

  it("keep silence silent and sound the beeps", () => {
    const wav = toneWav([
      { hz: 0, ms: 10 },
      { hz: 1000, ms: 10 },
    ]);
    const silence = wav.subarray(44, 44 + 80);
    const beep = wav.subarray(44 + 80);
    expect(silence.every((b) => b === 128)).toBe(true);
    expect(Math.max(...beep) - Math.min(...beep)).toBeGreaterThan(50);
  });

  it("differ per verdict, and the error tone is two beeps of 150 ms", () => {
    expect(errorToneWav().length).toBe(44 + 2400);
    expect(verdictToneWav("ok").equals(verdictToneWav("bad"))).toBe(false);
  });
});
