import { connectAsync } from "mqtt";
import type { Employee } from "#contract/domain.js";
import { newId } from "#contract/ids.js";
import { hashPin } from "#contract/pin.js";
import type { Manifest, ManifestLine } from "#contract/receiving.js";
import { topics } from "#contract/topics.js";

/**
 * Test and benchmark support for receiving against a running station: hub commands over the
 * broker, a coordinator signed in through the simulated scanner and the PIN pad, and manifests
 * of any size.
 */

/** A strict-form METRC tag with sequence `i`. */
export function receiveTag(i: number): string {
  return `1A4060300012B7C${String(i).padStart(9, "0")}`;
}

const coa = { lab: "SC Labs", testedAt: "2026-11-02", thc: "24.1%", cbd: "0.1%", overallPassed: true };

/** A manifest of `count` counted packages (every 10th a weighed bulk bag), all lab-passed. */
export function manifestOf(
  count: number,
  over: (i: number, line: ManifestLine) => ManifestLine = (_, l) => l,
  manifestNumber = "0000012345",
): Manifest {
  const lines = Array.from({ length: count }, (_, i): ManifestLine => {
    const weighed = i % 10 === 9;
    const line: ManifestLine = weighed
      ? {
          label: receiveTag(i),
          itemId: "item-bulk",
          itemName: "Bulk Gorilla Glue #4",
          quantity: 453.6,
          unit: "Grams",
          labState: "TestPassed",
          coa,
          weightBased: true,
          containerTareGrams: 212,
          packagedDate: "2026-11-03",
        }
      : {
          label: receiveTag(i),
          itemId: `item-${i % 7}`,
          itemName: `Cart ${i % 7}`,
          quantity: 50,
          unit: "Each",
          labState: "TestPassed",
          coa,
          weightBased: false,
          packagedDate: "2026-11-01",
          expirationDate: "2027-11-01",
        };
    return over(i, line);
  });
  return {
    manifestNumber,
    shipperName: "Coastal Farms Distribution",
    shipperLicense: "C11-0000456-LIC",
    arrival: "2026-11-27T17:30:00.000Z",
    lines,
  };
}

export const coordinator = { id: "emp-001", name: "Dana Reyes", badge: "EMP-0001", pin: "2468" };

/** Publishes hub commands (employees with the coordinator, the manifests) to a station. */
export async function offerManifests(brokerUrl: string, stationId: string, manifests: Manifest[]): Promise<void> {
  const hub = await connectAsync(brokerUrl, { clientId: `receive-fixture-${process.pid}-${Math.random()}` });
  const employees: Employee[] = [
    {
      id: coordinator.id,
      name: coordinator.name,
      role: "coordinator",
      badge: coordinator.badge,
      pinHash: hashPin(coordinator.pin),
      active: true,
    },
  ];
  const send = (name: "employees" | "manifests", payload: unknown) =>
    hub.publishAsync(
      topics.command(stationId, name),
      JSON.stringify({ id: newId(), name, at: new Date().toISOString(), payload }),
      { qos: 1 },
    );
  await send("employees", { employees });
  await send("manifests", { manifests });
  await hub.endAsync();
}

/** POSTs JSON, or a form when `form` is set; returns the response. */
export function post(url: string, body: Record<string, unknown>, form = false): Promise<Response> {
  return form
    ? fetch(url, {
        method: "POST",
        body: new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])),
      })
    : fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** Signs the coordinator in: badge on the simulated scanner, then the PIN on the pad. */
export async function signInCoordinator(stationUrl: string): Promise<void> {
  const badge = await post(`${stationUrl}/sim/scan`, { code: coordinator.badge });
  if (badge.status !== 201) throw new Error(`badge scan failed: ${badge.status}`);
  for (const key of [...coordinator.pin, "ok"]) await post(`${stationUrl}/sign-in/key`, { key }, true);
}
