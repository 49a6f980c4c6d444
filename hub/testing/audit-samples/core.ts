/**
 * Samples of the hub's own write routes: sign-in and sign-out, API tokens, users (hub/auth),
 * state-system submissions and sync (hub/statesystem), receiving (hub/receiving).
 */
import { enqueueWrite, transition } from "#hub/statesystem/store/queue.js";
import { form, WALK_PASSWORD, type SampleSet, type Walk } from "./walk.js";

/** A submission marked failed, to retry, resolve or amend. */
async function failedWrite(w: Walk): Promise<string> {
  // Due far ahead, so the queue's worker never sends it before it is marked failed.
  const id = await enqueueWrite(
    w.hub.db,
    w.site,
    {
      kind: "adjustment",
      label: w.store.packages[0]!.label,
      quantity: -1,
      unit: "Each",
      reason: "Drying",
      date: "2026-11-27",
    },
    { at: new Date("2099-01-01T00:00:00Z") },
  );
  await transition(w.hub.db, id, ["pending"], {
    state: "failed",
    updated_at: new Date().toISOString(),
    error_message: "refused for the walk",
  });
  return id;
}

export const core: SampleSet = {
  async prepare(w) {
    await w.post("/account/tokens", { name: "to revoke" });
    const row = await w.hub.db
      .selectFrom("api_tokens")
      .select("id")
      .where("name", "=", "to revoke")
      .executeTakeFirstOrThrow();
    w.ids.token = row.id;
    w.ids.retry = await failedWrite(w);
    w.ids.resolve = await failedWrite(w);
    w.ids.amend = await failedWrite(w);
  },
  samples: {
    "POST /login": () => ({
      ...form({ username: "walker", password: WALK_PASSWORD, next: "/" }),
      path: "/login",
      anonymous: true,
    }),
    "POST /logout": () => ({ path: "/logout", ...form({}) }),
    "POST /account/tokens": () => ({ path: "/account/tokens", ...form({ name: "walk" }) }),
    "POST /account/tokens/:id/revoke": (w) => ({ path: `/account/tokens/${w.ids.token}/revoke`, ...form({}) }),
    "POST /admin/users": () => ({
      path: "/admin/users",
      ...form({ employeeId: "e-walk-2", username: "walker2", password: "another long password" }),
    }),
    "POST /receiving/check": () => ({ path: "/receiving/check", ...form({}) }),
    "POST /statesystem/submissions/:id/retry": (w) => ({ path: `/statesystem/submissions/${w.ids.retry}/retry` }),
    "POST /statesystem/submissions/:id/resolve": (w) => ({
      path: `/statesystem/submissions/${w.ids.resolve}/resolve`,
    }),
    "POST /statesystem/submissions/:id/amend": (w) => ({
      path: `/statesystem/submissions/${w.ids.amend}/amend`,
      ...form({ reason: "Entry Error", note: "recounted" }),
    }),
    "POST /statesystem/sync": () => ({ path: "/statesystem/sync" }),
  },
};
