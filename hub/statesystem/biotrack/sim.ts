/**
 * A small BioTrack simulator: one POST endpoint (`/serverjson.asp`) taking actions, sessions
 * that expire, errors as HTTP 200 `{success: 0, error, errorcode}`, and nonce replay.
 * Actions: login, sync_inventory, sync_inventory_room, inventory_adjust, inventory_move,
 * sale_dispense, sale_void, nonce_replay.
 */
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "#hub/clock.js";

/** What the BioTrack simulator starts from: one license, its API user, rooms and lots. */
export interface BioTrackSimSeed {
  license: string;
  username: string;
  password: string;
  rooms: string[];
  /** Lots: 16-digit barcode ids. */
  inventory: Array<{
    id: string;
    productname: string;
    inventorytype: string;
    quantity: number;
    uom: string;
    room: string;
  }>;
}

interface Lot {
  id: string;
  productname: string;
  inventorytype: string;
  remaining_quantity: number;
  uom: string;
  currentroom: string;
  deleted: number;
  sessiontime: number;
}
interface Sale {
  transactionid: string;
  lines: Array<{ barcodeid: string; quantity: number }>;
  voided: boolean;
}

/** Sessions last this long on the simulator's clock, ms. */
export const BIOTRACK_SESSION_MS = 30 * 60_000;

type Body = Record<string, unknown>;
const fail = (error: string, errorcode: string) => ({ success: 0, error, errorcode });

interface SimBook {
  lots: Map<string, Lot>;
  sales: Map<string, Sale>;
  sessions: Map<string, number>;
  nonces: Map<string, Body>;
  next(): string;
  secs(): number;
}

/** The inventory and sale actions, each answering BioTrack's body. */
function inventoryActions(book: SimBook, rooms: string[]): Record<string, (b: Body) => Body> {
  const { lots, secs } = book;
  return {
    sync_inventory: (b) => ({
      success: 1,
      inventory: [...lots.values()].filter((l) => !b.barcodeid || l.id === b.barcodeid),
    }),
    sync_inventory_room: () => ({
      success: 1,
      inventory_room: rooms.map((name, i) => ({ roomid: String(i + 1), name })),
    }),
    inventory_adjust: (b) =>
      applyAll(b, (row) => {
        const lot = lots.get(String(row.barcodeid));
        if (!lot || lot.deleted) return fail(`Inventory ${String(row.barcodeid)} not found.`, "602");
        const q = Number(row.quantity);
        if (!Number.isFinite(q)) return fail("Invalid quantity.", "605");
        if (lot.remaining_quantity + q < 0) return fail(`Inventory ${lot.id} would go below zero.`, "606");
        if (!row.reason) return fail("A reason is required.", "607");
        return () => {
          lot.remaining_quantity = Math.round((lot.remaining_quantity + q) * 1e6) / 1e6;
          lot.sessiontime = secs();
        };
      }),
    inventory_move: (b) =>
      applyAll(b, (row) => {
        const lot = lots.get(String(row.barcodeid));
        if (!lot) return fail(`Inventory ${String(row.barcodeid)} not found.`, "602");
        if (!rooms.includes(String(row.room))) return fail(`Room ${String(row.room)} not found.`, "610");
        return () => {
          lot.currentroom = String(row.room);
          lot.sessiontime = secs();
        };
      }),
    ...saleActions(book),
    nonce_replay: (b) => book.nonces.get(String(b.nonce)) ?? fail("Nonce not found.", "630"),
  };
}

