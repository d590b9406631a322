// Fleet minimisation (SISR's absence-based variant): removes a route, then ruins and recreates without opening
// routes until every order fits again, accepting fewer unassigned orders or a lower sum of their absence counts.
import type { SearchContext } from '../search-context.js';
import { SolutionState } from '../solution-state.js';
import { EjectionScratch, ejectionStep } from './ejection.js';
import { RecreateScratch, sisrRecreate } from './sisr-recreate.js';
import { RuinScratch, sisrRuin, type SisrParams } from './sisr-ruin.js';
import { statsFor, type OperatorStats } from './stats.js';

export interface FleetOptions {
  readonly deadlineMs: number;
  readonly maxIterations: number;
  readonly now: () => number;
  readonly blinkRate: number;
  readonly sisr: SisrParams;
  /**
   * Route-removal attempts that may fail in a row after a vehicle has gone before the phase hands the rest of its
   * budget back (the next vehicle is much harder to remove, and the plan just found needs distance work).
   */
  readonly triesAfterSuccess: number;
  /**
   * Once a vehicle has gone, time (ms on `now`) and iterations the phase may spend without removing another
   * before it hands the rest of its budget back (default: no bound). Removing the next one is far harder, and
   * the plan just found needs the time for distance.
   */
  readonly afterSuccessMs?: number;
  readonly afterSuccessIterations?: number;
  /** Chance per iteration of an ejection step (ejection.ts) instead of a ruin-and-recreate. */
  readonly ejectionRate?: number;
  /** Iterations without fewer unassigned orders before an attempt moves on to another route (default 250). */
  readonly patience?: number;
  /**
   * Which route an attempt removes: false draws short routes more often (1 / stops²); true prefers the route whose
   * orders re-insert most cheaply into the others (cheapRouteToRemove), so the plan handed to the distance phase
   * starts from a cheaper removal.
   */
  readonly removeByDistance?: boolean;
  /** Stop as soon as the plan uses this many routes or fewer (default: keep removing while the budget lasts). */
  readonly targetRoutes?: number;
}

/** True when every courier's fixed cost outweighs the variable cost of a whole solution (vehicles first). */
export function fleetIsHierarchical(ctx: SearchContext, s: SolutionState): boolean {
  const p = ctx.p;
  let variable = 0;
  for (const r of s.routes) if (r.len > 0) variable += r.cost - p.courierFixedCost[r.courier];
  for (let c = 0; c < p.courierCount; c++) if (!(p.courierFixedCost[c] > variable)) return false;
  return p.courierCount > 1;
}

/** Shrinks the fleet of the complete solution `best` in place; returns the iterations spent. */
export function minimiseFleet(ctx: SearchContext, best: SolutionState, opts: FleetOptions, stats: Record<string, OperatorStats>): number {
  const p = ctx.p;
  const st = statsFor(stats, 'fleet-sisr');
  const ej = statsFor(stats, 'fleet-ejection');
  const ejectionRate = opts.ejectionRate ?? 0;
  const patience = opts.patience ?? 250;
  if (best.unassignedCount() > countHopeless(ctx)) return 0;
  let work = new SolutionState(p);
  let candidate = new SolutionState(p);
  const absence = new Float64Array(p.orderCount);
  const ruin = new RuinScratch(p.orderCount, p.courierCount);
  const recreate = new RecreateScratch(p.orderCount);
  const ejection = new EjectionScratch(p.stopCount, p.orderCount, p.dims);
  const list = ctx.ruinList;
  let it = 0;
  let needRemoval = true;
  let workU = 0, workA = 0, bestU = 0, sinceProgress = 0;
  let succeeded = false, failedTries = 0;
  // Distance cost of removing each route of `best` (removeByDistance), priced again once `best` changes.
  const removalCost = new Float64Array(p.courierCount);
  let removalPriced = false;
  const afterMs = opts.afterSuccessMs ?? Infinity;
  const afterIterations = opts.afterSuccessIterations ?? Infinity;
  let deadlineMs = opts.deadlineMs, maxIterations = opts.maxIterations;
  const target = opts.targetRoutes ?? 0;
  while (it < maxIterations && opts.now() < deadlineMs) {
    if (needRemoval) {
      if (best.usedRoutes() <= target) break;
      if (succeeded && failedTries++ >= opts.triesAfterSuccess) break;
      work.copyFrom(best);
      if (opts.removeByDistance && !removalPriced) {
        priceRemovals(ctx, best, removalCost);
        removalPriced = true;
      }
      const c = opts.removeByDistance ? cheapRouteToRemove(ctx, work, removalCost) : routeToRemove(ctx, work);
      if (c < 0 || work.usedRoutes() <= 1) break;
      let m = 0;
      const r = work.routes[c];
      for (let k = 0; k < r.len; k++) {
        const s = r.stops[k];
        if (s === p.orderFirstStop[p.stopOrder[s]]) list[m++] = p.stopOrder[s];
      }
      work.removeOrders(list, m, ctx.mark);
      workU = m;
      workA = 0;
      for (let q = 0; q < m; q++) workA += absence[list[q]];
      needRemoval = false;
      bestU = workU;
      sinceProgress = 0;
    }
    // An attempt that stops making progress is dropped: another route is tried from the best plan.
    if (++sinceProgress > patience) {
      needRemoval = true;
      continue;
    }
    it++;
    candidate.copyFrom(work);
    const ejecting = ejectionRate > 0 && ctx.rng.next() < ejectionRate;
    const op = ejecting ? ej : st;
    op.attempts++;
    if (ejecting) {
      if (!ejectionStep(ctx, candidate, absence, ejection)) continue;
    } else {
      sisrRuin(ctx, candidate, ctx.neighbours, opts.sisr, ruin, true);
      candidate.removeOrders(ruin.removed, ruin.count, ctx.mark);
      sisrRecreate(ctx, candidate, ruin.removed, ruin.count, opts.blinkRate, recreate, absence);
    }
    if (!candidate.routesFeasible()) continue;
    // Both absence sums use today's counts; the candidate's left-out orders count once more afterwards.
    let u = 0, a = 0;
    workA = 0;
    for (let q = 0; q < ctx.movable.length; q++) {
      const o = ctx.movable[q];
      if (candidate.orderRoute[o] < 0) { u++; a += absence[o]; }
      if (work.orderRoute[o] < 0) workA += absence[o];
    }
    for (let q = 0; q < ctx.movable.length; q++) {
      const o = ctx.movable[q];
      if (candidate.orderRoute[o] < 0) absence[o]++;
    }
    if (u < workU || a < workA) {
      const swap = work; work = candidate; candidate = swap;
      workU = u; workA = a;
      op.accepted++;
      if (u < bestU) { bestU = u; sinceProgress = 0; }
      if (u === 0) {
        op.improvements++;
        best.copyFrom(work);
        removalPriced = false;
        needRemoval = true;
        succeeded = true;
        failedTries = 0;
        deadlineMs = Math.min(opts.deadlineMs, opts.now() + afterMs);
        maxIterations = Math.min(opts.maxIterations, it + afterIterations);
      }
    }
  }
  return it;
}

