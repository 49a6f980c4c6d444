import { DeviceError } from "../errors.js";

type ZplApi = Awaited<typeof import("zpl-renderer-js")["ready"]>["api"];
let api: Promise<ZplApi> | undefined;

/** Label size for a preview. */
export interface PreviewSize {
  widthMm: number;
  heightMm: number;
  /** Dots per millimetre: 8 (203 dpi) or 12 (300 dpi). */
  dpmm: number;
}

/**
 * Renders ZPL to a PNG offline, for the kiosk preview and snapshot tests. The renderer (a WASM
 * build of zebrash, ~8 MB) loads on first use only; later calls reuse it.
 */
export async function renderLabelPreview(zpl: string, size: PreviewSize): Promise<Buffer> {
  api ??= import("zpl-renderer-js").then((m) => m.ready).then((r) => r.api).catch((e: unknown) => {
    api = undefined;
    throw new DeviceError(`label preview renderer could not load: ${String(e)}`, "DEVICE_FAULT", { cause: e });
  });
  const renderer = await api;
  try {
    const base64 = await renderer.zplToBase64Async(zpl, size.widthMm, size.heightMm, size.dpmm);
    return Buffer.from(base64, "base64");
  } catch (e) {
    throw new DeviceError(`label preview failed: ${String(e)}`, "FRAME_INVALID", { cause: e });
  }
}

/** Renders a built label at its own size (the kiosk's preview of a template). */
export function renderLabel(label: { toString(): string; sizeMm: PreviewSize }): Promise<Buffer> {
  return renderLabelPreview(label.toString(), label.sizeMm);
}
