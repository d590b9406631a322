// 2-opt*: exchanges the tails of two routes, cut right before or right after an order on each, where no order has
// stops on both sides of a cut (pickups stay before their delivery, every order stays on one courier).
import { costModelOf } from '../cost/cost-model.js';
import type { RouteState } from '../route-state.js';
import type { SearchContext } from '../search-context.js';
import { splicedCost } from '../splice.js';
import type { SolutionState } from '../solution-state.js';
import { endLegM } from '../travel.js';
import type { Move, OrderOperator } from './operator.js';

/** How many nearest orders of `o` name the partner routes and their cuts. */
const PARTNERS = 12;

export const twoOptStarOperator: OrderOperator = {
  name: '2-opt*',
  evaluate(ctx: SearchContext, s: SolutionState, o: number, move: Move): number {
    move.delta = Infinity;
    const p = ctx.p;
    const O = p.orderCount;
    const c1 = s.orderRoute[o];
    if (c1 < 0 || p.orderLocked[o]) return Infinity;
    const r1 = s.routes[c1];
    const cuts1 = ctx.cuts.of(r1);
    const [first1, after1] = span(ctx, r1, o);
    const limit = Math.min(PARTNERS, O - 1);
    for (let k = 0; k < limit; k++) {
      const o2 = ctx.neighbours[o * (O - 1) + k];
      const c2 = s.orderRoute[o2];
      if (c2 < 0 || c2 === c1) continue;
      const r2 = s.routes[c2];
      const cuts2 = ctx.cuts.of(r2);
      const [first2, after2] = span(ctx, r2, o2);
      for (let x = 0; x < 2; x++) {
        const a = x === 0 ? first1 : after1;
        if (!cuts1[a]) continue;
        for (let y = 0; y < 2; y++) {
          const b = y === 0 ? first2 : after2;
          if (!cuts2[b]) continue;
          // Exchanging nothing, or the whole routes, changes nothing worth pricing.
          if ((a === r1.len && b === r2.len) || (a === 0 && b === 0)) continue;
          price(ctx, r1, a, r2, b, move, o, o2);
        }
      }
    }
    return move.delta;
  },
  apply(ctx: SearchContext, s: SolutionState, move: Move): void {
    const r1 = s.routes[move.c1];
    const r2 = s.routes[move.c2];
    const seq1 = ctx.sequenceBuffer;
    const seq2 = ctx.windowBuffer;
    let n1 = 0, n2 = 0;
    for (let q = 0; q < move.i1; q++) seq1[n1++] = r1.stops[q];
    for (let q = move.i2; q < r2.len; q++) seq1[n1++] = r2.stops[q];
    for (let q = 0; q < move.i2; q++) seq2[n2++] = r2.stops[q];
    for (let q = move.i1; q < r1.len; q++) seq2[n2++] = r1.stops[q];
    s.setRoute(move.c1, seq1, n1);
    s.setRoute(move.c2, seq2, n2);
  },
};

/** Position of the first stop of order `o` on `r` and the position right after its last stop. */
function span(ctx: SearchContext, r: RouteState, o: number): [number, number] {
  let first = -1, last = -1;
  for (let k = 0; k < r.len; k++) {
    if (ctx.p.stopOrder[r.stops[k]] !== o) continue;
    if (first < 0) first = k;
    last = k;
  }
  return [first, last + 1];
}

function price(ctx: SearchContext, r1: RouteState, a: number, r2: RouteState, b: number, move: Move, o1: number, o2: number): void {
  const p = ctx.p;
  const cost = costModelOf(p);
  const c1 = r1.courier, c2 = r2.courier;
  const new1 = tailSwapDistanceM(ctx, r1, a, r2, b);
  const new2 = tailSwapDistanceM(ctx, r2, b, r1, a);
  // Without time costs the distance decides: skip exchanges that cannot beat the best before checking rules.
  if (!cost.pricesTime(c1) && !cost.pricesTime(c2)) {
    const len1 = a + r2.len - b, len2 = b + r1.len - a;
    const bound = (len1 > 0 ? cost.routeCost(c1, 0, new1, 0) : 0) + (len2 > 0 ? cost.routeCost(c2, 0, new2, 0) : 0) - r1.cost - r2.cost;
    if (bound >= move.delta) return;
  }
  const C = p.courierCount;
  for (let q = b; q < r2.len; q++) if (!ctx.feasibility.compatible[p.stopOrder[r2.stops[q]] * C + c1]) return;
  for (let q = a; q < r1.len; q++) if (!ctx.feasibility.compatible[p.stopOrder[r1.stops[q]] * C + c2]) return;
  const win = ctx.windowBuffer;
  let w = 0;
  for (let q = b; q < r2.len; q++) win[w++] = r2.stops[q];
  const cost1 = splicedCost(p, r1, a, r1.len, win, w, ctx.splice);
  if (cost1 === Infinity) return;
  w = 0;
  for (let q = a; q < r1.len; q++) win[w++] = r1.stops[q];
  const cost2 = splicedCost(p, r2, b, r2.len, win, w, ctx.splice);
  let delta = cost1 + cost2 - r1.cost - r2.cost;
  // Stability: every order of a moved tail changes courier.
  for (let q = b; q < r2.len; q++) if (p.stopIsDelivery[r2.stops[q]]) delta += cost.stabilityChange(p.stopOrder[r2.stops[q]], c2, c1);
  for (let q = a; q < r1.len; q++) if (p.stopIsDelivery[r1.stops[q]]) delta += cost.stabilityChange(p.stopOrder[r1.stops[q]], c1, c2);
  if (!(delta < move.delta)) return;
  move.delta = delta; move.o1 = o1; move.o2 = o2; move.c1 = c1; move.c2 = c2; move.i1 = a; move.i2 = b;
}

/** Distance of route `r` keeping positions before `a` and taking `other`'s stops from position `b` on, m. */
function tailSwapDistanceM(ctx: SearchContext, r: RouteState, a: number, other: RouteState, b: number): number {
  const p = ctx.p;
  const n = p.locationCount;
  const c = r.courier;
  const head = a === 0 ? 0 : r.distToM[a - 1];
  const loc = a === 0 ? p.courierStartLocation[c] : r.locs[a - 1];
  if (b === other.len) return a === 0 ? 0 : head + endLegM(p, c, loc);
  const lastLoc = other.locs[other.len - 1];
  // The other route's tail from b to its last stop, then this courier's end leg.
  const tail = other.distanceM - endLegM(p, other.courier, lastLoc) - other.distToM[b];
  return head + p.distanceM[loc * n + other.locs[b]] + tail + endLegM(p, c, lastLoc);
}
