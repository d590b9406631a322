import { describe, expect, it } from 'vitest';
import { Changed, DispatchStore } from '../../../web-map/src/store/dispatch-store.js';
import { computeKpi } from '../../../web-map/src/store/kpi.js';

describe('DispatchStore', () => {
  it('applies events in sequence and drops duplicates and replays of older sequences', () => {
    const store = new DispatchStore();
    expect(store.apply(1, 'order.created', [{ kind: 'order.upsert', order: { id: 'ord_1', state: 'created' } }])).toBe(true);
    expect(store.apply(2, 'order.batched', [{ kind: 'order.upsert', order: { id: 'ord_1', state: 'batched' } }])).toBe(true);
    expect(store.apply(1, 'order.created', [{ kind: 'order.upsert', order: { id: 'ord_1', state: 'created' } }])).toBe(false);
    expect(store.orders.get('ord_1')?.state).toBe('batched');
    expect(store.lastSeq).toBe(2);
    expect(store.feed.map((e) => e.seq)).toEqual([2, 1]);
  });

  it('applies unsequenced snapshot data without moving the sequence', () => {
    const store = new DispatchStore();
    store.apply(0, 'snapshot', [{ kind: 'courier.upsert', courier: { id: 'cou_1', name: 'Budi', state: 'idle' } }]);
    expect(store.lastSeq).toBe(0);
    expect(store.couriers.get('cou_1')?.name).toBe('Budi');
    expect(store.feed).toHaveLength(0);
  });

  it('moves couriers, ignores an older fix arriving late and tells the position sinks', () => {
    const store = new DispatchStore();
    const seen: string[] = [];
    store.onPosition((c) => seen.push(`${c.id}@${c.lon}`));
    store.applyPosition(1, 'cou_1', 106.8, -6.2, 2_000);
    store.applyPosition(2, 'cou_1', 106.7, -6.2, 1_000); // older than what we have
    store.applyPosition(1, 'cou_1', 106.9, -6.2, 3_000); // duplicate sequence
    expect(store.couriers.get('cou_1')).toMatchObject({ lon: 106.8, positionAtMs: 2_000 });
    expect(seen).toEqual(['cou_1@106.8']);
  });

  it('hands accumulated change bits to listeners once per flush', () => {
    const store = new DispatchStore();
    const calls: number[] = [];
    store.subscribe((changed) => calls.push(changed));
    store.applyPosition(0, 'cou_1', 106.8, -6.2, 1);
    store.apply(5, 'offer.created', [{ kind: 'offer.upsert', offer: { id: 'off_1', courierId: 'cou_1', expiresAtMs: 10 } }]);
    store.flush();
    store.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0] & Changed.positions).toBeTruthy();
    expect(calls[0] & Changed.offers).toBeTruthy();
    expect(calls[0] & Changed.routes).toBe(0);
    expect(store.offerOf('cou_1')?.id).toBe('off_1');
  });
});

describe('computeKpi', () => {
  it('counts waiting orders, on-time share, click-to-door, utilisation and COD per market', () => {
    const store = new DispatchStore();
    store.apply(0, 'snapshot', [
      { kind: 'order.upsert', order: { id: 'o1', marketId: 'm1', state: 'created' } },
      { kind: 'order.upsert', order: { id: 'o2', marketId: 'm1', state: 'picking', codTotalRp: 50_000 } },
      { kind: 'order.upsert', order: { id: 'o3', marketId: 'm1', state: 'delivered', createdAtMs: 0 + 1, deliveredAtMs: 1 + 1_800_000, promisedAtMs: 2_000_000 } },
      { kind: 'order.upsert', order: { id: 'o4', marketId: 'm1', state: 'delivered', createdAtMs: 1, deliveredAtMs: 1 + 3_600_000, promisedAtMs: 2_000_000 } },
      { kind: 'order.upsert', order: { id: 'o5', marketId: 'm2', state: 'created' } },
      { kind: 'courier.upsert', courier: { id: 'c1', marketId: 'm1', state: 'on_route' } },
      { kind: 'courier.upsert', courier: { id: 'c2', marketId: 'm1', state: 'idle' } },
      { kind: 'courier.upsert', courier: { id: 'c3', marketId: 'm1', state: 'offline' } },
    ]);
    const kpi = computeKpi(store, 'm1');
    expect(kpi.ordersWaiting).toBe(1);
    expect(kpi.codOutstandingRp).toBe(50_000);
    expect(kpi.onTimePct).toBe(50);
    expect(kpi.meanClickToDoorS).toBe(2_700);
    expect(kpi.utilisationPct).toBe(50);
    expect(computeKpi(store).ordersWaiting).toBe(2);
  });

  it('counts orders booked for a later hour apart from those waiting, from the store or from the server', () => {
    const store = new DispatchStore();
    const nowMs = 1_000_000_000;
    store.apply(0, 'snapshot', [
      { kind: 'order.upsert', order: { id: 'o1', marketId: 'm1', state: 'created', createdAtMs: nowMs - 60_000 } },
      { kind: 'order.upsert', order: { id: 'o2', marketId: 'm1', state: 'created', createdAtMs: nowMs - 60_000, bookedForMs: nowMs + 3_600_000 } },
      { kind: 'order.upsert', order: { id: 'o3', marketId: 'm1', state: 'created', createdAtMs: nowMs - 7_200_000, bookedForMs: nowMs - 60_000 } },
    ]);
    expect(computeKpi(store, 'm1', nowMs)).toMatchObject({ ordersWaiting: 2, ordersBooked: 1 });
    store.apply(1, 'kpi', [{ kind: 'kpi', marketId: 'm1', kpi: { pendingOrders: 4, bookedOrders: 3, offeredOrders: 1, activeCouriers: 2, idleCouriers: 1, oldestPendingS: 60 } }]);
    expect(computeKpi(store, 'm1', nowMs)).toMatchObject({ ordersWaiting: 5, ordersBooked: 3 });
  });

  it('counts a booked order\'s click-to-door and hour\'s promise from the hour it was booked for', () => {
    const store = new DispatchStore();
    const bookedAtMs = 1_000;
    const bookedForMs = bookedAtMs + 3 * 3_600_000;
    store.apply(0, 'snapshot', [
      { kind: 'order.upsert', order: { id: 'o1', marketId: 'm1', state: 'delivered', createdAtMs: bookedAtMs, bookedForMs, deliveredAtMs: bookedForMs + 1_500_000 } },
    ]);
    const kpi = computeKpi(store, 'm1');
    expect(kpi.meanClickToDoorS).toBe(1_500); // not the three hours before the booked hour
    expect(kpi.onTimePct).toBe(100);
  });
});
