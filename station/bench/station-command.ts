import { fileURLToPath } from "node:url";

/**
 * How the benchmarks start a station process: the JavaScript in dist/ when BENCH_STATION_DIST=1
 * (the form systemd runs; `npm run build` first), otherwise the sources through tsx.
 */
export function stationArgs(): string[] {
  if (process.env.BENCH_STATION_DIST === "1") return [fileURLToPath(new URL("../../dist/station/main.js", import.meta.url))];
  return ["--import", "tsx", fileURLToPath(new URL("../main.ts", import.meta.url))];
}
