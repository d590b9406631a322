// Dispatcher REST actions under /v1/dispatch: force-assign, unassign, pin, pause / resume a courier, re-plan a
// market now, and the live state of a market (KPIs, COD per courier, routes). Scoped to the caller's markets.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { haversineM, orderFeeRp } from '../../engine/index.js';
import { ApiError } from '../errors.js';
import { principalOf } from '../plugins/auth.js';
import { assertMarket } from '../auth/principal.js';
import { ERROR_RESPONSES, IdParamsSchema, IdSchema } from '../schemas/common.js';
import { snakeKeys } from '../schemas/snake-case.js';
import { changeAvailability } from '../transitions/couriers.js';
import type { DispatchService, MarketEntry } from './dispatch-service.js';
import { DISPATCH_PRINCIPAL, forceAssignInStore, unassignInStore } from './dispatcher-actions.js';
import { stopsPayload } from './dispatch-writer.js';
import type { RouteLine } from './route-geometry.js';
import { marketCodBalances } from '../transitions/cod.js';

/** The route line members of a courier in the market state (`line` flat [lon, lat, …], `line_kind`). */
const lineMembers = (l: RouteLine) => ({ line: l.line, line_kind: l.lineKind });

const CourierBody = Type.Object({ courier_id: IdSchema('cou') }, { additionalProperties: false });
const PinBody = Type.Object({ courier_id: Type.Union([IdSchema('cou'), Type.Null()]) }, { additionalProperties: false });
const Done = Type.Object({ ok: Type.Boolean(), order_id: Type.Optional(Type.String()), courier_id: Type.Optional(Type.Union([Type.String(), Type.Null()])), status: Type.Optional(Type.String()) });
const MarketState = Type.Object({}, { additionalProperties: true });

/** Why the market cannot plan (its last plan failed) and the orders set aside as unroutable, with their reasons. */
export function planIssueMembers(entry: MarketEntry) {
  return {
    plan_issue: entry.planIssue ? { reason: entry.planIssue.reason, since: new Date(entry.planIssue.sinceMs).toISOString() } : null,
    unroutable_orders: [...entry.unroutable].map(([orderId, reason]) => ({ order_id: orderId, reason })),
  };
}

