// Reads the dispatch core's inputs from the database: markets (location, tariff), orders (one pickup per stall,
// the delivery), couriers (fleet, capacity, last position) and the market an available courier works for.
import type { Queryable } from '../db/database.js';
import type { DispatchCourier, DispatchOrder, CourierPosition, Tariff } from '../../engine/index.js';
import { pointColumns, pointOf } from '../store/geo-sql.js';
import { pickupReadyAtSql } from '../store/pickup-ready.js';
import type { DispatchObjective } from '../schemas/markets.js';

export interface MarketFacts {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  readonly tariff: Tariff;
  /** The market's objective weights (only those it changed). */
  readonly objective: DispatchObjective;
}

/** Core stop ids: one pickup per (order, stall), one delivery per order. Stable across plans and routes. */
export const pickupStopId = (orderId: string, stallId: string): string => `${orderId}~${stallId}`;
export const deliveryStopId = (orderId: string): string => `${orderId}~delivery`;

/** The order and stall (null for the delivery) of a core stop id. */
export function parseCoreStopId(coreStopId: string): { orderId: string; stallId: string | null } {
  const cut = coreStopId.lastIndexOf('~');
  const orderId = coreStopId.slice(0, cut);
  const rest = coreStopId.slice(cut + 1);
  return { orderId, stallId: rest === 'delivery' ? null : rest };
}

export async function loadMarkets(q: Queryable, ids?: readonly string[]): Promise<MarketFacts[]> {
  const result = await q.query<Record<string, unknown>>(
    `SELECT id, ${pointColumns('location')}, tariff_base_rp, tariff_per_km_rp, tariff_min_rp, tariff_max_rp, dispatch_objective FROM markets
      ${ids ? 'WHERE id = ANY($1::text[])' : ''} ORDER BY id`,
    ids ? [ids] : [],
  );
  return result.rows.map((r) => {
    const at = pointOf(r, 'location')!;
    return {
      id: String(r.id), lon: at.lon, lat: at.lat,
      tariff: { baseRp: Number(r.tariff_base_rp), perKmRp: Number(r.tariff_per_km_rp), minRp: Number(r.tariff_min_rp), maxRp: Number(r.tariff_max_rp) },
      objective: (r.dispatch_objective as DispatchObjective | null) ?? {},
    };
  });
}

export interface LoadedOrder {
  readonly marketId: string;
  readonly status: string;
  /** Why the order was set aside as unplannable (api/dispatch/unroutable-orders.ts), or null. */
  readonly dispatchIssue: string | null;
  readonly order: DispatchOrder;
}

/** The order as the core sees it, or null when it does not exist. Service times: 2 min per stall, 1.5 min at the door. */
export async function loadOrder(q: Queryable, orderId: string): Promise<LoadedOrder | null> {
  const found = await q.query<Record<string, unknown>>(`SELECT ${ORDER_FIELDS} FROM orders WHERE id = $1`, [orderId]);
  return (await withItems(q, found.rows))[0] ?? null;
}

/**
 * One page of waiting orders (`created` or `batched`), in id order (ids grow with time) after `afterId`, in the
 * given markets or all: two statements per page, however many orders it holds.
 */
export async function loadWaitingOrders(q: Queryable, page: { marketIds?: readonly string[]; afterId?: string; limit: number }): Promise<LoadedOrder[]> {
  const found = await q.query<Record<string, unknown>>(
    `SELECT ${ORDER_FIELDS} FROM orders
      WHERE status IN ('created', 'batched') AND id > $1 ${page.marketIds ? 'AND market_id = ANY($3::text[])' : ''}
      ORDER BY id LIMIT $2`,
    page.marketIds ? [page.afterId ?? '', page.limit, page.marketIds] : [page.afterId ?? '', page.limit],
  );
  return withItems(q, found.rows);
}

export interface LoadedHeldOrder extends LoadedOrder {
  readonly courierId: string;
  readonly routeId: string;
  readonly feeRp: number;
  /**
   * The hour its customer was last told (ms): the one a WhatsApp update named after the courier accepted (told_eta),
   * else the one told at acceptance (accepted_eta); undefined when the store kept neither.
   */
  readonly toldEtaMs: number | undefined;
}

