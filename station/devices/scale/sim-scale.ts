import type { Clock } from "#station/clock.js";
import type { ByteTransport } from "../serial/byte-transport.js";
import type { ScaleProtocol } from "./codec.js";
import { formatReading, nciStatus, type SimDisplay } from "./sim-frames.js";

/**
 * A wire-level scale: answers each family's commands with the bytes a real scale sends, over
 * any ByteTransport (a socat pseudo-terminal, a TCP socket, an in-memory pair). Script hooks
 * (`place`, `unstable`, `overload`, `mute`, `noise`, `unplug`) drive tests and the kiosk demo.
 */
export class ScaleSimulator {
  #gross = 0;
  #tare = 0;
  #zero = 0;
  #stable = true;
  #overload = false;
  #underload = false;
  #muted = false;
  #streaming: NodeJS.Timeout | undefined;
  #inbox = "";
  #link: ByteTransport | undefined;

  constructor(private readonly deps: { protocol: ScaleProtocol; clock: Clock; streamIntervalMs?: number }) {}

  /** Connects to the wire; every command that comes in is answered on it. */
  attach(link: ByteTransport): void {
    this.#link = link;
    link.onData((b) => this.#onBytes(b));
    link.onClose(() => this.#stopStream());
  }

  /** Puts `grams` on the platform (gross), settled or still moving. */
  place(grams: number, stable = true): void {
    this.#gross = grams;
    this.#stable = stable;
    this.#overload = false;
    this.#underload = false;
    if (this.#streaming) this.#emit(formatReading(this.deps.protocol, this.display()));
  }

  unstable(): void {
    this.place(this.#gross, false);
  }

  /** Shows over (or under) range until the next `place`. */
  overload(under = false): void {
    this.#overload = !under;
    this.#underload = under;
    if (this.#streaming) this.#emit(formatReading(this.deps.protocol, this.display()));
  }

  /** Stops answering (a scale that hangs or is switched off while its cable stays in). */
  mute(on = true): void {
    this.#muted = on;
  }

  /** Sends raw bytes: garbage, half a frame. */
  noise(bytes: string): void {
    void this.#link?.write(Buffer.from(bytes, "latin1")).catch(() => undefined);
  }

  display(): SimDisplay {
    return {
      grams: round(this.#gross - this.#tare - this.#zero),
      stable: this.#stable,
      overload: this.#overload,
      underload: this.#underload,
    };
  }

  /** Stops streaming; the link itself belongs to whoever attached it. */
  stop(): void {
    this.#stopStream();
  }

  #onBytes(b: Uint8Array): void {
    this.#inbox += Buffer.from(b).toString("latin1");
    const parts = this.#inbox.split(/\r\n|\r|\n/);
    this.#inbox = parts.pop() ?? "";
    for (const cmd of parts) if (cmd.trim()) this.#command(cmd.trim().toUpperCase());
  }

  #command(cmd: string): void {
    if (this.#muted) return;
    const p = this.deps.protocol;
    const weigh = () => this.#emit(formatReading(p, this.display()));
    const table: Record<ScaleProtocol, Record<string, () => void>> = {
      "mt-sics": {
        S: weigh,
        SI: weigh,
        SIR: () => this.#startStream(),
        "@": () => {
          this.#stopStream();
          this.#emit('I4 A "SIM0001"\r\n');
        },
        T: () => this.#doTare(`T S ${fixed(this.#tare)} g\r\n`, "T I\r\n"),
        Z: () => this.#doZero("Z A\r\n", "Z I\r\n"),
      },
      and: {
        Q: weigh,
        SI: weigh,
        S: weigh,
        SIR: () => this.#startStream(),
        C: () => {
          this.#stopStream();
          this.#emit("\x06\r\n");
        },
        T: () => this.#doTare("\x06\r\n", "EC,E02\r\n"),
        Z: () => this.#doZero("\x06\r\n", "EC,E02\r\n"),
        R: () => this.#doZero("\x06\r\n", "EC,E02\r\n"),
      },
      ohaus: {
        IP: weigh,
        P: weigh,
        CP: () => this.#startStream(),
        "0P": () => this.#stopStream(),
        T: () => this.#doTare("", ""),
        Z: () => this.#doZero("", ""),
      },
      nci: {
        W: weigh,
        S: () => this.#emit(`\n${nciStatus(this.display())}\r\x03`),
        T: () => this.#doTare(`\n${nciStatus(this.display())}\r\x03`, "\n?\r\x03"),
        Z: () => this.#doZero(`\n${nciStatus(this.display())}\r\x03`, "\n?\r\x03"),
      },
    };
    const unknown: Record<ScaleProtocol, string> = {
      "mt-sics": "ES\r\n",
      and: "EC,E01\r\n",
      ohaus: "ES\r\n",
      nci: "\n?\r\x03",
    };
    (table[p][cmd] ?? (() => this.#emit(unknown[p])))();
  }

  #doTare(ok: string, refused: string): void {
    if (!this.#stable || this.#overload) return this.#emit(refused);
    this.#tare = round(this.#gross - this.#zero);
    this.#emit(ok);
  }

  #doZero(ok: string, refused: string): void {
    if (!this.#stable || this.#overload) return this.#emit(refused);
    this.#zero = this.#gross;
    this.#tare = 0;
    this.#emit(ok);
  }

  #startStream(): void {
    this.#stopStream();
    const send = () => this.#emit(formatReading(this.deps.protocol, this.display()));
    this.#streaming = this.deps.clock.setInterval(send, this.deps.streamIntervalMs ?? 100);
    send();
  }

  #stopStream(): void {
    this.deps.clock.clearInterval(this.#streaming);
    this.#streaming = undefined;
  }

  #emit(text: string): void {
    if (!text || this.#muted) return;
    void this.#link?.write(Buffer.from(text, "latin1")).catch(() => undefined);
  }
}

const round = (g: number) => Math.round(g * 1e6) / 1e6;
const fixed = (g: number) => g.toFixed(2).padStart(10);