export default async function dispatchRoutes(fastify: FastifyInstance, options: { service: DispatchService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = options.service;
  const tags = ['dispatch'];
  const config = { roles: ['admin', 'dispatcher'] as const };

  /**
   * The market's live entry on this node. In cluster mode a node only plans the markets it leases: for another
   * node's market the answer is 409 `market_not_owned` naming the lease holder (`owner_node_id`, null while the
   * market is between holders), so a client or load balancer can retry there; 404 when the market does not exist.
   */
  async function ownedMarket(marketId: string): Promise<MarketEntry> {
    const entry = await service.market(marketId);
    if (entry) return entry;
    if (service.owns) {
      const lease = await app.db.query<{ node_id: string | null }>(
        `SELECT l.node_id FROM markets m LEFT JOIN market_leases l ON l.market_id = m.id AND l.expires_at > now() WHERE m.id = $1`, [marketId]);
      if (lease.rows.length > 0) {
        const owner = lease.rows[0].node_id;
        const detail = owner ? `market ${marketId} is planned by cluster node ${owner}` : `market ${marketId} has no planning node right now; retry in a few seconds`;
        throw new ApiError('market_not_owned', detail, undefined, { market_id: marketId, owner_node_id: owner });
      }
    }
    throw new ApiError('not_found', `market ${marketId} does not exist`);
  }

  /** The home market of a courier who is not offline (cluster mode: the courier may be dispatched by another node). */
  async function onlineHomeMarket(courierId: string): Promise<string | undefined> {
    const found = await app.db.query<{ home_market_id: string | null }>(`SELECT home_market_id FROM couriers WHERE id = $1 AND status <> 'offline'`, [courierId]);
    return found.rows[0]?.home_market_id ?? undefined;
  }

  /** The market of an order the caller may dispatch (404 otherwise). */
  async function orderMarket(request: { principal: unknown }, orderId: string): Promise<MarketEntry> {
    const found = await app.db.query<{ market_id: string }>('SELECT market_id FROM orders WHERE id = $1', [orderId]);
    const marketId = found.rows[0]?.market_id;
    if (!marketId) throw new ApiError('not_found', `order ${orderId} does not exist`);
    assertMarket(principalOf(request as never), marketId, 'order', orderId);
    const entry = await ownedMarket(marketId);
    if (!entry.dispatcher.orders.has(orderId)) throw new ApiError('illegal_transition', `order ${orderId} is not in the dispatch pool`);
    return entry;
  }

  app.post('/dispatch/orders/:id/assign', {
    schema: { tags, summary: 'Force-assign an order to a courier (offered and accepted on its behalf)', params: IdParamsSchema('ord'), body: CourierBody, response: { 200: Done, ...ERROR_RESPONSES } },
    config,
  }, async (request) => {
    const orderId = request.params.id;
    const courierId = request.body.courier_id;
    return service.run(async () => {
      const entry = await orderMarket(request, orderId);
      const d = entry.dispatcher;
      if (!d.couriers.has(courierId)) throw new ApiError('unprocessable', `courier ${courierId} is not available in market ${entry.facts.id}`);
      const order = d.orders.get(orderId)!.order;
      const first = order.pickups[0];
      const feeRp = orderFeeRp(haversineM(first.lon, first.lat, order.delivery.lon, order.delivery.lat) * d.config.etaDetourFactor, d.config.tariff);
      await app.tx((tx) => forceAssignInStore(tx, entry.facts.id, order, courierId, feeRp, new Date()));
      await service.command(entry, { type: 'forceAssign', orderId, courierId });
      return { ok: true, order_id: orderId, courier_id: courierId, status: d.orders.get(orderId)?.status };
    });
  });

  app.post('/dispatch/orders/:id/unassign', {
    schema: { tags, summary: 'Take an order back into the pool (before picking starts)', params: IdParamsSchema('ord'), response: { 200: Done, ...ERROR_RESPONSES } },
    config,
  }, async (request) => service.run(async () => {
    const orderId = request.params.id;
    const entry = await orderMarket(request, orderId);
    const state = entry.dispatcher.orders.get(orderId)!;
    if (state.donePickupIds.size > 0) throw new ApiError('illegal_transition', `order ${orderId} is on board`, undefined, { entity: 'order', entity_id: orderId, current_state: 'picking' });
    if (state.status !== 'assigned' && state.status !== 'offered') throw new ApiError('illegal_transition', `order ${orderId} is ${state.status}`, undefined, { entity: 'order', entity_id: orderId, current_state: state.status });
    await app.tx((tx) => unassignInStore(tx, entry.facts.id, orderId, new Date()));
    await service.command(entry, { type: 'unassign', orderId });
    return { ok: true, order_id: orderId, status: entry.dispatcher.orders.get(orderId)?.status };
  }));

  app.post('/dispatch/orders/:id/pin', {
    schema: { tags, summary: 'Pin an order to a courier for the next plans (null unpins)', params: IdParamsSchema('ord'), body: PinBody, response: { 200: Done, ...ERROR_RESPONSES } },
    config,
  }, async (request) => service.run(async () => {
    const orderId = request.params.id;
    const entry = await orderMarket(request, orderId);
    const courierId = request.body.courier_id;
    if (courierId !== null && !entry.dispatcher.couriers.has(courierId)) throw new ApiError('unprocessable', `courier ${courierId} is not in market ${entry.facts.id}`);
    await service.command(entry, { type: 'pin', orderId, courierId });
    return { ok: true, order_id: orderId, courier_id: courierId };
  }));

  for (const action of ['pause', 'resume'] as const) {
    app.post(`/dispatch/couriers/:id/${action}`, {
      schema: { tags, summary: action === 'pause' ? 'Pause a courier (no new offers)' : 'Resume a paused courier', params: IdParamsSchema('cou'), response: { 200: Done, ...ERROR_RESPONSES } },
      config,
    }, async (request) => {
      const courierId = request.params.id;
      // Pause and resume are store transitions the planning node hears as events, so in cluster mode any node may
      // run them: a courier dispatched by another node is scoped by its home market.
      const marketId = service.courierMarket.get(courierId) ?? (service.owns ? await onlineHomeMarket(courierId) : undefined);
      if (!marketId) throw new ApiError('not_found', `courier ${courierId} is not dispatched in any market`);
      assertMarket(principalOf(request), marketId, 'courier', courierId);
      const courier = await app.tx((tx) => changeAvailability(tx, DISPATCH_PRINCIPAL, courierId, action, { now: new Date() }));
      return { ok: true, courier_id: courierId, status: courier.status };
    });
  }

  app.post('/dispatch/markets/:id/replan', {
    schema: { tags, summary: 'Plan the market now', params: IdParamsSchema('mkt'), response: { 200: Done, ...ERROR_RESPONSES } },
    config,
  }, async (request) => {
    assertMarket(principalOf(request), request.params.id);
    return service.run(async () => {
      const entry = await ownedMarket(request.params.id);
      const result = await service.command(entry, { type: 'replanNow' });
      return { ok: true, status: result?.planRequest ? 'planning' : entry.dispatcher.planInFlight ? 'queued' : 'nothing_to_plan' };
    });
  });

  app.get('/dispatch/markets/:id/state', {
    schema: { tags, summary: 'Live dispatch state of a market: KPIs, COD per courier, couriers and their routes, waiting orders', params: IdParamsSchema('mkt'), response: { 200: MarketState, ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'planner'] },
  }, async (request) => {
    assertMarket(principalOf(request), request.params.id);
    const entry = await ownedMarket(request.params.id);
    const d = entry.dispatcher;
    const unsettled = await marketCodBalances(app.db, entry.facts.id); // shortfalls and surpluses at the door, until settled
    return snakeKeys({
      market_id: entry.facts.id,
      kpi: d.kpi(),
      cod: d.codTotals().map((c) => ({ ...c, unsettledShortRp: unsettled.get(c.courierId)?.unsettled_short_rp ?? 0, unsettledSurplusRp: unsettled.get(c.courierId)?.unsettled_surplus_rp ?? 0 })),
      plan_in_flight: d.planInFlight?.planId ?? null,
      couriers: [...d.couriers.values()].map((c) => ({
        courier_id: c.courier.id, fleet: c.courier.fleet, status: c.status, offer_id: c.offerId ?? null,
        position: { lon: c.position.lon, lat: c.position.lat, at: new Date(c.position.atMs).toISOString() },
        route: stopsPayload(c.route),
        ...lineMembers(entry.lines.lineOrStraight(c.route)),
      })),
      orders: [...d.orders.values()].filter((o) => o.status === 'pending' || o.status === 'offered' || o.status === 'assigned')
        .map((o) => ({ order_id: o.order.id, status: o.status, courier_id: o.courierId ?? null, pinned_courier_id: o.pinnedCourierId ?? null, fee_rp: o.feeRp ?? null,
          held_for: o.heldFor ? { courier_id: o.heldFor.courierId, reason: o.heldFor.reason, first_stop_eta: new Date(o.heldFor.firstStopEtaMs).toISOString() } : null })),
      ...planIssueMembers(entry),
    });
  });
}
