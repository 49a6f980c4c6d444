import { describe, expect, it } from "vitest";
import { silentLog } from "./log.js";
import { openModules, orderModules, startModules } from "./module-runner.js";
import type { HubModule, HubModuleContext, HubServices } from "./modules.js";

const fakeStateSystem = {} as HubServices["stateSystem"];

const mod = (name: string, over: Partial<HubModule> = {}): HubModule => ({ name, start: () => ({}), ...over });
const provider = mod("statesystem", {
  provides: ["stateSystem"],
  start: () => ({ provides: { stateSystem: fakeStateSystem } }),
});

describe("hub modules by what they provide and need", () => {
  it("start each provider before the modules that need or use it, otherwise in the order given", () => {
    const receiving = mod("receiving", { needs: ["ledger"], uses: ["stateSystem"] });
    const reports = mod("reports");
    expect(orderModules([reports, receiving, provider], ["ledger"]).map((m) => m.name)).toEqual([
      "reports",
      "statesystem",
      "receiving",
    ]);
  });

  it("refuse a need nobody provides, two providers of one service, and a circle", () => {
    expect(() => orderModules([mod("receiving", { needs: ["stateSystem"] })], ["ledger"])).toThrow(
      /receiving needs stateSystem, which no module provides/,
    );
    expect(() => orderModules([provider, mod("other", { provides: ["stateSystem"] })], [])).toThrow(
      /statesystem and other both provide stateSystem/,
    );
    expect(() => orderModules([mod("ledger-2", { provides: ["ledger"] })], ["ledger"])).toThrow(
      /the hub itself and ledger-2 both provide ledger/,
    );
    const a = mod("a", { provides: ["stateSystem"], needs: ["ledger"] });
    const b = mod("b", { provides: ["ledger"], needs: ["stateSystem"] });
    expect(() => orderModules([a, b], [])).toThrow(/in a circle/);
  });

  it("hand each module only the services it declared, and hold a module to what it said it provides", async () => {
    const ctx = { log: silentLog() } as Omit<HubModuleContext, "services">;
    let seen: HubServices["stateSystem"] | undefined;
    const user = mod("receiving", {
      uses: ["stateSystem"],
      start: (c) => {
        seen = c.services.use("stateSystem");
        return {};
      },
    });
    await startModules([provider, user], ctx, {}, []);
    expect(seen).toBe(fakeStateSystem);
    const sneaky = mod("sneaky", { start: (c) => ({ provides: { ledger: c.services.need("ledger") } }) });
    await expect(
      startModules([sneaky], ctx, { ledger: { publishCatalogChange: async () => undefined } }, []),
    ).rejects.toThrow(/sneaky asked for ledger without declaring it/);
    const liar = mod("liar", { provides: ["stateSystem"] });
    await expect(startModules([liar], ctx, {}, [])).rejects.toThrow(
      /liar declares it provides stateSystem but did not/,
    );
  });

  it("let one module only give the broker hooks or the web guard", async () => {
    const guard = () => mod("logins", { open: () => ({ guard: async (_c, next) => next() }) });
    await expect(openModules([guard(), guard()], { log: silentLog() } as never)).rejects.toThrow(
      /logins and logins both give the hub its guard/,
    );
  });
});