function saleActions(book: SimBook): Record<string, (b: Body) => Body> {
  const { lots, sales } = book;
  return {
    sale_dispense: (b) => {
      const rows = Array.isArray(b.data) ? (b.data as Body[]) : [];
      for (const r of rows) {
        const lot = lots.get(String(r.barcodeid));
        if (!lot) return fail(`Inventory ${String(r.barcodeid)} not found.`, "602");
        if (lot.remaining_quantity < Number(r.quantity))
          return fail(`Inventory ${lot.id} has not enough remaining.`, "606");
      }
      for (const r of rows) {
        const lot = lots.get(String(r.barcodeid))!;
        lot.remaining_quantity -= Number(r.quantity);
        lot.sessiontime = book.secs();
      }
      const transactionid = book.next();
      sales.set(transactionid, {
        transactionid,
        voided: false,
        lines: rows.map((r) => ({ barcodeid: String(r.barcodeid), quantity: Number(r.quantity) })),
      });
      return { success: 1, transactionid };
    },
    sale_void: (b) => {
      const sale = sales.get(String(b.transactionid));
      if (!sale || sale.voided) return fail(`Sale ${String(b.transactionid)} not found.`, "620");
      sale.voided = true;
      for (const l of sale.lines) lots.get(l.barcodeid)!.remaining_quantity += l.quantity;
      return { success: 1, transactionid: sale.transactionid };
    },
  };
}

/** The simulator as a Hono app (for `app.request()` tests) and its state, for assertions. */
export function createBioTrackSimulatorApp(opts: { seed: BioTrackSimSeed; clock?: Clock }) {
  const clock = opts.clock ?? systemClock;
  let seq = 0;
  const secs = () => Math.floor(clock.now() / 1000);
  const book: SimBook = {
    lots: new Map(
      opts.seed.inventory.map((i) => [
        i.id,
        {
          id: i.id,
          productname: i.productname,
          inventorytype: i.inventorytype,
          remaining_quantity: i.quantity,
          uom: i.uom,
          currentroom: i.room,
          deleted: 0,
          sessiontime: secs(),
        },
      ]),
    ),
    sales: new Map(),
    sessions: new Map(),
    nonces: new Map(),
    next: () => String(++seq),
    secs,
  };
  const actions = inventoryActions(book, opts.seed.rooms);
  const app = new Hono().post("/serverjson.asp", async (c) => {
    const body = (await c.req.json().catch(() => null)) as Body | null;
    if (!body || typeof body.action !== "string") return c.json(fail("Invalid request.", "1"));
    if (body.action === "login") return c.json(login(book, opts.seed, body, clock.now()));
    const until = book.sessions.get(String(body.sessionid));
    if (until === undefined || until < clock.now()) return c.json(fail("Your session has expired.", "63"));
    const handler = actions[body.action];
    if (!handler) return c.json(fail(`Unknown action ${body.action}.`, "2"));
    const answer = handler(body);
    if (answer.success === 1 && typeof body.nonce === "string" && body.action !== "nonce_replay")
      book.nonces.set(body.nonce, answer);
    return c.json(answer);
  });
  return { app, state: { lots: book.lots, sales: book.sales, sessions: book.sessions } };
}

function login(book: SimBook, seed: BioTrackSimSeed, body: Body, now: number): Body {
  if (body.license_number !== seed.license || body.username !== seed.username || body.password !== seed.password)
    return fail("Invalid login.", "60");
  const sessionid = `S${book.next()}${Math.random().toString(36).slice(2)}`;
  book.sessions.set(sessionid, now + BIOTRACK_SESSION_MS);
  return { success: 1, sessionid };
}

/** Validates every row, then applies them all, or none. */
function applyAll(b: Body, check: (row: Body) => Body | (() => void)): Body {
  const rows = Array.isArray(b.data)
    ? (b.data as Body[])
    : b.data && typeof b.data === "object"
      ? [b.data as Body]
      : [];
  if (rows.length === 0) return fail("No data.", "3");
  const apply: Array<() => void> = [];
  for (const r of rows) {
    const v = check(r);
    if (typeof v !== "function") return v;
    apply.push(v);
  }
  for (const f of apply) f();
  return { success: 1 };
}

/** Starts the BioTrack simulator on `port` (0: a free one); `url` is its serverjson.asp address. */
export async function startBioTrackSimulator(opts: { port: number; seed: BioTrackSimSeed; clock?: Clock }) {
  const { app, state } = createBioTrackSimulatorApp(opts);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: "127.0.0.1" }, () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/serverjson.asp`,
    state,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
