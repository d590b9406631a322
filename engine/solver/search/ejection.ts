// Ejection step of fleet minimisation (guided ejection search): an unassigned order that fits nowhere goes in where ejecting one or two orders of a route makes room, the ejected orders being those left out least often.
import { bestInsertion, newInsertion } from '../insertion.js';
import type { SearchContext } from '../search-context.js';
import { RouteState } from '../route-state.js';
import { EjectionMemo } from './ejection-memo.js';
import type { SolutionState } from '../solution-state.js';

export class EjectionScratch {
  /** The route being priced without two ejected orders. */
  readonly route: RouteState;
  /**
   * The route without the first ejected order alone (priced as such, and the source of the tries that eject a
   * second one: their simulation resumes at its stops instead of the first one's).
   */
  readonly without1: RouteState;
  /** Orders of the route being scanned, by first stop. */
  readonly routeOrders: Int32Array;
  readonly ejected = new Int32Array(2);
  readonly probe = newInsertion();
  readonly best = newInsertion();
  /** Tries known to find nothing (skipped, the route not rebuilt). */
  readonly memo = new EjectionMemo();
  constructor(stopCount: number, orderCount: number, dims: number) {
    this.route = new RouteState(0, stopCount + 1, dims);
    this.without1 = new RouteState(0, stopCount + 1, dims);
    this.routeOrders = new Int32Array(orderCount);
  }
}

/**
 * Places one random unassigned movable order of `s` (no empty route is opened): at its cheapest feasible place when
 * it has one, otherwise in the route and at the place where ejecting one or two orders whose absence counts sum to
 * less than its own makes room (least sum first, then cheapest insertion); the ejected orders then go to their
 * cheapest feasible places elsewhere or stay unassigned. Returns false when `s` is unchanged.
 */
export function ejectionStep(ctx: SearchContext, s: SolutionState, absence: Float64Array, sc: EjectionScratch): boolean {
  const p = ctx.p;
  const rng = ctx.rng;
  let u = 0;
  for (let q = 0; q < ctx.movable.length; q++) if (s.orderRoute[ctx.movable[q]] < 0) u++;
  if (u === 0) return false;
  let pick = rng.int(u);
  let h = -1;
  for (let q = 0; q < ctx.movable.length && h < 0; q++) {
    const o = ctx.movable[q];
    if (s.orderRoute[o] < 0 && pick-- === 0) h = o;
  }
  const best = sc.best;
  const direct = ctx.bestOverRoutes(s, h, best, 0, false);
  if (direct >= 0) {
    s.insertOrder(h, direct, best.i, best.j, best.merge);
    return true;
  }
  const C = p.courierCount;
  const probe = sc.probe;
  const list = sc.routeOrders;
  // Best ejection: least absence sum (below h's own), then least insertion cost.
  let bestSum = absence[h], bestDelta = Infinity, bestC = -1, bestI = -1, bestJ = -1, bestE1 = -1, bestE2 = -1;
  const memo = sc.memo;
  // Route and first ejected order `without1` holds (built on first need; the same stops and caches as a route built
  // from the plan's route without both, so the same prices).
  const without1 = sc.without1;
  let builtC = -1, builtE1 = -1;
  const tryWithout = (c: number, e1: number, e2: number, sum: number): void => {
    const version = s.routes[c].version;
    const bound = sum === bestSum ? bestDelta : Infinity;
    if (memo.knowsNothingBelow(h, version, e1, e2, bound)) return;
    if (builtC !== c || builtE1 !== e1) {
      without1.copyWithoutOrders(p, s.routes[c], e1, -1);
      builtC = c;
      builtE1 = e1;
    }
    let route = without1;
    if (e2 >= 0) {
      route = sc.route;
      route.copyWithoutOrders(p, without1, e2, -1);
    }
    if (!route.feasible) {
      memo.recordNothing(h, version, e1, e2, Infinity);
      return;
    }
    probe.delta = bound;
    probe.i = -1;
    const nothing = bestInsertion(p, route, h, probe, ctx.scratch, null, 0);
    if (probe.i < 0) {
      if (nothing) memo.recordNothing(h, version, e1, e2, bound);
      return;
    }
    bestSum = sum; bestDelta = probe.delta; bestC = c; bestI = probe.i; bestJ = probe.j; bestE1 = e1; bestE2 = e2;
  };
  for (let c = 0; c < C; c++) {
    const r = s.routes[c];
    if (r.len === 0 || !ctx.feasibility.compatible[h * C + c]) continue;
    let m = 0;
    for (let k = 0; k < r.len; k++) {
      const st = r.stops[k];
      if (st === p.orderFirstStop[p.stopOrder[st]]) list[m++] = p.stopOrder[st];
    }
    for (let a = 0; a < m; a++) {
      const e1 = list[a];
      if (p.orderLocked[e1] || p.orderPinnedCourier[e1] >= 0) continue;
      const sum1 = absence[e1];
      if (sum1 > bestSum || (sum1 === bestSum && bestC < 0)) continue;
      tryWithout(c, e1, -1, sum1);
      for (let b = a + 1; b < m; b++) {
        const e2 = list[b];
        if (p.orderLocked[e2] || p.orderPinnedCourier[e2] >= 0) continue;
        const sum2 = sum1 + absence[e2];
        if (sum2 > bestSum || (sum2 === bestSum && bestC < 0)) continue;
        tryWithout(c, e1, e2, sum2);
      }
    }
  }
  if (bestC < 0) return false;
  const ejected = sc.ejected;
  ejected[0] = bestE1;
  let count = 1;
  if (bestE2 >= 0) ejected[count++] = bestE2;
  s.removeOrders(ejected, count, ctx.mark);
  s.insertOrder(h, bestC, bestI, bestJ, false);
  for (let q = 0; q < count; q++) {
    const e = ejected[q];
    const c = ctx.bestOverRoutes(s, e, best, 0, false);
    if (c >= 0) s.insertOrder(e, c, best.i, best.j, best.merge);
  }
  return true;
}
