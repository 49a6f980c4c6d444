import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A throwaway CA and a server certificate for 127.0.0.1 (openssl), for TLS probes and tests. */
export function makeTlsFiles(dir: string): { certFile: string; keyFile: string; caFile: string; ca: Buffer } {
  const ca = join(dir, "ca.pem");
  const caKey = join(dir, "ca.key");
  const key = join(dir, "server.key");
  const csr = join(dir, "server.csr");
  const cert = join(dir, "server.pem");
  const ext = join(dir, "san.ext");
  const run = (...args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  run(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=vaultline-test-ca",
    "-keyout",
    caKey,
    "-out",
    ca,
  );
  run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", csr);
  execFileSync("sh", ["-c", `printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > '${ext}'`]);
  run(
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    ca,
    "-CAkey",
    caKey,
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    ext,
    "-out",
    cert,
  );
  return { certFile: cert, keyFile: key, caFile: ca, ca: readFileSync(ca) };
}
