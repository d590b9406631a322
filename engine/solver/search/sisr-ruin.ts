// SISR ruin on whole orders: removes strings (or split strings) of consecutive orders from routes near a random seed.
import type { SearchContext } from '../search-context.js';
import type { SolutionState } from '../solution-state.js';

export interface SisrParams {
  /** Average number of orders removed per ruin (c̄). */
  readonly avgRemoved: number;
  /** Longest string, in orders (Lmax). */
  readonly maxString: number;
  /** Probability of the split-string variant. */
  readonly splitRate: number;
  /** Probability of keeping one more order inside a split string (β). */
  readonly splitDepth: number;
}

/** Scratch of the ruin: removed orders and per-route order sequences. */
export class RuinScratch {
  readonly removed: Int32Array;
  count = 0;
  readonly routeOrders: Int32Array;
  readonly routeTouched: Uint8Array;
  constructor(orderCount: number, courierCount: number) {
    this.removed = new Int32Array(orderCount);
    this.routeOrders = new Int32Array(orderCount);
    this.routeTouched = new Uint8Array(courierCount);
  }
}

/** Orders of route `c` by first appearance, into `out`; returns their number. */
function ordersOfRoute(ctx: SearchContext, s: SolutionState, c: number, out: Int32Array): number {
  const p = ctx.p;
  const r = s.routes[c];
  let m = 0;
  for (let k = 0; k < r.len; k++) {
    const st = r.stops[k];
    if (st === p.orderFirstStop[p.stopOrder[st]]) out[m++] = p.stopOrder[st];
  }
  return m;
}

/**
 * Picks the orders to remove (not yet removed from `s`): fills `rs.removed[0..count)`. With `nearUnassigned`
 * (fleet minimisation) the strings are cut around a random unassigned order, making room where it is needed.
 */
export function sisrRuin(ctx: SearchContext, s: SolutionState, neighbours: Int32Array, params: SisrParams, rs: RuinScratch, nearUnassigned = false): void {
  const p = ctx.p;
  const rng = ctx.rng;
  const O = p.orderCount;
  rs.count = 0;
  rs.routeTouched.fill(0);
  let assigned = 0;
  for (let q = 0; q < ctx.movable.length; q++) if (s.orderRoute[ctx.movable[q]] >= 0) assigned++;
  const used = s.usedRoutes();
  if (assigned === 0 || used === 0) return;
  const lsMax = Math.min(params.maxString, assigned / used);
  const ksMax = (4 * params.avgRemoved) / (1 + lsMax) - 1;
  const ks = Math.floor(rng.next() * ksMax) + 1;
  // Seed: a random assigned movable order, or an unassigned one when asked.
  let seed = -1;
  if (nearUnassigned) {
    let u = 0;
    for (let q = 0; q < ctx.movable.length; q++) if (s.orderRoute[ctx.movable[q]] < 0) u++;
    let pick = u > 0 ? rng.int(u) : -1;
    for (let q = 0; q < ctx.movable.length && pick >= 0; q++) {
      if (s.orderRoute[ctx.movable[q]] < 0 && pick-- === 0) seed = ctx.movable[q];
    }
  }
  for (let tries = 0; tries < 100 && seed < 0; tries++) {
    const o = ctx.movable[rng.int(ctx.movable.length)];
    if (s.orderRoute[o] >= 0) seed = o;
  }
  if (seed < 0) return;
  let ruined = 0;
  for (let k = -1; k < O - 1 && ruined < ks; k++) {
    const o = k < 0 ? seed : neighbours[seed * (O - 1) + k];
    const c = s.orderRoute[o];
    if (c < 0 || rs.routeTouched[c] || ctx.mark[o]) continue;
    rs.routeTouched[c] = 1;
    ruined++;
    const m = ordersOfRoute(ctx, s, c, rs.routeOrders);
    const lMax = Math.min(m, lsMax);
    const l = Math.floor(rng.next() * lMax) + 1;
    let at = 0;
    while (rs.routeOrders[at] !== o) at++;
    if (rng.next() < params.splitRate && l < m) {
      // Split string: a window of l + kept orders, keeping `kept` consecutive ones inside.
      let kept = 1;
      while (l + kept < m && rng.next() < params.splitDepth) kept++;
      const width = l + kept;
      const from = Math.max(0, Math.min(m - width, at - rng.int(width)));
      const keepFrom = from + rng.int(width - kept + 1);
      for (let q = from; q < from + width; q++) {
        if (q >= keepFrom && q < keepFrom + kept) continue;
        take(ctx, rs, rs.routeOrders[q]);
      }
    } else {
      const from = Math.max(0, Math.min(m - l, at - rng.int(l)));
      for (let q = from; q < from + l; q++) take(ctx, rs, rs.routeOrders[q]);
    }
  }
  for (let q = 0; q < rs.count; q++) ctx.mark[rs.removed[q]] = 0;
}

function take(ctx: SearchContext, rs: RuinScratch, o: number): void {
  if (ctx.p.orderLocked[o] || ctx.mark[o]) return;
  ctx.mark[o] = 1;
  rs.removed[rs.count++] = o;
}
