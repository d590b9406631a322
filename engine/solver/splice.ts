// Prices a route with one window of positions replaced (segment moves, tail exchanges): O(window) from the route's
// prefix caches and suffix time functions, or an exact linear re-evaluation when time terms or time in bag need it.
import type { CompiledProblem } from '../model/compiled-problem.js';
import { costModelOf, type CostModel } from './cost/cost-model.js';
import { exceedsLimit, TOLERANCE } from './cost/tolerance.js';
import { exactSplicedCost, ExactSpliceScratch } from './exact-splice.js';
import type { RouteState } from './route-state.js';
import { endLegM, endLegS, readyLegS } from './travel.js';

export class SpliceScratch {
  readonly load: Float64Array;
  readonly exact: ExactSpliceScratch;
  constructor(p: CompiledProblem) {
    this.load = new Float64Array(p.dims);
    this.exact = new ExactSpliceScratch(p);
  }
}

/** True when splices of routes of `p` must be priced by a full re-evaluation (time terms or time in bag). */
export function spliceNeedsExact(p: CompiledProblem): boolean {
  return costModelOf(p).timeDependent || p.anyMaxInBag;
}

/**
 * Distance of route `r` with positions [from, to) replaced by `win[0..w)`, m (O(1) given the window's own legs).
 * Exact whatever the rules; used to bound a move's cost before its feasibility is checked.
 */
export function splicedDistanceM(p: CompiledProblem, r: RouteState, from: number, to: number, win: Int32Array, w: number): number {
  const n = p.locationCount;
  const c = r.courier;
  let loc = from === 0 ? p.courierStartLocation[c] : r.locs[from - 1];
  let dist = from === 0 ? 0 : r.distToM[from - 1];
  for (let q = 0; q < w; q++) {
    const l = p.stopLocation[win[q]];
    dist += p.distanceM[loc * n + l];
    loc = l;
  }
  if (to < r.len) return dist + p.distanceM[loc * n + r.locs[to]] + (r.distanceM - r.distToM[to]);
  if (from === 0 && w === 0) return 0;
  return dist + endLegM(p, c, loc);
}

/**
 * Cost of route `r` (on its courier) once positions [from, to) are replaced by `win[0..w)`; Infinity when the result
 * breaks a rule. The window's net load must equal that of the positions it replaces whenever `to` < r.len.
 */
export function splicedCost(p: CompiledProblem, r: RouteState, from: number, to: number, win: Int32Array, w: number, sc: SpliceScratch): number {
  const len = r.len;
  const newLen = from + w + (len - to);
  if (newLen === 0) return 0;
  const c = r.courier;
  if (newLen > p.courierMaxStops[c]) return Infinity;
  const cost: CostModel = costModelOf(p);
  if (cost.timeDependent || r.inBagOrders > 0 || p.anyMaxInBag) return exactSplicedCost(p, cost, r, from, to, win, w, sc.exact);
  const D = p.dims;
  const n = p.locationCount;
  const startS = p.courierStartS[c];
  let t = from === 0 ? startS : r.depS[from - 1];
  let loc = from === 0 ? p.courierStartLocation[c] : r.locs[from - 1];
  let dist = from === 0 ? 0 : r.distToM[from - 1];
  const load = sc.load;
  for (let d = 0; d < D; d++) load[d] = from === 0 ? p.courierInitialLoad[c * D + d] : r.loadAfter[(from - 1) * D + d];
  for (let q = 0; q < w; q++) {
    const s = win[q];
    const l = p.stopLocation[s];
    const ready = t + readyLegS(p, c, loc, l);
    const start = ready > p.stopEarliestS[s] ? ready : p.stopEarliestS[s];
    if (exceedsLimit(start, p.stopLatestS[s])) return Infinity;
    for (let d = 0; d < D; d++) {
      load[d] += p.stopLoad[s * D + d];
      if (exceedsLimit(load[d], p.courierCapacity[c * D + d])) return Infinity;
    }
    dist += p.distanceM[loc * n + l];
    t = start + p.stopServiceS[s];
    loc = l;
  }
  let endS: number;
  if (to < len) {
    for (let d = 0; d < D; d++) {
      const before = to === 0 ? p.courierInitialLoad[c * D + d] : r.loadAfter[(to - 1) * D + d];
      if (Math.abs(load[d] - before) > TOLERANCE * Math.max(1, Math.abs(before))) return exactSplicedCost(p, cost, r, from, to, win, w, sc.exact);
    }
    const next = r.locs[to];
    const ready = t + readyLegS(p, c, loc, next);
    if (exceedsLimit(ready, r.latestReadyS[to])) return Infinity;
    endS = ready + r.sufA[to] > r.sufB[to] ? ready + r.sufA[to] : r.sufB[to];
    dist += p.distanceM[loc * n + next] + (r.distanceM - r.distToM[to]);
  } else {
    endS = t + endLegS(p, c, loc);
    if (exceedsLimit(endS, p.courierLatestEndS[c])) return Infinity;
    dist += endLegM(p, c, loc);
  }
  return cost.routeCost(c, endS - startS, dist, 0);
}

/** The spliced sequence written to `out`; returns its length. */
export function writeSplice(r: RouteState, from: number, to: number, win: Int32Array, w: number, out: Int32Array): number {
  let k = 0;
  for (let q = 0; q < from; q++) out[k++] = r.stops[q];
  for (let q = 0; q < w; q++) out[k++] = win[q];
  for (let q = to; q < r.len; q++) out[k++] = r.stops[q];
  return k;
}
