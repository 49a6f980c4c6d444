/**
 * The sites a running hub serves, and which site a station's message belongs to.
 *
 *   zero-config: one site (SITE_ID or "default"); every station's events belong to it, whatever
 *                SITE_ID the station was given (as before sites existed)
 *   sites list:  each station names its site in every envelope; a site not on the list is refused
 */
import { DEFAULT_SITE_ID, DEMO_LICENSE, siteLabel, type Site } from "./site.js";

export class SiteDirectory {
  private readonly byId: ReadonlyMap<string, Site>;

  /**
   * @param list the sites served, the default first
   * @param configured true when a sites list named them (HUB_SITES or the config file), false for
   *   the one site derived from the single-site variables
   */
  constructor(
    readonly list: readonly Site[],
    readonly configured: boolean,
  ) {
    if (list.length === 0) throw new Error("a hub serves at least one site");
    if (!configured && list.length > 1) throw new Error("only a sites list names more than one site");
    this.byId = new Map(list.map((s) => [s.id, s]));
  }

  /** The site of rows written before sites existed, and of work that names no site. */
  get default(): Site {
    return this.list[0]!;
  }

  /** True when the hub serves more than one site (the dashboard then shows a site picker). */
  get multi(): boolean {
    return this.list.length > 1;
  }

  ids(): string[] {
    return this.list.map((s) => s.id);
  }

  get(id: string): Site | undefined {
    return this.byId.get(id);
  }

  /** The served site a station's envelope `siteId` belongs to; undefined when the hub does not serve it. */
  siteOf(envelopeSiteId: string): Site | undefined {
    return this.configured ? this.byId.get(envelopeSiteId) : this.default;
  }

  /** Why a message naming `envelopeSiteId` is refused, or undefined when the hub serves that site. */
  refusal(envelopeSiteId: string): string | undefined {
    if (this.siteOf(envelopeSiteId)) return undefined;
    return `site "${envelopeSiteId.slice(0, 64)}" is not served by this hub (HUB_SITES lists ${this.ids().join(", ")}): set the station's SITE_ID to one of them`;
  }

  /**
   * The `site_id` to filter events and stations of `siteId` by (they carry what the station's
   * envelope said); undefined with no sites list, where every station belongs to the one site.
   */
  envelopeFilter(siteId: string): string | undefined {
    return this.configured ? siteId : undefined;
  }

  /** Why `?site=` is not a site here (for a 404), or undefined when it is one. */
  unknown(siteId: string): string | undefined {
    return this.byId.has(siteId)
      ? undefined
      : `no site "${siteId.slice(0, 64)}" here: this hub serves ${this.list.map((s) => `${s.id} (${siteLabel(s)})`).join(", ")}`;
  }
}

/** A directory of one site with the simulator as its state system: tests and tools that name no site. */
export function singleSite(over: Partial<Site> = {}): SiteDirectory {
  return new SiteDirectory(
    [
      {
        id: DEFAULT_SITE_ID,
        license: DEMO_LICENSE,
        timeZone: "America/Los_Angeles",
        stateSystem: { kind: "simulator" },
        ...over,
      },
    ],
    false,
  );
}
