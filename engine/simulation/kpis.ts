// Planner KPIs of one simulated day: speed (click-to-door, on time), volume (served, unserved), fleet (km, hours,
// utilisation, orders per courier-hour), goods (time in bag), money (fees, earnings and their fairness, cost per order).
import type { FleetKind } from '../model/problem-input.js';
import type { CourierRecord, OrderRecord } from './recorder.js';
import type { SimulationResult } from './simulator.js';

export interface Spread {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
}

export interface FleetEarnings {
  readonly couriers: number;
  /** Mean earnings per hour on shift of the couriers who showed up, rupiah. */
  readonly perHourRp: number;
  readonly perCourierRp: number;
}

/** How well the hour told to customers held: none told in the hindsight plan (nobody accepts an offer there). */
export interface ToldEta {
  readonly orders: number;
  /** Minutes the courier reached the door after the hour told (negative: before it). */
  readonly lateMin: Spread;
  /** At the door no later than ten minutes after the hour told, percent of `orders`. */
  readonly keptPct: number;
}

/** Minutes a told hour may slip and still count as kept. */
const TOLD_SLACK_MIN = 10;

export interface Kpis {
  readonly policy: string;
  readonly orders: number;
  readonly served: number;
  readonly unserved: number;
  readonly cancelled: number;
  readonly openAtEnd: number;
  readonly exchanges: number;
  /** Minutes from the order to the door, served orders. */
  readonly clickToDoorMin: Spread;
  /** Served within the promised window, percent of all orders. */
  readonly onTimePct: number;
  /** The hour customers are told when a courier accepts their order, against its arrival at the door (served orders). */
  readonly toldEta: ToldEta;
  readonly courierKm: number;
  readonly courierShiftHours: number;
  readonly courierBusyHours: number;
  readonly ordersPerCourierHour: number;
  readonly utilisationPct: number;
  /** Minutes from the first stall to the door, 95th percentile. */
  readonly timeInBagP95Min: number;
  readonly feeRevenueRp: number;
  readonly earnings: Readonly<Record<FleetKind, FleetEarnings>>;
  /** Ratio of the better-paid fleet's hourly earnings to the other's (1 = equal). */
  readonly earningsRatio: number;
  /** Coefficient of variation of hourly earnings across couriers, percent. */
  readonly earningsCvPct: number;
  /** The same within each fleet kind (the couriers who share a queue), percent. */
  readonly earningsCvByFleetPct: Readonly<Record<FleetKind, number>>;
  /** What the couriers are paid (fee shares and hourly wages) per served order, rupiah. */
  readonly costPerOrderRp: number;
  readonly plans: number;
  readonly offers: number;
  readonly declines: number;
  /** Busy share of on-shift time per local hour 0–23, percent (null when nobody was on shift). */
  readonly utilisationByHourPct: readonly (number | null)[];
}

/** Nearest-rank percentile of `values` (0 when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;
const mean = (v: readonly number[]): number => (v.length === 0 ? 0 : v.reduce((a, b) => a + b, 0) / v.length);

/** What each courier who showed up earned: fee shares plus wages, per hour on shift, and deliveries. */
export function earningsByCourier(couriers: readonly CourierRecord[]) {
  return couriers.filter((c) => !c.noShow && c.presentMs > 0).map((c) => {
    const rp = Math.round(c.earningsRp + (c.perHourRp * c.presentMs) / 3_600_000);
    return { courierId: c.id, fleet: c.kind, earningsRp: rp, perHourRp: Math.round(rp / (c.presentMs / 3_600_000)), deliveries: c.deliveries };
  });
}

/** Minutes from order to door of each served order. */
export function clickToDoorMinutes(orders: readonly OrderRecord[]): number[] {
  return orders.filter((o) => o.outcome === 'delivered').map((o) => (o.deliveredMs! - o.placedAtMs) / 60_000);
}

/** The told hour against the courier's arrival at the door, of served orders told one. */
export function toldEtaKpi(orders: readonly OrderRecord[]): ToldEta {
  const lateMin = orders.filter((o) => o.outcome === 'delivered' && o.toldEtaMs !== undefined && o.atDoorMs !== undefined)
    .map((o) => (o.atDoorMs! - o.toldEtaMs!) / 60_000);
  return {
    orders: lateMin.length,
    lateMin: { mean: round(mean(lateMin)), p50: round(percentile(lateMin, 50)), p90: round(percentile(lateMin, 90)) },
    keptPct: round((100 * lateMin.filter((m) => m <= TOLD_SLACK_MIN).length) / Math.max(1, lateMin.length)),
  };
}

