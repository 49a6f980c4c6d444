import { DEMO_LOGINS, startDemoStack, type DemoStack } from "./demo-stack.js";

/**
 * `npm start`: the METRC simulator, the hub and one simulated vault station (scripts/demo-stack.ts).
 * Prints the URLs and the sign-ins; Ctrl-C stops everything in reverse order.
 */
let stack: DemoStack | undefined;

function banner(s: DemoStack): string {
  const { store, hub, station, metrc } = s;
  const local = (url: string) => url.replace("127.0.0.1", "localhost");
  const coordinator = store.employees.find((e) => e.role === "coordinator")!;
  const manager = store.employees.find((e) => e.role === "manager")!;
  return `
Vaultline demo — ${store.site.name} (license ${store.site.licenseNumber})
  dashboard  ${local(hub.url)}
  kiosk      ${local(station.url)}
  MQTT       ${hub.mqttUrl}${metrc ? `\n  METRC sim  ${metrc.url}` : ""}
Sign in at the kiosk: badge ${coordinator.badge}, PIN ${coordinator.pin} (${coordinator.name}, coordinator).
Sign in at the dashboard: ${DEMO_LOGINS.manager.username} / ${DEMO_LOGINS.manager.password} (${manager.name}, manager); auditor: ${DEMO_LOGINS.auditor.username} / ${DEMO_LOGINS.auditor.password}; admin: ${DEMO_LOGINS.admin.username} / ${DEMO_LOGINS.admin.password}.
Simulate a scan: curl -X POST ${local(station.url)}/sim/scan -H 'content-type: application/json' -d '{"code":"${store.packages[0]!.label}"}'
Ctrl-C stops everything.`;
}

const shutdown = () => void (stack?.stop() ?? Promise.resolve()).then(() => process.exit(0));
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
try {
  stack = await startDemoStack(process.env);
  console.log(banner(stack));
} catch (e) {
  console.error(`vaultline demo: ${(e as Error).message}`);
  process.exit(1);
}
