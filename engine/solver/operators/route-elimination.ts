// Route elimination: empties the route of an order by re-inserting all its orders into the other used routes; the
// move keeps each re-insertion (order, courier, positions), and apply() replays them.
import type { SearchContext } from '../search-context.js';
import type { SolutionState } from '../solution-state.js';
import { reservePlan, type Move, type OrderOperator } from './operator.js';

/** Plan entries per re-insertion: order, courier, group position, delivery position, merged (1) or not (0). */
const STEP = 5;

export const routeEliminationOperator: OrderOperator = {
  name: 'route-elimination',
  /** Only the order that opens its route triggers an attempt, so each route is tried once per pass. */
  evaluate(ctx: SearchContext, s: SolutionState, o: number, move: Move): number {
    move.delta = Infinity;
    const p = ctx.p;
    const c = s.orderRoute[o];
    if (c < 0) return Infinity;
    const route = s.routes[c];
    if (p.stopOrder[route.stops[0]] !== o) return Infinity;
    const list = ctx.ruinList;
    let m = 0;
    for (let k = 0; k < route.len; k++) {
      const st = route.stops[k];
      const q = p.stopOrder[st];
      if (st !== p.orderFirstStop[q]) continue;
      if (p.orderLocked[q] || p.orderPinnedCourier[q] === c) return Infinity;
      list[m++] = q;
    }
    const trial = ctx.scratchSolution();
    trial.copyFrom(s);
    trial.removeOrders(list, m, ctx.mark);
    // Hardest first: the order with the fewest feasible places goes first (approximated by the latest deadline).
    for (let a = 1; a < m; a++) {
      const q = list[a];
      const key = p.stopLatestS[p.orderFirstStop[q] + p.orderStopCount[q] - 1];
      let z = a - 1;
      while (z >= 0 && p.stopLatestS[p.orderFirstStop[list[z]] + p.orderStopCount[list[z]] - 1] > key) {
        list[z + 1] = list[z];
        z--;
      }
      list[z + 1] = q;
    }
    const probe = ctx.probe;
    const plan = reservePlan(move, STEP * m);
    for (let a = 0; a < m; a++) {
      const q = list[a];
      let bestC = -1, bestDelta = Infinity, bi = -1, bj = -1, bm = false;
      for (let c2 = 0; c2 < p.courierCount; c2++) {
        if (c2 === c || trial.routes[c2].len === 0) continue;
        ctx.insertionDelta(trial, q, c2, probe, 0, bestDelta);
        if (probe.delta < bestDelta) { bestDelta = probe.delta; bestC = c2; bi = probe.i; bj = probe.j; bm = probe.merge; }
      }
      if (bestC < 0) return Infinity;
      trial.insertOrder(q, bestC, bi, bj, bm);
      plan[STEP * a] = q; plan[STEP * a + 1] = bestC; plan[STEP * a + 2] = bi; plan[STEP * a + 3] = bj; plan[STEP * a + 4] = bm ? 1 : 0;
    }
    move.planLength = STEP * m;
    move.delta = trial.totalCost() - s.totalCost();
    move.o1 = o;
    move.c1 = c;
    return move.delta;
  },
  /** Empties route c1 and replays the re-insertions in the move's plan, in order. */
  apply(ctx: SearchContext, s: SolutionState, move: Move): void {
    const plan = move.plan;
    const list = ctx.ruinList;
    const m = move.planLength / STEP;
    for (let a = 0; a < m; a++) list[a] = plan[STEP * a];
    s.removeOrders(list, m, ctx.mark);
    for (let a = 0; a < m; a++) s.insertOrder(plan[STEP * a], plan[STEP * a + 1], plan[STEP * a + 2], plan[STEP * a + 3], plan[STEP * a + 4] === 1);
  },
};
