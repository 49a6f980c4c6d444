/**
 * How startHub runs its modules: ordered by what they provide and need, opened before the broker,
 * started once the broker link is up.
 *
 *   order(modules) ─▶ open(): broker hooks, web guard ─▶ broker ─▶ start(): routes, nav, services ─▶ web app
 */
import { HubError } from "./errors.js";
import type {
  HubModule,
  HubModuleContext,
  HubOpenContext,
  HubServices,
  OpenedModule,
  ServiceName,
  ServiceRegistry,
  StartedModule,
} from "./modules.js";

/**
 * The modules in start order: each provider before the modules that need or use what it
 * provides, otherwise as given. Refuses a need nobody provides, two providers of one service, and
 * needs that go round in a circle. `core` names what the hub itself provides.
 */
export function orderModules(modules: readonly HubModule[], core: readonly ServiceName[]): HubModule[] {
  const provider = new Map<ServiceName, HubModule>();
  for (const m of modules) {
    for (const s of m.provides ?? []) {
      const other = core.includes(s) ? "the hub itself" : provider.get(s)?.name;
      if (other) throw new HubError(`modules ${other} and ${m.name} both provide ${s}`, "CONFIG_INVALID");
      provider.set(s, m);
    }
  }
  for (const m of modules) {
    for (const s of m.needs ?? []) {
      if (!core.includes(s) && !provider.has(s))
        throw new HubError(`module ${m.name} needs ${s}, which no module provides`, "CONFIG_INVALID");
    }
  }
  const ordered: HubModule[] = [];
  const visiting = new Set<HubModule>();
  const visit = (m: HubModule) => {
    if (ordered.includes(m)) return;
    if (visiting.has(m)) throw new HubError(`modules need each other in a circle, through ${m.name}`, "CONFIG_INVALID");
    visiting.add(m);
    for (const s of [...(m.needs ?? []), ...(m.uses ?? [])]) {
      const p = provider.get(s);
      if (p && p !== m) visit(p);
    }
    visiting.delete(m);
    ordered.push(m);
  };
  for (const m of modules) visit(m);
  return ordered;
}

/** Opens each module in order; at most one may hand over broker hooks, and one a web guard. */
export async function openModules(modules: readonly HubModule[], ctx: HubOpenContext): Promise<OpenedModule> {
  const opened: OpenedModule = {};
  const by: Partial<Record<keyof OpenedModule, string>> = {};
  for (const m of modules) {
    const got = (await m.open?.({ ...ctx, log: ctx.log.child({ mod: m.name }) })) ?? {};
    for (const key of ["broker", "guard"] as const) {
      if (!got[key]) continue;
      if (by[key])
        throw new HubError(`modules ${by[key]} and ${m.name} both give the hub its ${key}`, "CONFIG_INVALID");
      by[key] = m.name;
    }
    Object.assign(opened, got);
  }
  return opened;
}

/** The registry a module sees: what was provided before it, and only what it declared. */
function registryFor(m: HubModule, provided: Partial<HubServices>): ServiceRegistry {
  return {
    need(name) {
      const s = (m.needs ?? []).includes(name) ? provided[name] : undefined;
      if (!s)
        throw new HubError(
          `module ${m.name} asked for ${name} without declaring it in needs, or before it was provided`,
          "CONFIG_INVALID",
        );
      return s;
    },
    use(name) {
      if (!(m.uses ?? []).includes(name) && !(m.needs ?? []).includes(name)) {
        throw new HubError(`module ${m.name} asked for ${name} without declaring it in uses`, "CONFIG_INVALID");
      }
      return provided[name];
    },
  };
}

/** Starts each module in order; their stop() joins the cleanup list, their services the registry. */
export async function startModules(
  modules: readonly HubModule[],
  ctx: Omit<HubModuleContext, "services">,
  core: Partial<HubServices>,
  cleanup: (() => Promise<void>)[],
): Promise<Required<Pick<StartedModule, "routes" | "nav">>> {
  const provided: Partial<HubServices> = { ...core };
  const routes: NonNullable<StartedModule["routes"]> = [];
  const nav: NonNullable<StartedModule["nav"]> = [];
  for (const m of modules) {
    const started = await m.start({ ...ctx, log: ctx.log.child({ mod: m.name }), services: registryFor(m, provided) });
    if (started.stop) cleanup.push(started.stop);
    for (const s of m.provides ?? []) {
      if (!started.provides?.[s])
        throw new HubError(`module ${m.name} declares it provides ${s} but did not`, "CONFIG_INVALID");
    }
    Object.assign(provided, started.provides);
    routes.push(...(started.routes ?? []));
    nav.push(...(started.nav ?? []));
  }
  return { routes, nav };
}
