import { describe, expect, it } from 'vitest';
import { buildWorld, HaversineProvider, parseScenario, policyByName, simulate, type SimulationResult } from '../../../engine/index.js';
import { tinyScenario } from './tiny-scenario.js';
import { haversineM } from '../../../engine/geo.js';

const routing = new HaversineProvider({ speedMps: 20 / 3.6 });

async function run(policy: string, over = {}, orders = 12): Promise<SimulationResult> {
  const scenario = parseScenario(tinyScenario(over, orders));
  const world = await buildWorld(scenario, routing);
  return simulate({ world, routing, policy: policyByName(policy, scenario.policy) });
}

const fingerprint = (r: SimulationResult) => ({
  orders: r.orders.map((o) => [o.id, o.outcome, o.courierId, o.deliveredMs, o.feeRp]),
  couriers: r.couriers.map((c) => [c.id, Math.round(c.distanceM), c.busyMs, c.deliveries]),
  plans: r.plans, offers: r.offers, declines: r.declines,
});

describe('simulate', () => {
  it('is deterministic for a seed', async () => {
    const a = await run('jejaring');
    const b = await run('jejaring');
    expect(fingerprint(a)).toEqual(fingerprint(b));
  });

  it('changes with the seed', async () => {
    const a = await run('jejaring');
    const b = await run('jejaring', { seed: 8 });
    expect(fingerprint(a)).not.toEqual(fingerprint(b));
  });

  it.each(['jejaring', 'jejaring-120s', 'nearest', 'one-per-trip', 'fifo'])('accounts for every order exactly once (%s)', async (policy) => {
    const r = await run(policy, { demand: { refusalProbability: 0.3, patienceMin: 200 } }, 16);
    const ids = r.orders.map((o) => o.id);
    expect(new Set(ids).size).toBe(16);
    expect(ids.every((id) => !id.endsWith('-x'))).toBe(true); // exchanges fold into their customer order
    expect(r.orders.filter((o) => o.outcome === 'delivered').length + r.orders.filter((o) => o.outcome !== 'delivered').length).toBe(16);
    for (const o of r.orders.filter((x) => x.outcome === 'delivered')) {
      expect(o.deliveredMs!).toBeGreaterThan(o.placedAtMs);
      expect(o.toldEtaMs!).toBeGreaterThan(o.assignedAtMs!); // told when a courier accepted, of a door still ahead
      expect(o.atDoorMs!).toBeLessThanOrEqual(o.deliveredMs!);
      expect(o.firstPickupMs!).toBeGreaterThanOrEqual(o.assignedAtMs!);
      expect(o.deliveredMs!).toBeGreaterThan(o.firstPickupMs!);
    }
    expect(r.couriers.reduce((s, c) => s + c.deliveries, 0)).toBe(r.orders.filter((o) => o.outcome === 'delivered').length);
  });

  it('tells customers an hour the courier keeps on a day without riding noise', async () => {
    const r = await run('jejaring', { disruptions: { travelNoise: 0 } });
    const told = r.orders.filter((o) => o.outcome === 'delivered').map((o) => (o.atDoorMs! - o.toldEtaMs!) / 60_000);
    expect(told).toHaveLength(12);
    for (const lateMin of told) expect(Math.abs(lateMin)).toBeLessThan(5);
  });

  it('runs the exchange flow when customers refuse goods', async () => {
    const r = await run('jejaring', { demand: { refusalProbability: 1, patienceMin: 300 } }, 6);
    expect(r.exchanges).toBe(6);
    expect(r.orders.every((o) => o.exchanged && o.outcome === 'delivered')).toBe(true);
  });

  it('leaves orders unserved when nobody shows up, and customers cancel', async () => {
    const r = await run('nearest', { disruptions: { noShowProbability: 1 }, demand: { patienceMin: 30 } }, 5);
    expect(r.orders.every((o) => o.outcome === 'cancelled')).toBe(true);
    expect(r.couriers.every((c) => c.noShow && c.presentMs === 0 && c.distanceM === 0)).toBe(true);
  });

  it('never gives a nearest or one-per-trip courier two orders at once', async () => {
    for (const policy of ['nearest', 'one-per-trip']) {
      const r = await run(policy, { demand: { refusalProbability: 0 } }, 20);
      const spans = r.orders.filter((o) => o.outcome === 'delivered').map((o) => ({ c: o.courierId!, from: o.assignedAtMs!, to: o.deliveredMs! }));
      for (const a of spans) for (const b of spans) {
        if (a !== b && a.c === b.c) expect(a.to <= b.from || b.to <= a.from).toBe(true);
      }
    }
  });

  it('walks between a market\'s stalls (no metre ridden) and rides to the customer', async () => {
    const scenario = parseScenario(tinyScenario({
      fleets: [{ id: 'pk', market: 'senen', kind: 'pangkalan', couriers: 1, shift: [7, 11] }],
      demand: { stallsPerOrderWeights: [0, 0, 1], refusalProbability: 0 },
    }, 1));
    const world = await buildWorld(scenario, routing);
    const r = await simulate({ world, routing, policy: policyByName('jejaring', scenario.policy) });
    const [o] = r.orders;
    expect(o.outcome).toBe('delivered');
    const visits = [...o.pickupStarts!].sort((a, b) => a.startMs - b.startMs);
    expect(visits).toHaveLength(3);
    const at = new Map(world.orders[0].order.pickups.map((p) => [p.id, [p.lon, p.lat] as const]));
    for (let k = 1; k < visits.length; k++) {
      const [a, b] = [at.get(visits[k - 1].stopId)!, at.get(visits[k].stopId)!];
      expect(visits[k].startMs - visits[k - 1].doneMs!).toBeCloseTo(haversineM(a[0], a[1], b[0], b[1]) * 1000, -2); // 1 m/s
    }
    const start = world.couriers[0].start;
    const first = at.get(visits[0].stopId)!;
    const last = at.get(visits[2].stopId)!;
    const d = world.orders[0].order.delivery;
    const riddenM = (await routing.table({ sources: [start, last], destinations: [first, [d.lon, d.lat]] })).distanceM;
    expect(r.couriers[0].distanceM).toBeCloseTo(riddenM[0] + riddenM[3], -1); // to the market, then to the door
  });

  it('reports a riding courier on its road: between the ends of its leg, not at the nearer end', async () => {
    const scenario = parseScenario(tinyScenario({ demand: { refusalProbability: 0 } }, 12));
    const world = await buildWorld(scenario, routing);
    const live = policyByName('jejaring', scenario.policy);
    const seen: [number, number][] = [];
    const watching = {
      ...live,
      execute: ((dispatcher, request, context) => {
        for (const c of dispatcher.couriers.values()) seen.push([c.position.lon, c.position.lat]);
        return live.execute(dispatcher, request, context);
      }) as typeof live.execute,
    };
    const r = await simulate({ world, routing, policy: watching });
    expect(r.orders.every((o) => o.outcome === 'delivered')).toBe(true);
    // Every point a leg can start or end at: stalls, doors, where couriers start, the market (the pangkalan base).
    const market = scenario.markets[0];
    const ends: (readonly [number, number])[] = [
      ...world.stalls.get(market.id)!, ...world.couriers.map((c) => c.start), [market.lon, market.lat],
      ...world.orders.flatMap((o) => [...o.order.pickups.map((p) => [p.lon, p.lat] as const), [o.order.delivery.lon, o.order.delivery.lat] as const]),
    ];
    const isEnd = (p: [number, number]) => ends.some((e) => e[0] === p[0] && e[1] === p[1]);
    const between = seen.filter((p) => !isEnd(p));
    expect(between.length).toBeGreaterThan(0);
    // On these straight-line roads, a point along a leg lies on the segment between two ends (no detour through it).
    for (const p of between) {
      const detourM = Math.min(...ends.flatMap((a) => ends.map((b) => haversineM(a[0], a[1], p[0], p[1]) + haversineM(p[0], p[1], b[0], b[1]) - haversineM(a[0], a[1], b[0], b[1]))));
      expect(detourM).toBeLessThan(0.5);
    }
  });

  it('never starts a pickup before the goods are ready: the courier waits at the stall', async () => {
    const r = await run('jejaring', { demand: { readyAfterMin: [25, 25], refusalProbability: 0 } }, 8);
    const served = r.orders.filter((o) => o.outcome === 'delivered');
    expect(served.length).toBe(8);
    for (const o of served) expect(o.firstPickupMs! - o.placedAtMs).toBeGreaterThanOrEqual(25 * 60_000);
  });

  it('plans orders placed just before every shift ends: the trip in hand runs into the grace', async () => {
    // The only fleet goes off at 08:00, when the last orders come in: orders placed up to 20 min before are all planned.
    const r = await run('jejaring', {
      day: { startHour: 7, endHour: 8, drainHours: 2 },
      fleets: [{ id: 'pk', market: 'senen', kind: 'pangkalan', couriers: 3, shift: [7, 8] }],
      demand: { refusalProbability: 0, patienceMin: 300 },
    }, 12);
    const shiftEndMs = Date.UTC(2026, 0, 5) - 7 * 3_600_000 + 8 * 3_600_000;
    const early = r.orders.filter((o) => o.placedAtMs <= shiftEndMs - 20 * 60_000);
    expect(early.length).toBeGreaterThan(6);
    expect(early.every((o) => o.outcome === 'delivered')).toBe(true);
    expect(r.orders.some((o) => o.deliveredMs! > shiftEndMs)).toBe(true);
  });
});