export function computeKpis(run: SimulationResult): Kpis {
  const { orders, couriers } = run;
  const served = orders.filter((o) => o.outcome === 'delivered');
  const c2d = clickToDoorMinutes(orders);
  const inBag = served.filter((o) => o.firstPickupMs !== undefined).map((o) => (o.deliveredMs! - o.firstPickupMs!) / 60_000);
  const present = couriers.filter((c) => !c.noShow && c.presentMs > 0);
  const shiftHours = present.reduce((s, c) => s + c.presentMs, 0) / 3_600_000;
  const busyHours = present.reduce((s, c) => s + c.busyMs, 0) / 3_600_000;
  const paid = (c: CourierRecord): number => c.earningsRp + (c.perHourRp * c.presentMs) / 3_600_000;
  const perHour = (c: CourierRecord): number => paid(c) / Math.max(1e-9, c.presentMs / 3_600_000);
  const fleet = (kind: FleetKind): FleetEarnings => {
    const group = present.filter((c) => c.kind === kind);
    return { couriers: group.length, perHourRp: Math.round(mean(group.map(perHour))), perCourierRp: Math.round(mean(group.map(paid))) };
  };
  const earnings = { ojol: fleet('ojol'), pangkalan: fleet('pangkalan') };
  const rates = [earnings.ojol, earnings.pangkalan].filter((f) => f.couriers > 0).map((f) => f.perHourRp);
  const cvOf = (values: readonly number[]): number => (mean(values) > 0 ? Math.sqrt(mean(values.map((h) => (h - mean(values)) ** 2))) / mean(values) : 0);
  const cv = cvOf(present.map(perHour));
  const fleetCv = (kind: FleetKind): number => round(100 * cvOf(present.filter((c) => c.kind === kind).map(perHour)));
  const totalPaid = present.reduce((s, c) => s + paid(c), 0);
  return {
    policy: run.policy,
    orders: orders.length,
    served: served.length,
    unserved: orders.length - served.length,
    cancelled: orders.filter((o) => o.outcome === 'cancelled').length,
    openAtEnd: orders.filter((o) => o.outcome === 'open_at_end').length,
    exchanges: run.exchanges,
    clickToDoorMin: { mean: round(mean(c2d)), p50: round(percentile(c2d, 50)), p90: round(percentile(c2d, 90)) },
    onTimePct: round((100 * served.filter((o) => o.deliveredMs! <= o.windowEndMs).length) / Math.max(1, orders.length)),
    toldEta: toldEtaKpi(orders),
    courierKm: round(couriers.reduce((s, c) => s + c.distanceM, 0) / 1000),
    courierShiftHours: round(shiftHours),
    courierBusyHours: round(busyHours),
    ordersPerCourierHour: round(served.length / Math.max(1e-9, shiftHours), 2),
    utilisationPct: round((100 * busyHours) / Math.max(1e-9, shiftHours)),
    timeInBagP95Min: round(percentile(inBag, 95)),
    feeRevenueRp: served.reduce((s, o) => s + o.feeRp, 0),
    earnings,
    earningsRatio: rates.length === 2 ? round(Math.max(...rates) / Math.max(1, Math.min(...rates)), 2) : 1,
    earningsCvPct: round(100 * cv),
    earningsCvByFleetPct: { ojol: fleetCv('ojol'), pangkalan: fleetCv('pangkalan') },
    costPerOrderRp: Math.round(totalPaid / Math.max(1, served.length)),
    plans: run.plans,
    offers: run.offers,
    declines: run.declines,
    utilisationByHourPct: Array.from(run.hourly.presentMs, (p, h) => (p > 0 ? round((100 * run.hourly.busyMs[h]) / p) : null)),
  };
}

type GapKpis = Pick<Kpis, 'clickToDoorMin' | 'onTimePct' | 'courierKm' | 'served'>;

/** How far a live policy is from the hindsight plan: relative gaps in percent (positive: worse), on-time in points. */
export function gapToHindsight(live: GapKpis, hindsight: GapKpis) {
  const pct = (a: number, b: number): number => (b > 0 ? Math.round((1000 * (a - b)) / b) / 10 : 0);
  return {
    clickToDoorMeanPct: pct(live.clickToDoorMin.mean, hindsight.clickToDoorMin.mean),
    clickToDoorP90Pct: pct(live.clickToDoorMin.p90, hindsight.clickToDoorMin.p90),
    onTimePts: Math.round(10 * (hindsight.onTimePct - live.onTimePct)) / 10,
    courierKmPct: pct(live.courierKm, hindsight.courierKm),
    servedPct: pct(hindsight.served, live.served),
  };
}
