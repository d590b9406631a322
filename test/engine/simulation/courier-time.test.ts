import { describe, expect, it } from 'vitest';
import { CourierTime } from '../../../engine/simulation/courier-time.js';
import { DAY_START_MS, HOUR_MS } from '../../../engine/simulation/world.js';
import type { Agent } from '../../../engine/simulation/sim-types.js';

const MIN = 60_000;
const agent = (): Agent => ({ freeSinceMs: 0, record: { busyMs: 0, presentMs: 0 } } as unknown as Agent);

describe('CourierTime', () => {
  it('counts a busy spell from its first stop to when the courier is free, split over local hours', () => {
    const time = new CourierTime();
    const a = agent();
    const at7 = DAY_START_MS + 7 * HOUR_MS;
    time.shiftStarted(a, at7);
    time.busyFrom(a, at7 + 50 * MIN);
    time.busyFrom(a, at7 + 55 * MIN); // a second stop in the same spell: the spell started at 07:50
    time.free(a, at7 + 70 * MIN);
    expect(a.record.busyMs).toBe(20 * MIN);
    expect(a.freeSinceMs).toBe(at7 + 70 * MIN);
    expect(time.hourly.busyMs[7]).toBe(10 * MIN);
    expect(time.hourly.busyMs[8]).toBe(10 * MIN);
    time.free(a, at7 + 90 * MIN); // already free: nothing more
    expect(a.record.busyMs).toBe(20 * MIN);
    expect(a.freeSinceMs).toBe(at7 + 70 * MIN);
  });

  it('counts time on shift once, up to when the courier leaves', () => {
    const time = new CourierTime();
    const a = agent();
    const at7 = DAY_START_MS + 7 * HOUR_MS;
    time.shiftStarted(a, at7);
    time.presentUntil(a, at7 + 90 * MIN);
    time.presentUntil(a, at7 + 120 * MIN);
    expect(a.record.presentMs).toBe(90 * MIN);
    expect(time.hourly.presentMs[7]).toBe(60 * MIN);
    expect(time.hourly.presentMs[8]).toBe(30 * MIN);
  });
});
