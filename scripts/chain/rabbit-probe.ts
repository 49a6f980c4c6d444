import { join } from "node:path";
import { connectAsync } from "mqtt";
import type { ProbeTarget } from "./probe-checks.js";
import { startRabbitCluster } from "./rabbit-cluster.js";
import { makeTlsFiles } from "./tls-files.js";

type Login = { username: string; password: string };

/**
 * The RabbitMQ probe target: 3 nodes on ports 20840–20851, the hub with every permission, each
 * station confined by topic permissions (`{username}` expanded in the routing-key regex) and by
 * queue permissions on its own session queues (queue permissions expand no variables).
 */
export async function rabbitTarget(
  dir: string,
  logins: { hub: Login; stations: ProbeTarget["stations"] },
): Promise<{ target: ProbeTarget; stop(): Promise<void> }> {
  const files = makeTlsFiles(dir);
  const cluster = await startRabbitCluster({ dir: join(dir, "rabbit"), basePort: 20840, tls: files });
  try {
    cluster.ctl("await_startup");
    console.log(cluster.ctl("cluster_status", "--formatter", "json").slice(0, 400));
    cluster.ctl("add_user", logins.hub.username, logins.hub.password);
    cluster.ctl("set_permissions", "-p", "/", logins.hub.username, ".*", ".*", ".*");
    for (const s of logins.stations) {
      const q = `^mqtt-subscription-station-${s.stationId}qos[01]$`;
      cluster.ctl("add_user", s.username, s.password);
      cluster.ctl(
        "set_permissions",
        "-p",
        "/",
        s.username,
        q,
        `${q.slice(0, -1)}|^amq\\.topic$`,
        `${q.slice(0, -1)}|^amq\\.topic$`,
      );
      cluster.ctl(
        "set_topic_permissions",
        "-p",
        "/",
        s.username,
        "amq.topic",
        "^vault\\.v1\\.station\\.{username}\\.(state|event\\.[^.]+)$",
        "^vault\\.v1\\.station\\.{username}\\.(ack|cmd\\.[^.]+|cmd\\.\\*)$",
      );
    }
    for (const url of cluster.mqttUrls) await untilMqttAnswers(url, logins.hub);
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return {
    target: {
      urls: cluster.mqttUrls,
      hub: logins.hub,
      stations: logins.stations,
      killNode: (i) => cluster.nodes[i]!.kill(),
      startNode: (i) => cluster.nodes[i]!.start(),
      tls: { url: cluster.tlsUrl, ca: files.ca, ...logins.stations[0]! },
    },
    stop: () => cluster.stop(),
  };
}

/**
 * Waits until a login's CONNECT is accepted: the 3.10 plugin answers "Server unavailable" until
 * its client-id tracker (a Raft cluster over the nodes) has a leader.
 */
async function untilMqttAnswers(url: string, login: Login): Promise<void> {
  const started = Date.now();
  for (;;) {
    const ok = await connectAsync(url, {
      ...login,
      clientId: "probe-ready",
      reconnectPeriod: 0,
      connectTimeout: 5000,
    }).then(
      async (c) => (await c.endAsync(), true),
      () => false,
    );
    if (ok) {
      console.log(`${url} accepted MQTT logins after ${Date.now() - started} ms`);
      return;
    }
    if (Date.now() - started > 120_000) throw new Error(`${url} refused MQTT logins for 120 s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
