/**
 * A load-balancing front for the chain demo: each new request goes to the next hub process in
 * turn (responses, SSE streams included, are piped through). A hub process that refuses the
 * connection is skipped, so the dashboard stays up while one process is down. Sessions live in
 * the ledger, so a browser may land on any process.
 */
import { createServer, request, type Server } from "node:http";

export interface Front {
  url: string;
  close(): Promise<void>;
}

export async function startFront(opts: { port: number; targets: string[] }): Promise<Front> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const tryTarget = (left: number) => {
      const target = new URL(opts.targets[next++ % opts.targets.length]!);
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.once("error", () => {
        if (left > 1 && !res.headersSent) return tryTarget(left - 1);
        if (!res.headersSent) res.writeHead(502).end("no hub process answered");
      });
      req.pipe(upstream);
    };
    tryTarget(opts.targets.length);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${opts.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
