// Committed events → dispatch core commands: new, cancelled and rescheduled orders, a new hour told to a customer,
// offer outcomes decided by the store, courier availability and positions, stop outcomes. Events the loop wrote itself are not echoed back.
import type { EventRecord } from '../store/events-store.js';
import type { DispatchService } from './dispatch-service.js';
import { loadStop } from './dispatch-loaders.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export async function bridgeCommand(service: DispatchService, record: EventRecord): Promise<void> {
  const p = record.payload;
  switch (record.type) {
    case 'order.created':
      return service.addOrder(record.orderId ?? String(p.order_id));
    case 'order.batched': // back from a lapsed offer the core did not make (e.g. before a restart)
      return service.addOrder(record.orderId ?? String(p.order_id));
    case 'order.cancelled': {
      const entry = record.marketId ? service.markets.get(record.marketId) : undefined;
      const orderId = record.orderId ?? str(p.order_id);
      if (entry && orderId) entry.unroutable.delete(orderId);
      if (entry && orderId && entry.dispatcher.orders.has(orderId)) await service.command(entry, { type: 'orderCancelled', orderId });
      return;
    }
    case 'order.rescheduled': { // moved to another hour: the core drops it and takes it back as the store now has it
      const entry = record.marketId ? service.markets.get(record.marketId) : undefined;
      const orderId = record.orderId ?? str(p.order_id);
      if (!orderId) return;
      const held = entry?.dispatcher.orders.get(orderId);
      if (entry && held && held.status !== 'cancelled') await service.command(entry, { type: 'orderCancelled', orderId });
      return service.addOrder(orderId);
    }
    case 'order.eta_told': { // a WhatsApp update told the customer a new hour: later plans keep that one
      const entry = record.marketId ? service.markets.get(record.marketId) : undefined;
      const orderId = record.orderId ?? str(p.order_id);
      const toldEtaMs = Date.parse(String(p.told_eta));
      if (entry && orderId) await service.command(entry, { type: 'toldEtaChanged', orderId, toldEtaMs });
      return;
    }
    case 'offer.accepted':
    case 'offer.declined':
    case 'offer.expired':
    case 'offer.withdrawn':
      return offerOutcome(service, record);
    case 'market.created': {
      if (record.marketId) await service.market(record.marketId);
      return;
    }
    case 'market.updated': {
      if (record.marketId) await service.reloadMarket(record.marketId);
      return;
    }
    case 'courier.idle': {
      const from = str(p.from);
      const known = courierEntry(service, record.courierId);
      if (known && from === 'paused') await service.command(known, { type: 'courierPaused', courierId: record.courierId!, paused: false });
      else if (!known?.dispatcher.couriers.has(record.courierId!) || from === 'offline') await service.enrollCourier(record.courierId!);
      return;
    }
    case 'courier.paused': {
      const entry = courierEntry(service, record.courierId);
      if (entry) await service.command(entry, { type: 'courierPaused', courierId: record.courierId!, paused: true });
      return;
    }
    case 'courier.offline': {
      const entry = courierEntry(service, record.courierId);
      if (entry) await service.command(entry, { type: 'courierOffline', courierId: record.courierId! });
      return;
    }
    case 'courier.moved': {
      const entry = courierEntry(service, record.courierId);
      const at = Date.parse(String(p.recorded_at));
      if (!entry) return service.enrollCourier(record.courierId!);
      await service.command(entry, { type: 'courierPosition', courierId: record.courierId!, position: { lon: Number(p.lon), lat: Number(p.lat), atMs: Number.isFinite(at) ? at : Date.now() } });
      return;
    }
    case 'stop.done':
    case 'stop.failed': {
      const stopId = str(p.stop_id);
      const stop = stopId ? await loadStop(service.app.db, stopId) : null;
      const entry = stop ? service.markets.get(stop.marketId) : undefined;
      if (!stop || !entry || !stop.courierId) return;
      await service.command(entry, {
        type: 'stopCompleted', courierId: stop.courierId, stopId: stop.coreStopId, outcome: record.type === 'stop.done' ? 'done' : 'failed',
        ...(stop.codCollectedRp !== null ? { codCollectedRp: stop.codCollectedRp } : {}),
      });
      return;
    }
    default:
      return;
  }
}

function courierEntry(service: DispatchService, courierId: string | null) {
  if (!courierId) return undefined;
  const marketId = service.courierMarket.get(courierId);
  return marketId ? service.markets.get(marketId) : undefined;
}

/** The store decided an offer's fate; the core follows. Offers the core never made (force-assign) are ignored. */
async function offerOutcome(service: DispatchService, record: EventRecord): Promise<void> {
  const rowId = str(record.payload.offer_id);
  const coreId = rowId ? service.coreOffers.get(rowId) : undefined;
  const entry = record.marketId ? service.markets.get(record.marketId) : undefined;
  if (!coreId || !entry || !record.courierId) return;
  const courierId = record.courierId;
  if (record.type === 'offer.accepted') await service.command(entry, { type: 'offerAccepted', offerId: coreId, courierId });
  else if (record.type === 'offer.declined') await service.command(entry, { type: 'offerDeclined', offerId: coreId, courierId });
  else if (record.type === 'offer.expired') await service.command(entry, { type: 'offerExpired', offerId: coreId });
  else await service.command(entry, { type: 'offerWithdrawn', offerId: coreId, reason: str(record.payload.reason) ?? 'withdrawn' });
}
