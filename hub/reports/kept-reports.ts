/**
 * End-of-day reports kept as files, one per site and business day, so a day's report can be
 * printed again as it stood at close: HUB_DATA_DIR/reports/<site>/end-of-day-YYYY-MM-DD.json,
 * written to a temporary file, fsynced and renamed (a power cut leaves the old file or the new).
 */
import { mkdir, open, readdir, readFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import type { EndOfDay } from "./end-of-day.js";

export interface KeptReport {
  report: EndOfDay;
  /** When the file was written (ISO instant). */
  keptAt: string;
}

export class KeptReports {
  constructor(private readonly dataDir: string) {}

  private dir(site: string): string {
    return path.join(this.dataDir, "reports", site);
  }

  /** The file of `site`'s `day`. Site ids and days are checked before they get here (no path separators). */
  fileOf(site: string, day: string): string {
    return path.join(this.dir(site), `end-of-day-${day}.json`);
  }

  async keep(report: EndOfDay): Promise<string> {
    await mkdir(this.dir(report.site), { recursive: true });
    const file = this.fileOf(report.site, report.date);
    const tmp = `${file}.${process.pid}.tmp`;
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(`${JSON.stringify(report, null, 2)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    const dh = await open(this.dir(report.site), "r");
    await dh.sync().finally(() => dh.close());
    return file;
  }

  async read(site: string, day: string): Promise<KeptReport | undefined> {
    const file = this.fileOf(site, day);
    try {
      const [text, st] = await Promise.all([readFile(file, "utf8"), stat(file)]);
      return { report: JSON.parse(text) as EndOfDay, keptAt: st.mtime.toISOString() };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  }

  /** The days kept for `site`, newest first. */
  async days(site: string): Promise<string[]> {
    const names = await readdir(this.dir(site)).catch(() => [] as string[]);
    return names
      .map((n) => /^end-of-day-(\d{4}-\d{2}-\d{2})\.json$/.exec(n)?.[1])
      .filter((d): d is string => d !== undefined)
      .sort()
      .reverse();
  }
}
