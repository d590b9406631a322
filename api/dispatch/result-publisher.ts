// Publishes what the core decided: plans and offers written to the store, route/ETA/plan events logged (and so
// streamed with their sequence; plans with their routes' road lines) and their ETAs written on the stops (with the
// customers' ETA changes they make), positions and KPIs streamed as ephemeral events; new plan requests launched.
import { MOVED_REASON, type DispatchEvent, type DispatchResult } from '../../engine/index.js';
import { unassignInStore } from './dispatcher-actions.js';
import { applyStopEtas } from './eta-changes.js';
import type { DispatchService, MarketEntry } from './dispatch-service.js';
import { logPlanUpdated, type PlanUpdated, stopsPayload, storeOfferTtlMs, writeOffer, writePlan } from './dispatch-writer.js';
import { lineThrough, type RouteLine } from './route-geometry.js';
import { writeAcceptedEta } from './accepted-eta.js';

/** Core event types the store already records through its own transitions (not logged twice). */
const RECORDED_BY_STORE = new Set<DispatchEvent['type']>([
  'order.pending', 'order.cancelled', 'order.assigned', 'order.picked_up', 'order.delivered', 'order.failed', 'order.unassigned',
  'offer.accepted', 'offer.declined', 'offer.expired', 'offer.withdrawn', 'courier.idle', 'plan.requested',
]);

export async function publishResult(service: DispatchService, entry: MarketEntry, result: DispatchResult, solveMs?: number): Promise<void> {
  const d = entry.dispatcher;
  for (const e of result.events) {
    if (e.type === 'order.unassigned' && e.reason === MOVED_REASON) {
      await releaseMoved(service, entry, e.orderId, e.courierId);
      continue;
    }
    if (e.type === 'order.assigned') {
      const toldEtaMs = d.orders.get(e.orderId)?.toldEtaMs;
      if (toldEtaMs !== undefined) await writeAcceptedEta(service.app.store.q, e.orderId, e.courierId, toldEtaMs);
    }
    if (RECORDED_BY_STORE.has(e.type)) continue;
    switch (e.type) {
      case 'plan.updated': {
        const planId = await service.app.tx((tx) => writePlan(tx, e, solveMs));
        entry.planRows.set(e.planId, planId);
        publishPlanWithLines(service, entry, planId, e, solveMs);
        break;
      }
      case 'offer.created': {
        if (!d.offers.has(e.offerId)) break; // closed again before it reached the store
        try {
          const rowId = await service.app.tx((tx) => writeOffer(tx, e, planRowOf(entry, e.offerId), storeOfferTtlMs(e, d.config.offerTtlMs, service.offerTtlMs)));
          service.offerRows.set(e.offerId, rowId);
          service.coreOffers.set(rowId, e.offerId);
        } catch (error) {
          // The store refused (courier busy there, order moved on): treat as a decline so this pair is not retried.
          service.log.info({ err: error, offer: e.offerId, courier: e.courierId }, 'store refused an offer');
          await service.command(entry, { type: 'offerDeclined', offerId: e.offerId, courierId: e.courierId });
        }
        break;
      }
      case 'courier.position':
      case 'kpi':
        service.app.realtime?.publishEphemeral({
          type: e.type, marketId: e.marketId, courierId: e.type === 'courier.position' ? e.courierId : null,
          payload: e.type === 'kpi' ? { ...e.kpi } : { courierId: e.courierId, lon: e.lon, lat: e.lat, at: new Date(e.positionAtMs).toISOString() },
        });
        break;
      case 'route.updated':
        await service.app.tx((tx) => applyStopEtas(tx, e.courierId, e.stops, service.etaNotice));
        await service.app.store.events.append(logged(e, entry.lines.get(e.stops)));
        break;
      case 'eta.updated':
        await service.app.tx((tx) => applyStopEtas(tx, e.courierId, e.stops, service.etaNotice));
        await service.app.store.events.append(logged(e));
        break;
      default:
        await service.app.store.events.append(logged(e));
    }
  }
  if (result.planRequest) service.launch(entry, result.planRequest);
}

/**
 * The plan moved an accepted order to another courier: the store releases it from the first (its stops there are
 * cancelled with the reason, the courier is told) before the offer to the other is written. When the store has moved
 * on (the courier started picking), the core gives the order back to that courier and withdraws the offer.
 */
async function releaseMoved(service: DispatchService, entry: MarketEntry, orderId: string, fromCourierId: string): Promise<void> {
  const released = await service.app.tx((tx) => unassignInStore(tx, entry.facts.id, orderId, new Date(), MOVED_REASON));
  if (released) return;
  service.log.info({ order: orderId, courier: fromCourierId }, 'moved order stays: its courier has started on it');
  await service.command(entry, { type: 'forceAssign', orderId, courierId: fromCourierId });
}

/**
 * Logs `plan.updated` once its routes' road lines are known. The lines are computed off the dispatch chain; the
 * market's geometry chain keeps its plans in order. Routing failures fall back to straight lines (`lineKind`).
 */
function publishPlanWithLines(service: DispatchService, entry: MarketEntry, planId: string, e: PlanUpdated, solveMs: number | undefined): void {
  const timeoutMs = service.options.geometryTimeoutMs ?? 3_000;
  const lines = Promise.all(e.routes.map((r) => lineThrough(service.options.routing, r.stops, timeoutMs)));
  entry.geometryChain = entry.geometryChain.then(async () => {
    const computed = await lines;
    e.routes.forEach((r, i) => entry.lines.set(r.stops, computed[i]));
    await service.app.tx((tx) => logPlanUpdated(tx, planId, e, computed, solveMs));
  }).catch((error: unknown) => service.log.warn({ err: error, market: entry.facts.id }, 'plan.updated not logged'));
  service.track(entry.geometryChain);
}

/** The event-log row of a core event: subject ids for routing to rooms, camelCase payload with ISO times. */
function logged(e: DispatchEvent, line?: RouteLine) {
  const { type, marketId, atMs: _atMs, ...rest } = e as DispatchEvent & Record<string, unknown>;
  const payload: Record<string, unknown> = { ...rest };
  if ('stops' in e && Array.isArray(e.stops)) {
    payload.stops = e.type === 'eta.updated' ? e.stops.map((s) => ({ stopId: s.stopId, eta: new Date(s.etaMs).toISOString() })) : stopsPayload(e.stops as never);
  }
  if (line) Object.assign(payload, line);
  return {
    type, marketId,
    courierId: 'courierId' in e && typeof e.courierId === 'string' ? e.courierId : null,
    orderId: 'orderId' in e && typeof e.orderId === 'string' ? e.orderId : null,
    payload,
  };
}

/** The plan row of the plan an offer came from (offers carry their plan id in the core's offer state). */
function planRowOf(entry: MarketEntry, offerId: string): string | null {
  const offer = entry.dispatcher.offers.get(offerId);
  return offer ? (entry.planRows.get(offer.planId) ?? null) : null;
}
