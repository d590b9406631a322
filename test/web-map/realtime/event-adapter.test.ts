import { describe, expect, it } from 'vitest';
import { applyEnvelope, camelize, type Envelope } from '../../../web-map/src/realtime/event-adapter.js';
import { DispatchStore } from '../../../web-map/src/store/dispatch-store.js';

const AT = '2026-11-22T08:00:00.000Z';
const envelope = (seq: number, type: string, payload: Record<string, unknown>, subject: Partial<Envelope> = {}): Envelope =>
  ({ seq, type, marketId: 'mkt_1', courierId: null, orderId: null, at: AT, replay: false, payload, ...subject });

describe('applyEnvelope', () => {
  it('creates an order from order.created and follows transition events by their `to` state', () => {
    const store = new DispatchStore();
    applyEnvelope(store, envelope(3, 'order.created', {
      order_id: 'ord_1', cod_total_rp: 42_000, delivery_location: { lon: 106.81, lat: -6.21 }, customer: { name: 'Bu Sri' },
    }, { orderId: 'ord_1' }));
    expect(store.orders.get('ord_1')).toMatchObject({ marketId: 'mkt_1', state: 'created', codTotalRp: 42_000, lon: 106.81, customerName: 'Bu Sri', createdAtMs: Date.parse(AT) });
    applyEnvelope(store, envelope(4, 'order.picking', { order_id: 'ord_1', from: 'assigned', to: 'picking', event: 'start_picking' }, { orderId: 'ord_1' }));
    expect(store.orders.get('ord_1')?.state).toBe('picking');
    applyEnvelope(store, envelope(5, 'order.delivered', { orderId: 'ord_1', courierId: 'cou_1', codCollectedRp: 42_000 }, { orderId: 'ord_1' }));
    expect(store.orders.get('ord_1')).toMatchObject({ state: 'delivered', deliveredAtMs: Date.parse(AT) });
    expect(store.lastSeq).toBe(5);
  });

  it('keeps the hour a booked order is ready from order.created', () => {
    const store = new DispatchStore();
    const bookedFor = '2026-11-22T11:00:00.000Z';
    applyEnvelope(store, envelope(3, 'order.created', { order_id: 'ord_2', booked_for: bookedFor, created_at: AT }, { orderId: 'ord_2' }));
    expect(store.orders.get('ord_2')).toMatchObject({ createdAtMs: Date.parse(AT), bookedForMs: Date.parse(bookedFor) });
    applyEnvelope(store, envelope(4, 'order.created', { order_id: 'ord_3', booked_for: null, created_at: AT }, { orderId: 'ord_3' }));
    expect(store.orders.get('ord_3')?.bookedForMs).toBe(0);
  });

  it('flags a courier with unsettled COD short from order.cod_discrepancy and clears it on order.cod_settled', () => {
    const store = new DispatchStore();
    const subject = { orderId: 'ord_1', courierId: 'cou_1' };
    applyEnvelope(store, envelope(7, 'order.cod_discrepancy', { order_id: 'ord_1', courier_id: 'cou_1', due_rp: 88_000, collected_rp: 50_000, short_rp: 38_000, courier_unsettled_short_rp: 38_000 }, subject));
    expect(store.couriers.get('cou_1')?.codUnsettledShortRp).toBe(38_000);
    applyEnvelope(store, envelope(8, 'order.cod_settled', { order_id: 'ord_1', courier_id: 'cou_1', courier_unsettled_short_rp: 0 }, subject));
    expect(store.couriers.get('cou_1')?.codUnsettledShortRp).toBe(0);
  });

  it('takes the map facts of the enriched order.created payload (no fetch needed)', () => {
    const store = new DispatchStore();
    const end = '2026-11-22T10:00:00.000Z';
    applyEnvelope(store, envelope(9, 'order.created', {
      order_id: 'ord_2', status: 'created', customer_name: 'Pak Budi', delivery_location: { lon: 106.8151, lat: -6.242 },
      window_end: end, cod_total_rp: 51_000, fee_rp: 8_000, item_count: 3, stall_ids: ['stl_1', 'stl_2'],
    }, { orderId: 'ord_2' }));
    expect(store.orders.get('ord_2')).toMatchObject({ state: 'created', customerName: 'Pak Budi', lon: 106.8151, lat: -6.242, codTotalRp: 51_000, itemCount: 3, promisedAtMs: Date.parse(end) });
  });

  it('drops a replayed event it has already applied', () => {
    const store = new DispatchStore();
    expect(applyEnvelope(store, envelope(7, 'order.pending', { orderId: 'ord_1' }, { orderId: 'ord_1' }))).toBe(true);
    expect(applyEnvelope(store, { ...envelope(7, 'order.assigned', { orderId: 'ord_1', courierId: 'cou_1' }, { orderId: 'ord_1' }), replay: true })).toBe(false);
    expect(store.orders.get('ord_1')?.state).toBe('created');
  });

  it('turns an offer into an offered courier with a countdown, then an accepted route', () => {
    const store = new DispatchStore();
    const expiresAt = '2026-11-22T08:00:45.000Z';
    applyEnvelope(store, envelope(1, 'offer.created', { offerId: 'ofr_1', courierId: 'cou_1', orderIds: ['ord_1'], stops: [], expiresAt, feesRp: {} }, { courierId: 'cou_1' }));
    expect(store.offers.get('ofr_1')).toMatchObject({ state: 'pending', expiresAtMs: Date.parse(expiresAt), orderIds: ['ord_1'] });
    expect(store.couriers.get('cou_1')?.state).toBe('offered');
    expect(store.orders.get('ord_1')?.state).toBe('offered');
    applyEnvelope(store, envelope(2, 'offer.accepted', { offer_id: 'ofr_1', to: 'accepted', order_ids: ['ord_1'] }, { courierId: 'cou_1' }));
    expect(store.offers.get('ofr_1')?.state).toBe('accepted');
    expect(store.couriers.get('cou_1')?.state).toBe('on_route');
    expect(store.orders.get('ord_1')).toMatchObject({ state: 'assigned', courierId: 'cou_1' });
  });

  it('sends a courier whose offer lapsed back to idle', () => {
    const store = new DispatchStore();
    applyEnvelope(store, envelope(1, 'offer.created', { offerId: 'ofr_1', courierId: 'cou_1', orderIds: [], expiresAtMs: 1 }, { courierId: 'cou_1' }));
    applyEnvelope(store, envelope(2, 'offer.expired', { offerId: 'ofr_1', courierId: 'cou_1', orderIds: [] }, { courierId: 'cou_1' }));
    expect(store.couriers.get('cou_1')?.state).toBe('idle');
    expect(store.offerOf('cou_1')).toBeUndefined();
  });

  it('draws planned and accepted routes, refreshes ETAs and clears a finished route', () => {
    const store = new DispatchStore();
    const stops = [
      { stopId: 'stp_1', orderId: 'ord_1', kind: 'pickup', lon: 106.8, lat: -6.2, eta: AT },
      { stopId: 'stp_2', orderId: 'ord_1', kind: 'delivery', lon: 106.81, lat: -6.21, eta: AT },
    ];
    applyEnvelope(store, envelope(1, 'plan.updated', { planId: 'pln_1', routes: [{ courierId: 'cou_1', stops }], unassignedOrderIds: [] }));
    expect(store.routes.get('cou_1')?.stops.map((s) => [s.stopId, s.kind])).toEqual([['stp_1', 'pickup'], ['stp_2', 'delivery']]);
    applyEnvelope(store, envelope(2, 'route.updated', { courierId: 'cou_1', stops, codDueRp: 42_000 }, { courierId: 'cou_1' }));
    expect(store.couriers.get('cou_1')?.codOutstandingRp).toBe(42_000);
    applyEnvelope(store, envelope(3, 'eta.updated', { courierId: 'cou_1', stops: [{ stopId: 'stp_2', eta: '2026-11-22T08:30:00.000Z' }] }, { courierId: 'cou_1' }));
    expect(store.routes.get('cou_1')?.stops[1].etaMs).toBe(Date.parse('2026-11-22T08:30:00.000Z'));
    applyEnvelope(store, envelope(4, 'route.completed', { route_id: 'rte_1' }, { courierId: 'cou_1' }));
    expect(store.routes.has('cou_1')).toBe(false);
  });

  it('marks orders a plan keeps back with their courier, reason and first-stall ETA, until a plan or an offer no longer holds them', () => {
    const store = new DispatchStore();
    for (const [seq, id, marketId] of [[1, 'ord_1', 'mkt_1'], [2, 'ord_2', 'mkt_1'], [3, 'ord_9', 'mkt_2']] as const) {
      applyEnvelope(store, envelope(seq, 'order.created', { orderId: id, marketId }, { orderId: id, marketId }));
    }
    const held = (orderId: string, reason: string) => ({ orderId, courierId: 'cou_1', reason, firstStopEta: '2026-11-22T08:45:00.000Z' });
    applyEnvelope(store, envelope(4, 'plan.updated', { planId: 'pln_9', routes: [], unassignedOrderIds: [], heldOrders: [held('ord_9', 'commit_horizon')] }, { marketId: 'mkt_2' }));
    applyEnvelope(store, envelope(5, 'plan.updated', { planId: 'pln_1', routes: [], unassignedOrderIds: [], heldOrders: [held('ord_1', 'commit_horizon'), held('ord_2', 'goods_not_ready')] }));
    expect(store.orders.get('ord_1')).toMatchObject({ state: 'created', heldCourierId: 'cou_1', heldReason: 'commit_horizon', heldFirstStopEtaMs: Date.parse('2026-11-22T08:45:00.000Z') });
    expect(store.orders.get('ord_2')).toMatchObject({ heldReason: 'goods_not_ready' });

    // The next plan of mkt_1 holds only ord_2; ord_9 is another market's and stays held.
    applyEnvelope(store, envelope(6, 'plan.updated', { planId: 'pln_2', routes: [], unassignedOrderIds: [], heldOrders: [held('ord_2', 'goods_not_ready')] }));
    expect(store.orders.get('ord_1')).toMatchObject({ heldCourierId: '', heldReason: '', heldFirstStopEtaMs: 0 });
    expect(store.orders.get('ord_9')?.heldCourierId).toBe('cou_1');
    applyEnvelope(store, envelope(7, 'offer.created', { offerId: 'off_1', courierId: 'cou_1', orderIds: ['ord_2'] }, { courierId: 'cou_1' }));
    expect(store.orders.get('ord_2')).toMatchObject({ state: 'offered', heldCourierId: '' });
  });

  it('applies live positions although they carry an already seen sequence, and keeps per-market KPIs', () => {
    const store = new DispatchStore();
    applyEnvelope(store, envelope(9, 'order.pending', { orderId: 'ord_1' }, { orderId: 'ord_1' }));
    expect(applyEnvelope(store, envelope(9, 'courier.position', { courierId: 'cou_1', lon: 106.8, lat: -6.2, at: AT }, { courierId: 'cou_1' }))).toBe(true);
    expect(store.couriers.get('cou_1')).toMatchObject({ lon: 106.8, lat: -6.2, positionAtMs: Date.parse(AT) });
    applyEnvelope(store, envelope(9, 'kpi', { pendingOrders: 3, offeredOrders: 2, assignedOrders: 0, deliveredOrders: 0, failedOrders: 0, cancelledOrders: 0, activeCouriers: 4, idleCouriers: 1, openOffers: 2, oldestPendingS: 90 }));
    expect(store.serverKpi.get('mkt_1')).toMatchObject({ pendingOrders: 3, activeCouriers: 4 });
  });

  it('ignores events the map does not show', () => {
    const store = new DispatchStore();
    expect(applyEnvelope(store, envelope(1, 'webhook.delivered', {}))).toBe(true);
    expect(store.orders.size + store.couriers.size).toBe(0);
  });
});

describe('camelize', () => {
  it('renames keys deeply and leaves values alone', () => {
    expect(camelize({ cod_total_rp: 1, items: [{ unit_price_rp: 2, name: 'cabe_rawit' }] })).toEqual({ codTotalRp: 1, items: [{ unitPriceRp: 2, name: 'cabe_rawit' }] });
  });
});
