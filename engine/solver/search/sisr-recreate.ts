// SISR recreate: re-inserts removed (and still unassigned) orders one by one at their best place, with blinks.
import { newInsertion } from '../insertion.js';
import type { SearchContext } from '../search-context.js';
import type { SolutionState } from '../solution-state.js';

/** Sort orders: 0 random, 1 larger load first, 2 farther from the first courier's start first, 3 nearer first, 4 earlier delivery deadline first. */
const SORT_WEIGHTS = [4, 4, 2, 1, 2];

export class RecreateScratch {
  readonly list: Int32Array;
  readonly key: Float64Array;
  readonly best = newInsertion();
  constructor(orderCount: number) {
    this.list = new Int32Array(orderCount);
    this.key = new Float64Array(orderCount);
  }
}

/**
 * Inserts `orders[0..count)` plus every other unassigned movable order; returns how many stayed unassigned.
 * With `absence` (fleet minimisation) no empty route is opened and often-absent orders tend to go first. An order
 * whose best place would make more than `maxUsedRoutes` routes used stops the recreate and −1 is returned: the
 * caller drops the plan (see anneal). With `leaveOut` (relaxed search) such an order goes to its best place on a used
 * route instead, or stays out, and the recreate goes on.
 */
export function sisrRecreate(ctx: SearchContext, s: SolutionState, orders: Int32Array, count: number, blinkRate: number, rc: RecreateScratch, absence: Float64Array | null = null, maxUsedRoutes = Infinity, leaveOut = false): number {
  const allowEmpty = absence === null;
  let m = 0;
  for (let q = 0; q < count; q++) {
    rc.list[m++] = orders[q];
    ctx.mark[orders[q]] = 1;
  }
  for (let q = 0; q < ctx.movable.length; q++) {
    const o = ctx.movable[q];
    if (s.orderRoute[o] < 0 && !ctx.mark[o]) rc.list[m++] = o;
  }
  for (let q = 0; q < count; q++) ctx.mark[orders[q]] = 0;
  sortOrders(ctx, rc, m, absence);
  let left = 0;
  let used = maxUsedRoutes < Infinity ? s.usedRoutes() : 0;
  for (let q = 0; q < m; q++) {
    const o = rc.list[q];
    let c = ctx.bestOverRoutes(s, o, rc.best, blinkRate, allowEmpty);
    // A blink may hide the only place: retry without blinks before giving up.
    if (c < 0 && blinkRate > 0) c = ctx.bestOverRoutes(s, o, rc.best, 0, allowEmpty);
    if (c < 0) { left++; continue; }
    if (s.routes[c].len === 0 && ++used > maxUsedRoutes) {
      if (!leaveOut) return -1;
      // Relaxed search: an order that would open a route stays out (the plan pays its penalty instead).
      used--;
      c = ctx.bestOverRoutes(s, o, rc.best, 0, false);
      if (c < 0) { left++; continue; }
    }
    s.insertOrder(o, c, rc.best.i, rc.best.j, rc.best.merge);
  }
  return left;
}

function sortOrders(ctx: SearchContext, rc: RecreateScratch, m: number, absence: Float64Array | null): void {
  const p = ctx.p;
  const rng = ctx.rng;
  let total = 0;
  for (const w of SORT_WEIGHTS) total += w;
  let pick = rng.next() * total;
  let mode = 0;
  while (pick >= SORT_WEIGHTS[mode]) pick -= SORT_WEIGHTS[mode++];
  // Fleet minimisation: half of the time, the orders most often left out go first.
  if (absence !== null && rng.next() < 0.5) mode = -1;
  const n = p.locationCount;
  const depot = p.courierCount > 0 ? p.courierStartLocation[0] : 0;
  for (let q = 0; q < m; q++) {
    const o = rc.list[q];
    const del = p.orderFirstStop[o] + p.orderStopCount[o] - 1;
    let key: number;
    if (mode === -1) key = -absence![o];
    else if (mode === 0) key = rng.next();
    else if (mode === 1) key = p.dims > 0 ? -p.orderLoad[o * p.dims] : 0;
    else if (mode === 2) key = -p.distanceM[depot * n + p.stopLocation[del]];
    else if (mode === 3) key = p.distanceM[depot * n + p.stopLocation[del]];
    else key = p.stopLatestS[del];
    rc.key[q] = key + rng.next() * 1e-9;
  }
  // Insertion sort: lists are short and this allocates nothing.
  for (let q = 1; q < m; q++) {
    const o = rc.list[q];
    const k = rc.key[q];
    let z = q - 1;
    while (z >= 0 && rc.key[z] > k) {
      rc.list[z + 1] = rc.list[z];
      rc.key[z + 1] = rc.key[z];
      z--;
    }
    rc.list[z + 1] = o;
    rc.key[z + 1] = k;
  }
}
