import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrokerAuth, runStationAddCli } from "#hub/auth/index.js";
import { createAuthStore } from "#hub/auth/store.js";
import { addEmployee, buildTestApp, capturingLog } from "#hub/testing/auth-kit.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "#hub/bus/broker.js";
import { silentLog } from "#hub/log.js";
import { httpsServeOptions, listenMqttTls } from "#hub/ops/tls.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { connectClient, ROOT } from "./broker-acl-kit.js";

/** HTTPS for the dashboard and MQTT over TLS on the embedded broker, with certificates from make-site-ca.sh. */
function opensslMissing(): string | undefined {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "openssl is not installed";
  }
}
const missing = opensslMissing();
if (missing) console.warn(`TLS suite skipped: ${missing}`);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function httpsCall(
  port: number,
  path: string,
  opts: { ca?: Buffer; method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        servername: "localhost",
        port,
        path,
        method: opts.method ?? "GET",
        headers: opts.headers,
        ...(opts.ca ? { ca: opts.ca } : {}),
      },
      (res) => {
        let body = "";
        res.on("data", (d) => (body += String(d)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.once("error", reject);
    req.end(opts.body);
  });
}

describe.skipIf(missing !== undefined)("TLS listeners", () => {
  let dir: string;
  let ca: Buffer;
  let files: { certFile: string; keyFile: string };
  let ledger: TestLedger;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vl-tls-"));
    execFileSync(join(ROOT, "scripts/provision/make-site-ca.sh"), [dir, "localhost", "127.0.0.1"], { stdio: "ignore" });
    ca = readFileSync(join(dir, "ca.crt"));
    files = { certFile: join(dir, "localhost.crt"), keyFile: join(dir, "localhost.key") };
    ledger = await openTestLedger("sqlite");
  });
  afterAll(async () => {
    await ledger.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("dashboard over HTTPS", () => {
    let server: ServerType;
    let port: number;
    beforeAll(async () => {
      const kit = buildTestApp({ db: ledger.db, log: capturingLog().log, https: true });
      await addEmployee(ledger.db, "e-mgr", "manager");
      await kit.auth.service.setPassword("e-mgr", "manager", "correct horse battery");
      server = serve({ fetch: kit.app.fetch, port: 0, hostname: "127.0.0.1", ...httpsServeOptions(files) });
      await new Promise((r) => server.once("listening", r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it("serves /api/health with HSTS to a client that trusts the site CA", async () => {
      const res = await httpsCall(port, "/api/health", { ca });
      expect(res.status).toBe(200);
      expect(String(res.headers["strict-transport-security"])).toContain("max-age=31536000");
    });

    it("fails the handshake for a client that does not trust the site CA", async () => {
      await expect(httpsCall(port, "/api/health")).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    });

    it("signs in over HTTPS with a Secure __Host- session cookie that opens the dashboard", async () => {
      const login = await httpsCall(port, "/login", {
        ca,
        method: "POST",
        headers: {
          origin: `https://localhost:${port}`,
          host: `localhost:${port}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ username: "manager", password: "correct horse battery" }).toString(),
      });
      expect(login.status).toBe(303);
      const cookie = ([] as string[]).concat(login.headers["set-cookie"] ?? [])[0] ?? "";
      expect(cookie).toMatch(/^__Host-vl_session=.+; .*Secure/);
      const page = await httpsCall(port, "/reports", {
        ca,
        headers: { cookie: cookie.split(";")[0] ?? "", host: `localhost:${port}` },
      });
      expect(page.status).toBe(200);
    });
  });

  describe("MQTT over TLS on the embedded broker", () => {
    let broker: EmbeddedBroker;
    let tls: Awaited<ReturnType<typeof listenMqttTls>>;
    let creds: { id: string; username: string; password: string };
    beforeAll(async () => {
      const out: string[] = [];
      await runStationAddCli(["add", "vault-tls"], {
        db: ledger.db,
        log: silentLog(),
        out: (l) => out.push(l),
        err: () => undefined,
      });
      creds = JSON.parse(out[0] ?? "{}");
      const hooks = createBrokerAuth({ store: createAuthStore(ledger.db), log: silentLog() });
      broker = await startEmbeddedBroker({ port: 0, host: "127.0.0.1", hooks, log: silentLog() });
      tls = await listenMqttTls({ broker: broker.broker, files, port: 0, host: "127.0.0.1" });
    });
    afterAll(async () => {
      await tls.close();
      await broker.close();
    });

    it("accepts the station's credentials over TLS and refuses a wrong password", async () => {
      const url = `mqtts://127.0.0.1:${tls.port}`;
      const base = {
        ca,
        servername: "localhost",
        rejectUnauthorized: true,
        clientId: "station-vault-tls",
        username: creds.username,
      };
      const ok = await connectClient(url, { ...base, password: creds.password });
      expect(ok.connected).toBe(true);
      await ok.endAsync(true);
      await expect(connectClient(url, { ...base, password: "nope" })).rejects.toThrow(/Bad username or password/i);
    });
  });
});