function countHopeless(ctx: SearchContext): number {
  let h = 0;
  for (let o = 0; o < ctx.p.orderCount; o++) if (ctx.feasibility.reason[o] !== null) h++;
  return h;
}

/**
 * Distance cost of removing each route of `s` into `out` (by courier; Infinity when it cannot go): each of its
 * orders priced at its cheapest feasible place in another used route (or at three times the route's mean cost per
 * order when it has none), less the route's own routing cost.
 */
function priceRemovals(ctx: SearchContext, s: SolutionState, out: Float64Array): void {
  const p = ctx.p;
  const probe = ctx.probe;
  out.fill(Infinity);
  for (const r of s.routes) {
    if (!removable(ctx, s, r.courier)) continue;
    const own = r.cost - p.courierFixedCost[r.courier];
    const noPlace = (3 * 2 * own) / r.len;
    let reinsert = 0;
    for (let k = 0; k < r.len; k++) {
      const st = r.stops[k];
      const o = p.stopOrder[st];
      if (st !== p.orderFirstStop[o]) continue;
      let cheapest = Infinity;
      for (const other of s.routes) {
        if (other.len === 0 || other.courier === r.courier) continue;
        ctx.insertionDelta(s, o, other.courier, probe, 0, cheapest, -1, false);
        if (probe.delta < cheapest) cheapest = probe.delta;
      }
      reinsert += cheapest < Infinity ? cheapest : noPlace;
    }
    out[r.courier] = reinsert - own;
  }
}

/**
 * The removable route of `s` whose removal costs least (`cost`, from priceRemovals on the same plan: Infinity marks a
 * route that cannot go) after scaling each cost by a random factor in [1, 2), so repeated attempts do not always pick
 * the same route; −1 when none.
 */
function cheapRouteToRemove(ctx: SearchContext, s: SolutionState, cost: Float64Array): number {
  let pick = -1, pickKey = Infinity;
  for (const r of s.routes) {
    if (!(cost[r.courier] < Infinity)) continue;
    const key = cost[r.courier] * (1 + ctx.rng.next());
    if (key < pickKey) { pickKey = key; pick = r.courier; }
  }
  return pick;
}

/** A used route holding no pinned order, drawn with odds favouring short routes (1 / stops²); −1 when none. */
function routeToRemove(ctx: SearchContext, s: SolutionState): number {
  let total = 0;
  for (const r of s.routes) if (removable(ctx, s, r.courier)) total += 1 / (r.len * r.len);
  let pick = ctx.rng.next() * total;
  let last = -1;
  for (const r of s.routes) {
    if (!removable(ctx, s, r.courier)) continue;
    last = r.courier;
    pick -= 1 / (r.len * r.len);
    if (pick <= 0) return r.courier;
  }
  return last;
}

function removable(ctx: SearchContext, s: SolutionState, c: number): boolean {
  const r = s.routes[c];
  if (r.len === 0) return false;
  for (let k = 0; k < r.len; k++) if (ctx.p.orderPinnedCourier[ctx.p.stopOrder[r.stops[k]]] >= 0) return false;
  return true;
}
