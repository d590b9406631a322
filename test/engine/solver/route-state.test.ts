// Route caches refreshed in part (forward simulation resumed, backward tail kept, legs read back, a copied prefix
// left in place) hold the same values to the bit as a route refreshed from scratch.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import type { CompiledProblem } from '../../../engine/model/compiled-problem.js';
import { costModelOf } from '../../../engine/solver/cost/cost-model.js';
import { bestInsertion, newInsertion } from '../../../engine/solver/insertion.js';
import { RouteState } from '../../../engine/solver/route-state.js';
import { Prng } from '../../../engine/random/prng.js';
import { randomProblem, type RandomProblemOptions } from './random-problem.js';
import { regretPlan } from './spec-helpers.js';

const VARIANTS: [string, RandomProblemOptions][] = [
  ['loose windows', {}],
  ['tight windows', { windowS: 900 }],
  ['time in bag', { maxInBagS: 2000 }],
  ['soft windows', { windowS: 600, softTimeWindows: true }],
  ['market walks', { market: true }],
];

const ARRAYS = ['stops', 'startS', 'depS', 'latestReadyS', 'sufA', 'sufB', 'distToM', 'locs', 'lateSumS', 'termSum', 'rulesOk', 'stopTerm', 'waited', 'legM', 'legRideS'] as const;
const TOTALS = ['inBagOrders', 'distanceM', 'endS', 'lateS', 'termCost', 'cost', 'feasible'] as const;

/** Fails unless `r` holds exactly what a full refresh of its stops computes. */
function expectAsFullRefresh(p: CompiledProblem, r: RouteState): void {
  const ref = new RouteState(r.courier, p.stopCount + 1, p.dims);
  ref.stops.set(r.stops.subarray(0, r.len));
  ref.len = r.len;
  ref.refresh(p);
  for (const name of ARRAYS) expect(Array.from(r[name].subarray(0, r.len)), name).toEqual(Array.from(ref[name].subarray(0, r.len)));
  expect(Array.from(r.loadAfter.subarray(0, r.len * p.dims))).toEqual(Array.from(ref.loadAfter.subarray(0, r.len * p.dims)));
  for (const name of TOTALS) expect(Object.is(r[name], ref[name]), name).toBe(true);
  // Slope runs are kept only where terms depend on service times.
  if (costModelOf(p).timeDependent) {
    expect(Array.from(r.runSlopeSum.subarray(0, r.len))).toEqual(Array.from(ref.runSlopeSum.subarray(0, r.len)));
    expect(Array.from(r.runEnd.subarray(0, r.len))).toEqual(Array.from(ref.runEnd.subarray(0, r.len)));
  }
  // Bag start positions are complete only where some order bounds its time in bag (route-timeline.ts).
  if (p.anyMaxInBag) expect(Array.from(r.bagFromPos.subarray(0, r.len))).toEqual(Array.from(ref.bagFromPos.subarray(0, r.len)));
}

/** Orders of route `r` by first stop. */
function ordersOf(p: CompiledProblem, r: RouteState): number[] {
  const orders: number[] = [];
  for (let k = 0; k < r.len; k++) {
    const s = r.stops[k];
    if (s === p.orderFirstStop[p.stopOrder[s]]) orders.push(p.stopOrder[s]);
  }
  return orders;
}

describe('RouteState partial refreshes', () => {
  it.each(VARIANTS)('match a full refresh after insertions and removals (%s)', (_label, opts) => {
    let checked = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const p = compileProblem(randomProblem(seed, { orders: 14, couriers: 3, ...opts }));
      const { ctx, s } = regretPlan(p, seed);
      const rng = new Prng(seed + 100);
      const best = newInsertion();
      for (let step = 0; step < 40; step++) {
        // Take out one or a few orders (removeOrder / removeOrders), then put each back at its best place.
        const assigned: number[] = [];
        for (let o = 0; o < p.orderCount; o++) if (s.orderRoute[o] >= 0) assigned.push(o);
        if (assigned.length === 0) break;
        const out: number[] = [];
        if (rng.next() < 0.5) {
          const o = assigned[rng.int(assigned.length)];
          const c = s.orderRoute[o];
          s.removeOrder(o);
          expectAsFullRefresh(p, s.routes[c]);
          out.push(o);
        } else {
          for (let q = 0; q < 3; q++) {
            const o = assigned[rng.int(assigned.length)];
            if (!out.includes(o)) out.push(o);
          }
          const touched = new Set(out.map((o) => s.orderRoute[o]));
          s.removeOrders(Int32Array.from(out), out.length, ctx.mark);
          for (const c of touched) expectAsFullRefresh(p, s.routes[c]);
        }
        for (const o of out) {
          const c = ctx.bestOverRoutes(s, o, best, 0);
          if (c < 0) continue;
          s.insertOrder(o, c, best.i, best.j, best.merge);
          expectAsFullRefresh(p, s.routes[c]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it.each(VARIANTS)('match a full refresh when copied without one or two orders, in ejection order (%s)', (_label, opts) => {
    let checked = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const p = compileProblem(randomProblem(seed, { orders: 14, couriers: 3, ...opts }));
      const { ctx, s } = regretPlan(p, seed);
      const without1 = new RouteState(0, p.stopCount + 1, p.dims);
      const without2 = new RouteState(0, p.stopCount + 1, p.dims);
      const direct = new RouteState(0, p.stopCount + 1, p.dims);
      for (const r of s.routes) {
        const orders = ordersOf(p, r);
        for (let a = 0; a < orders.length; a++) {
          // Successive copies of one route (its prefix left in place), then copies of that copy.
          without1.copyWithoutOrders(p, r, orders[a], -1);
          expectAsFullRefresh(p, without1);
          for (let b = a + 1; b < orders.length; b++) {
            without2.copyWithoutOrders(p, without1, orders[b], -1);
            expectAsFullRefresh(p, without2);
            direct.copyWithoutOrders(p, r, orders[a], orders[b]);
            expectAsFullRefresh(p, direct);
            // The scan prices the same on both (same stops, same caches).
            for (let o = 0; o < p.orderCount; o++) {
              if (s.orderRoute[o] >= 0) continue;
              const x = newInsertion();
              const y = newInsertion();
              bestInsertion(p, without2, o, x, ctx.scratch, null, 0);
              bestInsertion(p, direct, o, y, ctx.scratch, null, 0);
              expect([x.delta, x.i, x.j]).toEqual([y.delta, y.i, y.j]);
            }
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
