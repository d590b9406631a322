// Exchange: swaps two orders between routes, each re-inserted at its best place in the other route.
import { bestInsertion } from '../insertion.js';
import type { SearchContext } from '../search-context.js';
import type { SolutionState } from '../solution-state.js';
import type { Move, OrderOperator } from './operator.js';

/** How many nearest orders of `o` are tried as exchange partners. */
const PARTNERS = 12;

export const exchangeOperator: OrderOperator = {
  name: 'exchange',
  evaluate(ctx: SearchContext, s: SolutionState, o1: number, move: Move): number {
    move.delta = Infinity;
    const p = ctx.p;
    const C = p.courierCount;
    const O = p.orderCount;
    const c1 = s.orderRoute[o1];
    if (c1 < 0 || p.orderLocked[o1]) return Infinity;
    const a = ctx.scratchRouteA;
    const b = ctx.scratchRouteB;
    a.copyWithout(p, s.routes[c1], o1);
    const probe = ctx.probe;
    const limit = Math.min(PARTNERS, O - 1);
    for (let k = 0; k < limit; k++) {
      const o2 = ctx.neighbours[o1 * (O - 1) + k];
      const c2 = s.orderRoute[o2];
      if (c2 < 0 || c2 === c1 || p.orderLocked[o2]) continue;
      if (!ctx.feasibility.compatible[o2 * C + c1] || !ctx.feasibility.compatible[o1 * C + c2]) continue;
      probe.delta = Infinity;
      bestInsertion(p, a, o2, probe, ctx.scratch, null, 0);
      if (probe.delta === Infinity) continue;
      const i2 = probe.i, j2 = probe.j, into1 = probe.delta;
      b.copyWithout(p, s.routes[c2], o2);
      const rest = a.cost + into1 + b.cost - s.routes[c1].cost - s.routes[c2].cost
        + s.cost.stabilityChange(o1, c1, c2) + s.cost.stabilityChange(o2, c2, c1);
      // Only a re-insertion beating the best exchange so far matters: the bound prunes the route search.
      probe.delta = move.delta - rest;
      probe.i = -1;
      bestInsertion(p, b, o1, probe, ctx.scratch, null, 0);
      if (probe.i < 0) continue;
      const delta = rest + probe.delta;
      if (delta < move.delta) {
        move.delta = delta; move.o1 = o1; move.o2 = o2; move.c1 = c1; move.c2 = c2;
        move.i1 = probe.i; move.j1 = probe.j; move.i2 = i2; move.j2 = j2;
      }
    }
    return move.delta;
  },
  apply(_ctx: SearchContext, s: SolutionState, move: Move): void {
    s.removeOrder(move.o1);
    s.removeOrder(move.o2);
    s.insertOrder(move.o2, move.c1, move.i2, move.j2);
    s.insertOrder(move.o1, move.c2, move.i1, move.j1);
  },
};
