import { andCodec } from "./codec-and.js";
import { mtSicsCodec } from "./codec-mt-sics.js";
import { nciCodec } from "./codec-nci.js";
import { ohausCodec } from "./codec-ohaus.js";
import type { ScaleCodec, ScaleProtocol } from "./codec.js";

const CODECS: Record<ScaleProtocol, ScaleCodec> = {
  "mt-sics": mtSicsCodec,
  and: andCodec,
  ohaus: ohausCodec,
  nci: nciCodec,
};

/** The codec for a protocol family. */
export function codecFor(protocol: ScaleProtocol): ScaleCodec {
  return CODECS[protocol];
}
