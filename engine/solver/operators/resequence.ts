// Re-sequence within a route: takes an order's stops out and puts them back at the route's best positions (precedence kept).
import { bestInsertion } from '../insertion.js';
import type { SearchContext } from '../search-context.js';
import type { SolutionState } from '../solution-state.js';
import { bestMergedInsertion } from '../stall-merge.js';
import type { Move, OrderOperator } from './operator.js';

export const resequenceOperator: OrderOperator = {
  name: 'resequence',
  evaluate(ctx: SearchContext, s: SolutionState, o: number, move: Move): number {
    move.delta = Infinity;
    const p = ctx.p;
    const c = s.orderRoute[o];
    if (c < 0 || p.orderLocked[o]) return Infinity;
    const without = ctx.scratchRouteA;
    without.copyWithout(p, s.routes[c], o);
    const probe = ctx.probe;
    probe.delta = Infinity;
    bestInsertion(p, without, o, probe, ctx.scratch, null, 0);
    if (ctx.mergeable[o]) bestMergedInsertion(p, without, o, probe, ctx.scratch);
    if (probe.delta === Infinity) return Infinity;
    const delta = without.cost + probe.delta - s.routes[c].cost;
    // Re-inserting at the same place prices 0: callers apply only negative deltas.
    move.delta = delta; move.o1 = o; move.c1 = c; move.c2 = c; move.i1 = probe.i; move.j1 = probe.j; move.m1 = probe.merge ? 1 : 0;
    return delta;
  },
  apply(_ctx: SearchContext, s: SolutionState, move: Move): void {
    s.removeOrder(move.o1);
    s.insertOrder(move.o1, move.c2, move.i1, move.j1, move.m1 === 1);
  },
};
