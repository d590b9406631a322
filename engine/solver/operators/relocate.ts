// Relocate: moves an order's whole stop group (pickups + delivery) to its best place on another route.
import type { SearchContext } from '../search-context.js';
import type { SolutionState } from '../solution-state.js';
import type { Move, OrderOperator } from './operator.js';

export const relocateOperator: OrderOperator = {
  name: 'relocate',
  evaluate(ctx: SearchContext, s: SolutionState, o: number, move: Move): number {
    move.delta = Infinity;
    const p = ctx.p;
    const c1 = s.orderRoute[o];
    if (c1 < 0 || p.orderLocked[o]) return Infinity;
    const without = ctx.scratchRouteA;
    without.copyWithout(p, s.routes[c1], o);
    // Market legs are not metric: the route left behind may break a window; such a move is not taken.
    if (!without.feasible) return Infinity;
    const removal = without.cost - s.routes[c1].cost;
    const probe = ctx.probe;
    let sawEmpty = false;
    for (let c2 = 0; c2 < p.courierCount; c2++) {
      if (c2 === c1) continue;
      if (s.routes[c2].len === 0) {
        if (sawEmpty && ctx.homogeneous) continue;
        sawEmpty = true;
      }
      // Only insertions beating the best move so far matter: the bound prunes the route search.
      ctx.insertionDelta(s, o, c2, probe, 0, move.delta - removal, c1);
      if (probe.delta === Infinity) continue;
      const delta = removal + probe.delta;
      if (delta < move.delta) {
        move.delta = delta; move.o1 = o; move.c1 = c1; move.c2 = c2; move.i1 = probe.i; move.j1 = probe.j; move.m1 = probe.merge ? 1 : 0;
      }
    }
    return move.delta;
  },
  apply(_ctx: SearchContext, s: SolutionState, move: Move): void {
    s.removeOrder(move.o1);
    s.insertOrder(move.o1, move.c2, move.i1, move.j1, move.m1 === 1);
  },
};
