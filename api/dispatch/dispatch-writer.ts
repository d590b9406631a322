// Writes the dispatch loop's decisions in the store, each in the caller's transaction: a plan row per solved batch,
// and per offer a route with the offered orders' stops, the orders batched, and the offer itself (createOffer); an offer
// to a courier on a route carries the whole proposed sequence so an accepted extension merges in that order.
import type { DispatchEvent, HeldForLater, RouteStop } from '../../engine/index.js';
import { newId } from '../ids.js';
import { pointParam } from '../store/geo-sql.js';
import type { Stores } from '../store/stores.js';
import { orderMachine } from '../domain/order-machine.js';
import { applyTransition, lockMarkets, lockRows, type OrderRow, ORDER_COLUMNS } from '../transitions/common.js';
import { createOffer } from '../transitions/offer-create.js';
import type { RouteLine } from './route-geometry.js';

export type PlanUpdated = Extract<DispatchEvent, { type: 'plan.updated' }>;
type OfferCreated = Extract<DispatchEvent, { type: 'offer.created' }>;

/** Stops as streamed: ISO ETAs instead of epoch ms. */
export function stopsPayload(stops: readonly RouteStop[]): { stopId: string; orderId: string; kind: string; lon: number; lat: number; eta: string }[] {
  return stops.map((s) => ({ stopId: s.stopId, orderId: s.orderId, kind: s.kind, lon: s.lon, lat: s.lat, eta: new Date(s.etaMs).toISOString() }));
}

/** Orders a plan keeps back, with the hour their courier is expected at the first stall as ISO time. */
export function heldOrdersPayload(held: readonly HeldForLater[]): { orderId: string; courierId: string; reason: string; firstStopEta: string }[] {
  return held.map((h) => ({ orderId: h.orderId, courierId: h.courierId, reason: h.reason, firstStopEta: new Date(h.firstStopEtaMs).toISOString() }));
}

/** Inserts the plan row (next version of the market); returns the plan id. Its `plan.updated` follows with the lines. */
export async function writePlan(tx: Stores, event: PlanUpdated, solveMs: number | undefined): Promise<string> {
  const planId = newId('pln');
  await tx.q.query(
    `INSERT INTO plans (id, market_id, version, status, stats, unassigned)
     SELECT $1, $2, coalesce(max(version), 0) + 1, 'active', $3, $4 FROM plans WHERE market_id = $2`,
    [planId, event.marketId, JSON.stringify({ core_plan_id: event.planId, routes: event.routes.length, solve_ms: solveMs ?? null }), JSON.stringify(event.unassignedOrderIds)],
  );
  return planId;
}

/** Logs `plan.updated` for plan row `planId`: each route's stops and its line (`lines[i]` for `event.routes[i]`). */
export async function logPlanUpdated(tx: Stores, planId: string, event: PlanUpdated, lines: readonly RouteLine[], solveMs: number | undefined): Promise<void> {
  await tx.events.append({
    type: 'plan.updated', marketId: event.marketId,
    payload: {
      planId, corePlanId: event.planId,
      routes: event.routes.map((r, i) => ({ courierId: r.courierId, stops: stopsPayload(r.stops), line: lines[i].line, lineKind: lines[i].lineKind })),
      unassignedOrderIds: event.unassignedOrderIds, heldOrders: heldOrdersPayload(event.heldOrders), ...(solveMs !== undefined ? { solveMs: Math.round(solveMs) } : {}),
    },
  });
}

/**
 * The store's TTL (ms) of an offer the core made: the service's TTL plus whatever the core added over its own base TTL
 * for this offer (a fleet whose couriers answer late gets longer).
 */
export function storeOfferTtlMs(event: Pick<OfferCreated, 'atMs' | 'expiresAtMs'>, coreBaseTtlMs: number, serviceTtlMs: number): number {
  return serviceTtlMs + Math.max(0, event.expiresAtMs - event.atMs - coreBaseTtlMs);
}

/** Writes the offer's route (only its new orders' stops), batches those orders and creates the offer; returns the offer id. */
export async function writeOffer(tx: Stores, event: OfferCreated, planId: string | null, ttlMs: number): Promise<string> {
  await lockMarkets(tx.q, [event.marketId]);
  const orders = await lockRows<OrderRow>(tx.q, 'orders', event.orderIds, ORDER_COLUMNS);
  for (const order of orders.values()) {
    if (order.status !== 'created') continue;
    await applyTransition(tx, { machine: orderMachine, table: 'orders', row: order, event: 'batch', subject: { marketId: order.market_id, orderId: order.id }, payload: { plan_id: planId } });
  }
  const routeId = newId('rte');
  const plan = planId ?? (await ensurePlan(tx, event.marketId));
  await tx.q.query(`INSERT INTO routes (id, plan_id, market_id, status) VALUES ($1, $2, $3, 'planned')`, [routeId, plan, event.marketId]);
  const offered = new Set(event.orderIds);
  let position = 0;
  for (const stop of event.stops) {
    if (!offered.has(stop.orderId)) continue;
    const stallId = stop.kind === 'pickup' ? stop.stopId.slice(stop.orderId.length + 1) : null;
    await tx.q.query(
      `INSERT INTO stops (id, route_id, position, kind, order_id, stall_id, location, eta, service_s) VALUES ($1, $2, $3, $4, $5, $6, ${pointParam(7, 8)}, $9, $10)`,
      [newId('stp'), routeId, position++, stop.kind, stop.orderId, stallId, stop.lon, stop.lat, new Date(stop.etaMs), stop.kind === 'pickup' ? 120 : 90],
    );
  }
  const { offerId } = await createOffer(tx, {
    routeId, courierId: event.courierId, expiresAt: new Date(Date.now() + ttlMs),
    stopSequence: event.stops.map((s) => ({ orderId: s.orderId, kind: s.kind, stallId: s.kind === 'pickup' ? s.stopId.slice(s.orderId.length + 1) : null })),
    summary: { core_offer_id: event.offerId, plan_id: plan, stops: stopsPayload(event.stops), fees_rp: event.feesRp },
  });
  return offerId;
}

/** A plan row for offers made outside a solved batch (force-assign). */
async function ensurePlan(tx: Stores, marketId: string): Promise<string> {
  const planId = newId('pln');
  await tx.q.query(
    `INSERT INTO plans (id, market_id, version, status, stats) SELECT $1, $2, coalesce(max(version), 0) + 1, 'manual', '{}' FROM plans WHERE market_id = $2`,
    [planId, marketId],
  );
  return planId;
}
