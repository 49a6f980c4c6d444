import { readFileSync } from "node:fs";
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from "node:https";
import type { AddressInfo } from "node:net";
import { createServer as createTlsServer, type Server } from "node:tls";
import type { Aedes } from "aedes";
import { HubError } from "../errors.js";

/**
 * TLS for the hub's two listeners, from the files made by scripts/provision/make-site-ca.sh
 * (docs/tls.md): HTTPS for the dashboard and API, MQTT over TLS (port 8883) for stations on the
 * embedded broker. TLS 1.2 is the floor (RFC 8996 retired 1.0 and 1.1).
 */
export interface TlsFiles {
  /** PEM server certificate (may include the chain), e.g. /etc/vaultline/tls/hub.crt. */
  certFile: string;
  /** PEM private key of that certificate. */
  keyFile: string;
}

/** Env keys: HUB_TLS_CERT and HUB_TLS_KEY, both or neither; returns undefined when TLS is off. */
export function tlsFilesFromEnv(env: Record<string, string | undefined>): TlsFiles | undefined {
  const certFile = env.HUB_TLS_CERT || undefined;
  const keyFile = env.HUB_TLS_KEY || undefined;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile)
    throw new HubError("set both HUB_TLS_CERT and HUB_TLS_KEY (or neither, for plain HTTP)", "CONFIG_INVALID");
  return { certFile, keyFile };
}

/** Reads the key pair; a missing or unreadable file is one clear error naming it. */
export function readTlsOptions(files: TlsFiles): HttpsServerOptions {
  const read = (path: string, what: string) => {
    try {
      return readFileSync(path);
    } catch (e) {
      throw new HubError(`cannot read TLS ${what} ${path}: ${(e as Error).message}`, "CONFIG_INVALID", { cause: e });
    }
  };
  return { cert: read(files.certFile, "certificate"), key: read(files.keyFile, "key"), minVersion: "TLSv1.2" };
}

/** Options for @hono/node-server `serve({ fetch: app.fetch, port, ...httpsServeOptions(files) })`. */
export function httpsServeOptions(files: TlsFiles) {
  return { createServer: createHttpsServer, serverOptions: readTlsOptions(files) };
}

/** Listens for MQTT over TLS on the embedded broker (the same auth hooks apply). */
export function listenMqttTls(opts: {
  broker: Aedes;
  files: TlsFiles;
  port: number;
  host?: string;
}): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createTlsServer(readTlsOptions(opts.files), (socket) => opts.broker.handle(socket));
  return new Promise((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "EADDRINUSE"
          ? new HubError(
              `MQTT TLS port ${opts.port} is already in use: set MQTT_TLS_PORT to a free port`,
              "PORT_IN_USE",
            )
          : err,
      ),
    );
    server.listen(opts.port, opts.host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ server, port, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}