/** The orders the given couriers hold on their active routes (accepted, not yet at the door), in id order. */
export async function loadHeldOrders(q: Queryable, courierIds: readonly string[]): Promise<LoadedHeldOrder[]> {
  if (courierIds.length === 0) return [];
  const found = await q.query<Record<string, unknown>>(
    `SELECT ${ORDER_FIELDS}, courier_id, route_id, fee_rp, COALESCE(told_eta, accepted_eta) AS told_eta FROM orders
      WHERE courier_id = ANY($1::text[]) AND status IN ('assigned', 'picking', 'delivering')
        AND route_id IN (SELECT id FROM routes WHERE status = 'active' AND courier_id = ANY($1::text[]))
      ORDER BY id`,
    [courierIds],
  );
  const loaded = await withItems(q, found.rows);
  return loaded.map((order, i) => {
    const row = found.rows[i];
    return {
      ...order, courierId: String(row.courier_id), routeId: String(row.route_id), feeRp: Number(row.fee_rp ?? 0),
      toldEtaMs: row.told_eta === null || row.told_eta === undefined ? undefined : new Date(row.told_eta as string).getTime(),
    };
  });
}

// placed_at: when the customer's wait starts (click-to-door): when it ordered, or the hour it booked the order for
// (booked_for, when the stalls have the goods ready); an exchange counts from its parent's order.
const ORDER_FIELDS = `id, market_id, status, dispatch_issue, ${pointColumns('delivery_location', 'd')}, window_start, window_end, cod_total_rp,
  COALESCE((SELECT GREATEST(parent.created_at, parent.booked_for) FROM orders parent WHERE parent.id = orders.parent_order_id),
    GREATEST(created_at, booked_for)) AS placed_at,
  CASE WHEN kind = 'exchange' THEN courier_id END AS held_by`;

/** Order rows → core orders, with every order's pickups (one per stall) read in one statement. */
async function withItems(q: Queryable, rows: readonly Record<string, unknown>[]): Promise<LoadedOrder[]> {
  if (rows.length === 0) return [];
  const items = await q.query<Record<string, unknown>>(
    `SELECT i.order_id, i.stall_id, sum(i.weight_kg) AS weight_kg, round(sum(i.quantity * i.unit_price_rp)) AS value_rp, ${pickupReadyAtSql('i.order_id', 'max(i.ready_at)')} AS ready_at,
            ${pointColumns('s.location', 's')}
       FROM order_items i JOIN stalls s ON s.id = i.stall_id WHERE i.order_id = ANY($1::text[])
      GROUP BY i.order_id, i.stall_id, s.location ORDER BY i.order_id, min(i.position)`,
    [rows.map((r) => String(r.id))],
  );
  const ms = (v: unknown) => (v === null || v === undefined ? undefined : new Date(v as string).getTime());
  const pickupsOf = new Map<string, DispatchOrder['pickups'][number][]>();
  for (const i of items.rows) {
    const orderId = String(i.order_id);
    const at = pointOf(i, 's')!;
    const list = pickupsOf.get(orderId) ?? [];
    const readyAtMs = ms(i.ready_at);
    list.push({
      id: pickupStopId(orderId, String(i.stall_id)), lon: at.lon, lat: at.lat, serviceS: 120, weightKg: Number(i.weight_kg), valueRp: Number(i.value_rp),
      ...(readyAtMs !== undefined ? { readyAtMs } : {}),
    });
    pickupsOf.set(orderId, list);
  }
  return rows.map((row) => {
    const orderId = String(row.id);
    const d = pointOf(row, 'd')!;
    const windowStartMs = ms(row.window_start);
    const windowEndMs = ms(row.window_end);
    const order: DispatchOrder = {
      id: orderId,
      pickups: pickupsOf.get(orderId) ?? [],
      delivery: {
        id: deliveryStopId(orderId), lon: d.lon, lat: d.lat, serviceS: 90, codRp: Number(row.cod_total_rp),
        ...(windowStartMs !== undefined ? { windowStartMs } : {}), ...(windowEndMs !== undefined ? { windowEndMs } : {}),
      },
      maxInBagS: 5_400,
      placedAtMs: ms(row.placed_at)!,
      // An exchange's refused goods are with the courier the customer refused them to: only it can take them back.
      ...(row.held_by ? { heldByCourierId: String(row.held_by) } : {}),
    };
    return { marketId: String(row.market_id), status: String(row.status), dispatchIssue: row.dispatch_issue ? String(row.dispatch_issue) : null, order };
  });
}

export interface LoadedCourier {
  readonly courier: DispatchCourier;
  readonly position: CourierPosition | null;
  readonly status: string;
  readonly fleetId: string;
  /** The market it works for now and its distance to it (metres), or null when none is in reach. */
  readonly marketId: string | null;
  readonly distanceM: number;
  /** Fees of the orders it delivered today (each order's market day), rupiah: the earnings balance after a restart. */
  readonly earnedTodayRp: number;
}

