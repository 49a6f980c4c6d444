import type { Permits, SignedIn } from "../../permits.js";

/** A link in the dashboard's header; `account` links sit with the sign-out, right of the rest. */
export interface NavLink {
  href: string;
  label: string;
  group?: "main" | "account";
}

/** The hub's own pages, before the modules' links (receiving, state system, POS import…). */
export const coreNav: readonly NavLink[] = [
  { href: "/", label: "Home" },
  { href: "/packages", label: "Packages" },
];

/** After the modules' links. */
export const trailingNav: readonly NavLink[] = [{ href: "/dead-letters", label: "Dead letters" }];

export interface NavProps {
  /** Module links (main.ts gathers them); the core and trailing links are added here. */
  links: readonly NavLink[];
  /** The request's path, to mark the current page. */
  path: string;
  may: Permits;
  who: SignedIn | undefined;
}

function isCurrent(href: string, path: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}

/**
 * The one navigation of every dashboard page: only the pages the signed-in role may open (the
 * role policy decides, so a link never leads to a refusal), who is signed in, and a sign-out.
 * It wraps on narrow screens (800×480 panels) instead of running off the edge.
 */
export function Nav(props: NavProps) {
  const all = [...coreNav, ...props.links.filter((l) => l.group !== "account"), ...trailingNav];
  const seen = new Set<string>();
  const main = all.filter((l) => !seen.has(l.href) && seen.add(l.href) && props.may("GET", l.href));
  const account = props.links.filter((l) => l.group === "account" && props.may("GET", l.href));
  const link = (l: NavLink) => (
    <a href={l.href} aria-current={isCurrent(l.href, props.path) ? "page" : undefined}>
      {l.label}
    </a>
  );
  return (
    <nav class="site-nav" aria-label="Dashboard">
      <div class="nav-main">{main.map(link)}</div>
      {props.who && (
        <div class="nav-account">
          {account.map(link)}
          <span class="who" title={props.who.role}>
            {props.who.name} <span class="muted">({props.who.role})</span>
          </span>
          <form method="post" action="/logout" class="sign-out">
            <input type="hidden" name="_csrf" value={props.who.csrfToken} />
            <button type="submit">Sign out</button>
          </form>
        </div>
      )}
    </nav>
  );
}
