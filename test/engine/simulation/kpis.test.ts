import { describe, expect, it } from 'vitest';
import { computeKpis, DAY_START_MS, percentile, type CourierRecord, type OrderRecord, type SimulationResult } from '../../../engine/index.js';

const H = 3_600_000;
const M = 60_000;
const T0 = DAY_START_MS + 8 * H; // 08:00

const order = (id: string, over: Partial<OrderRecord>): OrderRecord => ({
  id, marketId: 'm', placedAtMs: T0, windowEndMs: T0 + 60 * M, outcome: 'delivered', feeRp: 10_000, exchanged: false, ...over,
});
const courier = (id: string, over: Partial<CourierRecord>): CourierRecord => ({
  id, marketId: 'm', kind: 'pangkalan', noShow: false, shiftStartMs: T0, shiftEndMs: T0 + 2 * H, presentMs: 2 * H, busyMs: H,
  distanceM: 10_000, earningsRp: 20_000, deliveries: 2, perHourRp: 0, feeShare: 1, ...over,
});

/** A day anyone can check on paper: 4 orders (3 delivered, 1 cancelled), 2 couriers of 2 hours, 1 no-show. */
function tinyDay(): SimulationResult {
  const hourly = { busyMs: new Float64Array(24), presentMs: new Float64Array(24), add() {} };
  hourly.presentMs[8] = 2 * H;
  hourly.busyMs[8] = H;
  return {
    policy: 'hand',
    orders: [
      // 30 min, on time, 20 min in bag; at the door 2 min before the hour told
      order('a', { firstPickupMs: T0 + 10 * M, deliveredMs: T0 + 30 * M, toldEtaMs: T0 + 30.5 * M, atDoorMs: T0 + 28.5 * M }),
      // 50 min, on time, 30 in bag; at the door 14 min after the hour told
      order('b', { firstPickupMs: T0 + 20 * M, deliveredMs: T0 + 50 * M, feeRp: 12_000, toldEtaMs: T0 + 34.5 * M, atDoorMs: T0 + 48.5 * M }),
      order('c', { firstPickupMs: T0 + 30 * M, deliveredMs: T0 + 70 * M, feeRp: 8_000, exchanged: true }), // 70 min, late, 40 in bag
      order('d', { outcome: 'cancelled', feeRp: 0 }),
    ],
    couriers: [
      courier('p1', {}),
      courier('o1', { kind: 'ojol', busyMs: 0.5 * H, distanceM: 5_000, earningsRp: 8_000, deliveries: 1, perHourRp: 6_000, feeShare: 0.8 }),
      courier('o2', { kind: 'ojol', noShow: true, presentMs: 0, busyMs: 0, distanceM: 0, earningsRp: 0, deliveries: 0 }),
    ],
    hourly: hourly as unknown as SimulationResult['hourly'],
    plans: 5, offers: 4, declines: 1, exchanges: 1, unplanned: {}, simulatedEndMs: T0 + 2 * H,
  };
}

describe('computeKpis', () => {
  const k = computeKpis(tinyDay());

  it('counts orders served and unserved', () => {
    expect([k.orders, k.served, k.unserved, k.cancelled, k.openAtEnd, k.exchanges]).toEqual([4, 3, 1, 1, 0, 1]);
  });

  it('computes click-to-door, on time and time in bag', () => {
    expect(k.clickToDoorMin).toEqual({ mean: 50, p50: 50, p90: 70 });
    expect(k.onTimePct).toBe(50); // 2 of 4 orders within the promise
    expect(k.timeInBagP95Min).toBe(40);
  });

  it('computes fleet hours, km and utilisation over couriers who showed up', () => {
    expect(k.courierKm).toBe(15);
    expect(k.courierShiftHours).toBe(4);
    expect(k.courierBusyHours).toBe(1.5);
    expect(k.utilisationPct).toBe(37.5);
    expect(k.ordersPerCourierHour).toBe(0.75);
    expect(k.utilisationByHourPct[8]).toBe(50);
    expect(k.utilisationByHourPct[9]).toBeNull();
  });

  it('computes money: fees, earnings per fleet, fairness and cost per order', () => {
    expect(k.feeRevenueRp).toBe(30_000);
    expect(k.earnings.pangkalan).toEqual({ couriers: 1, perHourRp: 10_000, perCourierRp: 20_000 });
    expect(k.earnings.ojol).toEqual({ couriers: 1, perHourRp: 10_000, perCourierRp: 20_000 }); // 8,000 fees + 2 h × 6,000
    expect(k.earningsRatio).toBe(1);
    expect(k.earningsCvPct).toBe(0);
    expect(k.costPerOrderRp).toBe(13_333); // 40,000 paid / 3 served
  });

  it('compares the hour customers were told with the courier at their door, for orders told one', () => {
    expect(k.toldEta).toEqual({ orders: 2, lateMin: { mean: 6, p50: -2, p90: 14 }, keptPct: 50 });
  });

  it('percentile is nearest-rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 90)).toBe(5);
    expect(percentile([], 90)).toBe(0);
  });
});
