/** Two sites for the multi-site tests: Oakland (California) and Denver (Colorado), each with its own licence. */
import { SiteDirectory } from "#hub/sites/directory.js";
import type { Site } from "#hub/sites/site.js";

const OAKLAND: Site = {
  id: "oakland",
  name: "Green Leaf Oakland",
  license: "C10-0000123-LIC",
  timeZone: "America/Los_Angeles",
  stateSystem: { kind: "simulator" },
};
const DENVER: Site = {
  id: "denver",
  name: "Green Leaf Denver",
  license: "402R-00042",
  timeZone: "America/Denver",
  stateSystem: { kind: "simulator" },
};

/** A hub's sites list of Oakland and Denver (Oakland the default), each site's state system pointed at `urls` when given. */
export function twoSites(urls: { oakland?: string; denver?: string } = {}): SiteDirectory {
  const at = (s: Site, url: string | undefined): Site =>
    url ? { ...s, stateSystem: { kind: "simulator", baseUrl: url } } : s;
  return new SiteDirectory([at(OAKLAND, urls.oakland), at(DENVER, urls.denver)], true);
}

/** The same, as HUB_SITES text. */
export function twoSitesEnv(urls: { oakland?: string; denver?: string } = {}): string {
  return JSON.stringify(twoSites(urls).list);
}
