import { createServer, type AddressInfo, type Server } from "node:net";
import { Aedes, type AedesOptions } from "aedes";
import { HubError } from "../errors.js";
import type { Log } from "../log.js";

/** Broker access hooks, for station logins and ACLs (aedes signatures). */
export type BrokerHooks = Pick<AedesOptions, "authenticate" | "authorizePublish" | "authorizeSubscribe">;

/** The in-process aedes broker and its TCP listener. */
export interface EmbeddedBroker {
  /** The port actually listened on (MQTT_PORT, or the free port picked for 0). */
  port: number;
  /** mqtt://127.0.0.1:port for the hub's own client. */
  url: string;
  broker: Aedes;
  /** MQTT client ids connected now. */
  clientIds(): string[];
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(
        err.code === "EADDRINUSE"
          ? new HubError(
              `MQTT port ${port} is already in use: set MQTT_PORT to a free port (or MQTT_URL to use an external broker)`,
              "PORT_IN_USE",
            )
          : err,
      );
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Starts the in-process aedes broker on `port` (0 picks a free one). */
export async function startEmbeddedBroker(opts: {
  port: number;
  host?: string;
  hooks?: BrokerHooks;
  log: Log;
}): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({ ...opts.hooks });
  const log = opts.log.child({ mod: "broker" });
  broker.on("clientError", (client, err) => log.debug({ clientId: client.id, err: err.message }, "client error"));
  const server = createServer(broker.handle);
  try {
    await listen(server, opts.port, opts.host);
  } catch (err) {
    await new Promise<void>((r) => broker.close(() => r()));
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  log.info({ port }, "embedded MQTT broker listening");
  // aedes keeps connected clients by id in `clients` (aedes.js); its typings leave it out.
  const clients = (broker as unknown as { clients: Record<string, unknown> }).clients;
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    broker,
    clientIds: () => Object.keys(clients),
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
