import type { Receiving } from "./service.js";
import { lineFlags, progress, type ReceivingState } from "./machine.js";

function session(s: ReceivingState) {
  return {
    receivingId: s.receivingId,
    manifestNumber: s.manifest.manifestNumber,
    status: s.status,
    paused: s.paused ?? false,
    progress: progress(s),
    current: s.current,
    lastScan: s.lastScan,
    lines: s.order.map((label) => {
      const p = s.lines[label]!;
      return {
        label,
        onManifest: p.line !== undefined,
        scans: p.scans,
        flags: lineFlags(p),
        weight: p.weight ?? null,
        decision: p.decision ?? null,
      };
    }),
  };
}

/**
 * GET /receive/status: the manifests offered to this vault (numbers and sizes), the open receiving
 * (or null), the last closed one, and this receiving's label jobs with their ZPL — what the
 * browser tests and automation check against.
 */
export function receiveStatusJson(r: Pick<Receiving, "current" | "closed" | "labelJobs" | "offered">) {
  const open = r.current();
  const closed = r.closed();
  return {
    offered: r
      .offered()
      .map((m) => ({ manifestNumber: m.manifestNumber, shipperName: m.shipperName, packages: m.lines.length })),
    open: open ? session(open) : null,
    closed: closed ? { ...session(closed), rejectReason: closed.rejectReason ?? null } : null,
    labels: r.labelJobs().map((j) => ({
      id: j.id,
      template: j.template,
      label: j.label,
      state: j.state,
      error: j.error ?? null,
      zpl: j.zpl,
    })),
  };
}