/**
 * The courier and the market it works for: its home market (pangkalan), else the nearest market whose point lies
 * within `ojolRadiusM` of its last position (PostGIS KNN `<->` with `ST_DWithin`); and what it earned today.
 */
export async function loadCourier(q: Queryable, courierId: string, ojolRadiusM: number): Promise<LoadedCourier | null> {
  return (await loadCouriers(q, [courierId], ojolRadiusM))[0] ?? null;
}

/** `loadCourier` for many couriers in one statement (those that exist, in id order). */
export async function loadCouriers(q: Queryable, courierIds: readonly string[], ojolRadiusM: number): Promise<LoadedCourier[]> {
  if (courierIds.length === 0) return [];
  const found = await q.query<Record<string, unknown>>(
    `SELECT c.id, c.fleet_id, f.kind, c.status, c.capacity_kg, c.cash_float_rp, c.skills, c.home_market_id, c.last_position_at,
            ${pointColumns('c.last_position', 'p')}, ${pointColumns('hm.location', 'home')},
            CASE WHEN hm.id IS NOT NULL AND c.last_position IS NOT NULL THEN ST_Distance(hm.location, c.last_position) END AS home_distance_m,
            near.id AS near_id, near.distance_m AS near_distance_m, earned.rp AS earned_today_rp
       FROM couriers c JOIN fleets f ON f.id = c.fleet_id
       LEFT JOIN markets hm ON hm.id = c.home_market_id
       LEFT JOIN LATERAL (
         SELECT m.id, ST_Distance(m.location, c.last_position) AS distance_m FROM markets m
          WHERE c.last_position IS NOT NULL AND ST_DWithin(m.location, c.last_position, $2)
          ORDER BY m.location <-> c.last_position LIMIT 1) near ON true
       LEFT JOIN LATERAL (
         SELECT COALESCE(sum(o.fee_rp), 0) AS rp FROM orders o JOIN markets om ON om.id = o.market_id
          WHERE o.courier_id = c.id AND o.delivered_at >= date_trunc('day', now() AT TIME ZONE om.timezone) AT TIME ZONE om.timezone) earned ON true
      WHERE c.id = ANY($1::text[]) ORDER BY c.id`,
    [courierIds, ojolRadiusM],
  );
  return found.rows.map((r) => courierOf(r));
}

function courierOf(r: Record<string, unknown>): LoadedCourier {
  const courierId = String(r.id);
  const fleet = r.kind === 'pangkalan' ? 'pangkalan' : 'ojol';
  const home = r.home_market_id ? String(r.home_market_id) : null;
  const homePoint = pointOf(r, 'home');
  const p = pointOf(r, 'p');
  const position = p ? { lon: p.lon, lat: p.lat, atMs: r.last_position_at ? new Date(r.last_position_at as string).getTime() : Date.now() } : null;
  const marketId = home ?? (r.near_id ? String(r.near_id) : null);
  const distanceM = home ? Number(r.home_distance_m ?? 0) : Number(r.near_distance_m ?? Number.POSITIVE_INFINITY);
  const courier: DispatchCourier = {
    id: courierId, fleet, capacityKg: Number(r.capacity_kg), cashFloatRp: Number(r.cash_float_rp) > 0 ? Number(r.cash_float_rp) : 100_000_000, // 0 = cash not tracked
    skills: (r.skills as string[] | null) ?? [], homeMarket: home !== null && fleet === 'pangkalan',
    ...(fleet === 'pangkalan' && homePoint ? { base: homePoint } : {}),
  };
  return { courier, position, status: String(r.status), fleetId: String(r.fleet_id), marketId, distanceM, earnedTodayRp: Number(r.earned_today_rp ?? 0) };
}

/** The core stop id of a database stop row, with what the core needs to complete it. */
export async function loadStop(q: Queryable, stopId: string): Promise<{ coreStopId: string; courierId: string | null; marketId: string; codCollectedRp: number | null } | null> {
  const found = await q.query<Record<string, unknown>>(
    `SELECT s.kind, s.order_id, s.stall_id, s.cod_collected_rp, r.courier_id, r.market_id FROM stops s JOIN routes r ON r.id = s.route_id WHERE s.id = $1`,
    [stopId],
  );
  const r = found.rows[0];
  if (!r || !r.order_id) return null;
  const orderId = String(r.order_id);
  const coreStopId = r.kind === 'delivery' ? deliveryStopId(orderId) : pickupStopId(orderId, String(r.stall_id));
  return { coreStopId, courierId: r.courier_id ? String(r.courier_id) : null, marketId: String(r.market_id), codCollectedRp: r.cod_collected_rp === null ? null : Number(r.cod_collected_rp) };
}
