import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { commandSchemas } from "#contract/messages.js";
import type { AnyCommand } from "#contract/validate.js";
import { quietLog, tempDir } from "#station/testing/helpers.js";
import { Replica } from "./replica.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const open = () => Replica.open({ file: join(dir, "replica.json"), log: quietLog });
const catalogExample = () => commandSchemas.catalog.parse(loadExample("cmd-catalog"));
const employeesExample = () => commandSchemas.employees.parse(loadExample("cmd-employees"));

function catalog(payload: Partial<Extract<AnyCommand, { name: "catalog" }>["payload"]>, id = newId()): AnyCommand {
  const base = catalogExample();
  return { ...base, id, payload: { ...base.payload, ...payload } };
}

describe("Replica commands", () => {
  it("applies the catalog and answers look-ups with item name and location", async () => {
    const r = await open();
    expect(await r.apply(catalogExample())).toEqual({ applied: true });
    expect(r.lookup("1A4060300002199000003445")).toEqual({
      label: "1A4060300002199000003445",
      itemName: "Blue Dream 3.5g",
      location: "Vault A-1",
      status: "active",
    });
    expect(r.lookup("1A4060300002199000009999")).toBeUndefined();
  });

  it("ignores a redelivered command and an older one of the same name", async () => {
    const r = await open();
    const older = newId();
    const newer = newId();
    expect((await r.apply(catalog({ mode: "replace", packages: [] }, newer))).applied).toBe(true);
    expect(await r.apply(catalog({ mode: "replace", packages: [] }, newer))).toMatchObject({ applied: false });
    const late = await r.apply(catalog({}, older));
    expect(late).toMatchObject({ applied: false, reason: expect.stringContaining(older) });
    expect(r.packageCount).toBe(0);
  });

  it("orders each command name on its own", async () => {
    const r = await open();
    const catalogId = newId();
    const employeesId = newId();
    await r.apply({ ...employeesExample(), id: employeesId });
    expect((await r.apply(catalog({}, catalogId))).applied).toBe(true);
    expect(r.employeeByBadge("EMP-0001")?.name).toBe("Dana Reyes");
  });

  it("upserts packages and removes the labels it names", async () => {
    const r = await open();
    await r.apply(catalogExample());
    const moved = { ...catalogExample().payload.packages[0]!, location: "Sales floor" };
    await r.apply(
      catalog({ mode: "upsert", items: [], packages: [moved], removedLabels: ["ABCDEF012345670000010331"] }),
    );
    expect(r.lookup(moved.label)?.location).toBe("Sales floor");
    expect(r.lookup("ABCDEF012345670000010331")).toBeUndefined();
    expect(r.packageCount).toBe(1);
  });

  it("replace mode drops what the hub no longer sends", async () => {
    const r = await open();
    await r.apply(catalogExample());
    await r.apply(catalog({ mode: "replace", packages: [catalogExample().payload.packages[1]!] }));
    expect(r.lookup("1A4060300002199000003445")).toBeUndefined();
    expect(r.packageCount).toBe(1);
  });

  it("keeps catalog, employees and the last applied ids across a restart", async () => {
    const r = await open();
    const cmd = catalogExample();
    await r.apply(cmd);
    await r.apply(employeesExample());
    const again = await open();
    expect(again.lookup("ABCDEF012345670000010331")?.itemName).toBe("Bulk OG Kush");
    expect(again.employeeByBadge("EMP-0001")?.id).toBe("emp-001");
    expect((await again.apply(cmd)).applied).toBe(false);
  });

  it("sets an unreadable replica aside and starts empty, ready for the hub's resend", async () => {
    const file = join(dir, "replica.json");
    writeFileSync(file, '{"items": [');
    const r = await open();
    expect(r.packageCount).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith("replica.json.corrupt-"))).toBe(true);
    expect((await r.apply(catalogExample())).applied).toBe(true);
  });

  it("does not let an inactive employee's badge sign in", async () => {
    const r = await open();
    const cmd = employeesExample();
    await r.apply({ ...cmd, payload: { employees: cmd.payload.employees.map((e) => ({ ...e, active: false })) } });
    expect(r.employeeByBadge("EMP-0001")).toBeUndefined();
  });
});
