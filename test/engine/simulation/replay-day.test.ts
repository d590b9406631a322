// The replayed day of fixtures/scenarios/replay-shift-change: goods-ready times on every stall and ojol couriers handing
// over at 09:00 in the middle of a burst of orders, on the small Surabaya road fixture.
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_START_MS, DISPATCH_DEFAULTS, loadScenarioFile, runScenario, type ScenarioRun } from '../../../engine/index.js';

const SHIFT_CHANGE_HOUR = 9;

describe('a replayed day with ready times and a shift change (jejaring)', () => {
  let run: ScenarioRun;
  beforeAll(async () => {
    run = await runScenario(loadScenarioFile('fixtures/scenarios/replay-shift-change.json'), { policies: ['jejaring'] });
  }, 600_000); // about 50 s of CPU: a loaded 2-core machine running the other test files beside it took over 120 s

  const live = () => run.runs[0].result;

  it('replays the sheets as listed: 100 orders, 8 couriers, ready times on every stall', () => {
    expect(run.orders).toBe(100);
    expect(run.couriers).toBe(8);
    expect(run.scenario.couriers.map((c) => c.source)).toEqual(Array.from({ length: 8 }, (_, i) => `replay-shift-change-couriers.csv row ${i + 2}`));
    expect(run.scenario.orders.every((o) => o.pickups.every((p) => p.readyAtHour !== undefined && p.readyAtHour > o.atHour))).toBe(true);
  });

  it('never starts a pickup before its goods are ready (couriers do wait for them)', () => {
    const starts = live().orders.flatMap((o) => o.pickupStarts ?? []);
    expect(starts.length).toBeGreaterThanOrEqual(100);
    const minServiceMs = run.scenario.demand.stallServiceS[0] * 1000;
    for (const s of starts) {
      expect(s.startMs, s.stopId).toBeGreaterThanOrEqual(s.readyAtMs!);
      // The dispatcher heard of the pickup no sooner than the goods were ready plus the shortest stall service.
      expect(s.doneMs! - s.readyAtMs!, s.stopId).toBeGreaterThanOrEqual(minServiceMs);
    }
    expect(starts.filter((s) => s.startMs === s.readyAtMs).length).toBeGreaterThan(0); // some courier was there first
  });

  it('delivers every order: couriers are on shift until noon, when the last orders come in', () => {
    const notDelivered = live().orders.filter((o) => o.outcome !== 'delivered').map((o) => `${o.id} ${o.outcome} ${o.lastStatus ?? ''}`);
    expect(notDelivered).toEqual([]);
  });

  it('never puts more orders on a route than the bag holds', () => {
    const peaks = live().couriers.map((c) => c.peakRouteOrders ?? 0);
    expect(Math.max(...peaks)).toBeLessThanOrEqual(DISPATCH_DEFAULTS.maxOrdersPerRoute);
    expect(Math.max(...peaks)).toBeGreaterThan(1); // orders are batched, so the cap is what bounds them
  });

  it('keeps every click-to-door within twice the promise, around the shift change too', () => {
    const promiseMs = (o: { placedAtMs: number; windowEndMs: number }) => o.windowEndMs - o.placedAtMs;
    const hourOf = (ms: number) => (ms - DAY_START_MS) / 3_600_000;
    const aroundChange = live().orders.filter((o) => Math.abs(hourOf(o.placedAtMs) - SHIFT_CHANGE_HOUR) <= 0.5);
    expect(aroundChange.length).toBeGreaterThanOrEqual(20); // the day does test a shift change under load
    const over = live().orders.filter((o) => o.deliveredMs! - o.placedAtMs > 2 * promiseMs(o)).map((o) => `${o.id}: ${Math.round((o.deliveredMs! - o.placedAtMs) / 60_000)} min`);
    expect(over).toEqual([]);
  });
});
