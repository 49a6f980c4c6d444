import { zValidator } from "@hono/zod-validator";
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { SimControls } from "#station/devices/index.js";
import type { AppDeps } from "../deps.js";
import { idempotency } from "../idempotency.js";

/** `key` is the idempotency key, read by the idempotency middleware (or send `Idempotency-Key`). */
const ScanBody = z.object({
  code: z.string().min(1).max(512),
  scanner: z.string().min(1).optional(),
  key: z.string().optional(),
});
const ScaleBody = z.object({ grams: z.number().finite(), stable: z.boolean() });
const DoorBody = z.object({ open: z.boolean() });

function reason(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "body"}: ${i.message}`).join("; ");
}

const badBody = (result: { success: true } | { success: false; error: Parameters<typeof reason>[0] }, c: Context) => {
  if (!result.success) return c.json({ error: reason(result.error) }, 400);
};

/**
 * Simulator controls, mounted only when the devices are simulated. POST /sim/scan answers once
 * the scan is fsynced in the outbox, with the recorded event; repeated with the same idempotency
 * key it answers the same and records nothing new.
 */
export function simRoutes(deps: AppDeps, sim: SimControls) {
  return new Hono()
    .post("/scan", idempotency(), zValidator("json", ScanBody, badBody), async (c) => {
      const { code, scanner = "scanner-1" } = c.req.valid("json");
      const recorded = deps.scans.waitFor(code, scanner);
      sim.scan(code, scanner);
      const env = await recorded;
      return c.json({ recorded: true, event: env }, 201);
    })
    .post("/scale", zValidator("json", ScaleBody, badBody), (c) => {
      const { grams, stable } = c.req.valid("json");
      sim.scale(grams, stable);
      return c.json({ ok: true }, 202);
    })
    .post("/door", zValidator("json", DoorBody, badBody), (c) => {
      sim.door(c.req.valid("json").open);
      return c.json({ ok: true }, 202);
    });
}
