import type { Context } from "hono";
import { siteAccessOf } from "../../../sites/access.js";
import type { SiteDirectory } from "../../../sites/directory.js";
import { siteLabel } from "../../../sites/site.js";

/** The dashboard header's site picker: the sites a login may see, as links to the same page. */
export interface SitePickerProps {
  /** The page's path; each link adds `?site=`. */
  path: string;
  choices: { id: string; label: string }[];
  /** The site `?site=` names; undefined shows every site. */
  current: string | undefined;
}

/** The picker's data for a request, or undefined when the hub serves one site (no picker then). */
export function sitePickerFor(c: Context, sites: SiteDirectory): SitePickerProps | undefined {
  if (!sites.multi) return undefined;
  const access = siteAccessOf(c);
  const choices = sites.list
    .filter((s) => access === null || access.includes(s.id))
    .map((s) => ({ id: s.id, label: siteLabel(s) }));
  return { path: c.req.path, choices, current: c.req.query("site") || undefined };
}

/** Links to this page for every site the login may see, and for all of them together. */
export function SitePicker(props: SitePickerProps) {
  const link = (id: string | undefined, label: string) => {
    const here = props.current === id;
    return (
      <a
        href={id === undefined ? props.path : `${props.path}?site=${encodeURIComponent(id)}`}
        class={here ? "here" : ""}
        aria-current={here ? "page" : undefined}
      >
        {label}
      </a>
    );
  };
  return (
    <nav class="sites" aria-label="Site">
      {props.choices.length > 1 && link(undefined, "All sites")}
      {props.choices.map((s) => link(s.id, s.label))}
    </nav>
  );
}
