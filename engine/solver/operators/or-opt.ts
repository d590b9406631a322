// Or-opt: moves a segment of 1–3 consecutive stops starting at one of an order's stops to another place in the same
// route (up to MAX_SHIFT positions away), keeping every pickup before its delivery.
import { costModelOf } from '../cost/cost-model.js';
import { minInsertPosition } from '../insertion.js';
import type { RouteState } from '../route-state.js';
import type { SearchContext } from '../search-context.js';
import { splicedCost, writeSplice } from '../splice.js';
import type { SolutionState } from '../solution-state.js';
import { endLegM } from '../travel.js';
import { reservePlan, type Move, type OrderOperator } from './operator.js';

/** Longest segment, stops. */
const MAX_SEGMENT = 3;
/** Farthest a segment moves, positions. */
const MAX_SHIFT = 24;

export const orOptOperator: OrderOperator = {
  name: 'or-opt',
  evaluate(ctx: SearchContext, s: SolutionState, o: number, move: Move): number {
    move.delta = Infinity;
    const p = ctx.p;
    const c = s.orderRoute[o];
    if (c < 0 || p.orderLocked[o]) return Infinity;
    const r = s.routes[c];
    const len = r.len;
    const cost = costModelOf(p);
    const byDistance = !cost.pricesTime(c);
    const perM = cost.costPerM[c];
    const minPos = minInsertPosition(p, r);
    const win = ctx.windowBuffer;
    for (let a = minPos; a < len; a++) {
      if (p.stopOrder[r.stops[a]] !== o) continue;
      for (let L = 1; L <= MAX_SEGMENT && a + L <= len; L++) {
        // Forward: the segment goes right after position b (middle a+L..b moves up).
        for (let b = a + L; b < len && b < a + L + MAX_SHIFT; b++) {
          const sb = r.stops[b];
          if (p.stopIsDelivery[sb] && hasPickupIn(p.stopOrder[sb], r, a, L, p.stopOrder, p.stopIsDelivery)) break;
          const dM = distanceChange(ctx, r, a, L, b, true);
          if (byDistance && perM * dM >= move.delta) continue;
          let w = 0;
          for (let q = a + L; q <= b; q++) win[w++] = r.stops[q];
          for (let q = a; q < a + L; q++) win[w++] = r.stops[q];
          consider(ctx, r, a, b + 1, w, move, o, c);
        }
        // Backward: the segment goes right before position b (middle b..a−1 moves down).
        for (let b = a - 1; b >= minPos && b > a - 1 - MAX_SHIFT; b--) {
          const sb = r.stops[b];
          if (!p.stopIsDelivery[sb] && hasDeliveryIn(p.stopOrder[sb], r, a, L, p.stopOrder, p.stopIsDelivery)) break;
          const dM = distanceChange(ctx, r, a, L, b, false);
          if (byDistance && perM * dM >= move.delta) continue;
          let w = 0;
          for (let q = a; q < a + L; q++) win[w++] = r.stops[q];
          for (let q = b; q < a; q++) win[w++] = r.stops[q];
          consider(ctx, r, b, a + L, w, move, o, c);
        }
      }
    }
    return move.delta;
  },
  apply(ctx: SearchContext, s: SolutionState, move: Move): void {
    const r = s.routes[move.c1];
    const len = writeSplice(r, move.i1, move.j1, move.plan, move.planLength, ctx.sequenceBuffer);
    s.setRoute(move.c1, ctx.sequenceBuffer, len);
  },
};

/** Prices the route with [from, to) replaced by the window buffer; keeps it in `move` when cheapest so far. */
function consider(ctx: SearchContext, r: RouteState, from: number, to: number, w: number, move: Move, o: number, c: number): void {
  const after = splicedCost(ctx.p, r, from, to, ctx.windowBuffer, w, ctx.splice);
  const delta = after - r.cost;
  if (!(delta < move.delta)) return;
  move.delta = delta; move.o1 = o; move.c1 = c; move.i1 = from; move.j1 = to;
  const plan = reservePlan(move, w);
  plan.set(ctx.windowBuffer.subarray(0, w));
  move.planLength = w;
}

function hasPickupIn(order: number, r: RouteState, a: number, L: number, stopOrder: Int32Array, isDelivery: Uint8Array): boolean {
  for (let q = a; q < a + L; q++) if (stopOrder[r.stops[q]] === order && !isDelivery[r.stops[q]]) return true;
  return false;
}

function hasDeliveryIn(order: number, r: RouteState, a: number, L: number, stopOrder: Int32Array, isDelivery: Uint8Array): boolean {
  for (let q = a; q < a + L; q++) if (stopOrder[r.stops[q]] === order && isDelivery[r.stops[q]]) return true;
  return false;
}

/** Distance change of moving segment [a, a+L) after position b (forward) or before position b (backward), m. */
function distanceChange(ctx: SearchContext, r: RouteState, a: number, L: number, b: number, forward: boolean): number {
  const p = ctx.p;
  const n = p.locationCount;
  const locs = r.locs;
  const dist = p.distanceM;
  const first = locs[a];
  const last = locs[a + L - 1];
  if (forward) {
    const before = prevLoc(ctx, r, a);
    const removed = dist[before * n + first] + leg(ctx, r, last, a + L) + leg(ctx, r, locs[b], b + 1);
    const added = dist[before * n + locs[a + L]] + dist[locs[b] * n + first] + leg(ctx, r, last, b + 1);
    return added - removed;
  }
  const before = prevLoc(ctx, r, b);
  const removed = dist[before * n + locs[b]] + dist[locs[a - 1] * n + first] + leg(ctx, r, last, a + L);
  const added = dist[before * n + first] + dist[last * n + locs[b]] + leg(ctx, r, locs[a - 1], a + L);
  return added - removed;
}

/** Location the courier leaves to reach position k. */
function prevLoc(ctx: SearchContext, r: RouteState, k: number): number {
  return k === 0 ? ctx.p.courierStartLocation[r.courier] : r.locs[k - 1];
}

/** Distance from location `from` to the stop at position `toPos`, or to the route's end past the last stop, m. */
function leg(ctx: SearchContext, r: RouteState, from: number, toPos: number): number {
  const p = ctx.p;
  return toPos < r.len ? p.distanceM[from * p.locationCount + r.locs[toPos]] : endLegM(p, r.courier, from);
}
