// The main loop: SISR ruin-and-recreate under simulated annealing, route elimination tries, local search on new bests.
import { isImprovement, TOLERANCE } from '../cost/tolerance.js';
import { localSearch } from './local-search.js';
import { newMove, routeEliminationOperator } from '../operators/index.js';
import type { SearchContext } from '../search-context.js';
import { SolutionState } from '../solution-state.js';
import type { RoutePool } from './route-pool.js';
import { RecreateScratch, sisrRecreate } from './sisr-recreate.js';
import { RuinScratch, sisrRuin, type SisrParams } from './sisr-ruin.js';
import { statsFor, type OperatorStats } from './stats.js';

/** Iterations a relaxed current plan may stay incomplete before the search goes back to the best plan. */
const RELAX_PATIENCE = 1000;

/** Longest share of a schedule's time the branch and bound of one route-pool recombination may take. */
const RECOMBINE_SHARE = 0.1;

export interface AnnealOptions {
  readonly deadlineMs: number;
  readonly maxIterations: number;
  /**
   * The cooling schedule spans the whole solve: progress = max(iterations done / total, time used / total), so a
   * run split by fleet minimisation continues cooling where it stopped instead of reheating.
   */
  readonly schedule: { readonly startMs: number; readonly totalMs: number; readonly totalIterations: number; readonly iterationsBefore: number };
  readonly now: () => number;
  /** Blink rate of the recreate (SISR β). */
  readonly blinkRate: number;
  /** Start and final temperature as fractions of the mean routing cost per stop. */
  readonly startTemperature: number;
  readonly endTemperature: number;
  /** Chance per iteration of trying to eliminate a route of the current solution. */
  readonly eliminationRate: number;
  readonly sisr: SisrParams;
  /**
   * Relaxed acceptance (0: off): a plan leaving movable orders out is priced at this multiple of the mean routing
   * cost per stop for each, instead of their unassigned cost, so the search can pass through incomplete plans
   * between basins of a tight fleet; only complete plans become the best.
   */
  readonly relaxPenalty?: number;
  /** Schedule progress (0–1) at which relaxed acceptance ends: from there only complete plans are current (default 1). */
  readonly relaxUntil?: number;
  /**
   * Route pool (null: none): the routes of every accepted plan are offered to it and, at each schedule progress of
   * `recombineAt` (ascending), the pooled routes are recombined into the best plan by set partitioning (within
   * `recombineNodes` branch-and-bound nodes); a cheaper plan becomes the best and current one after a local search.
   */
  readonly pool?: RoutePool | null;
  readonly recombineAt?: readonly number[];
  readonly recombineNodes?: number;
}

export interface AnnealResult {
  iterations: number;
  bestAtMs: number;
}

/** Anneals from `current`; leaves the best solution found in `best`. */
export function anneal(ctx: SearchContext, current: SolutionState, best: SolutionState, opts: AnnealOptions, stats: Record<string, OperatorStats>, startMs: number): AnnealResult {
  const p = ctx.p;
  const rng = ctx.rng;
  let candidate = new SolutionState(p);
  let cur = current;
  const ruin = new RuinScratch(p.orderCount, p.courierCount);
  const recreate = new RecreateScratch(p.orderCount);
  const move = newMove();
  const sisr = statsFor(stats, 'sisr');
  const elim = statsFor(stats, 'route-elimination');
  // Recreates stopped because they needed a route more than the current plan uses (counted as attempts).
  const capped = statsFor(stats, 'sisr-route-capped');
  best.copyFrom(cur);
  let bestCost = best.totalCost();
  let curCost = bestCost;
  let bestAtMs = opts.now() - startMs;
  // Temperatures scale with the routing cost (fixed costs excluded) per stop of the start solution.
  let variable = 0, stops = 0;
  for (const r of cur.routes) {
    if (r.len === 0) continue;
    variable += r.cost - p.courierFixedCost[r.courier];
    stops += r.len;
  }
  const unit = stops > 0 ? variable / stops : 1;
  const complete = (s: SolutionState): boolean => {
    for (let q = 0; q < ctx.movable.length; q++) if (s.orderRoute[ctx.movable[q]] < 0) return false;
    return true;
  };
  // Only from a complete plan: a plan that must leave orders out is priced as it is.
  let relax = (opts.relaxPenalty ?? 0) > 0 && complete(cur);
  const relaxUntil = opts.relaxUntil ?? 1;
  // Rounds that start from an incomplete current plan (relaxed acceptance only).
  const incompleteRounds = relax ? statsFor(stats, 'relaxed-incomplete') : null;
  const penalty = (opts.relaxPenalty ?? 0) * unit;
  let incompleteFor = 0;
  // Relaxed price of a plan: its objective with each movable order left out at `penalty` instead of its cost.
  const priced = (s: SolutionState, total: number): number => {
    if (!relax) return total;
    for (let q = 0; q < ctx.movable.length; q++) {
      const o = ctx.movable[q];
      if (s.orderRoute[o] < 0) total += penalty - s.cost.unassigned(o);
    }
    return total;
  };

  const t0 = Math.max(TOLERANCE, opts.startTemperature * unit);
  const tf = Math.max(TOLERANCE * 1e-3, opts.endTemperature * unit);
  // Vehicles first: with one fixed cost for every courier, when a route costs more than the rest of the current
  // plan's cost twice over plus the largest step the acceptance ever allows (−T·ln u ≤ 40·T), a candidate using more
  // routes than the current plan is never taken, so its recreate stops at the first order that would open one.
  const fixed = p.courierCount > 1 ? p.courierFixedCost[0] : 0;
  let sameFixed = fixed > 0;
  for (let c = 1; c < p.courierCount; c++) if (p.courierFixedCost[c] !== fixed) sameFixed = false;
  const { schedule } = opts;
  const pool = opts.pool ?? null;
  const recombineAt = opts.recombineAt ?? [];
  const recombine = pool ? statsFor(stats, 'pool-recombine') : null;
  // The next recombination point not yet passed when this run starts.
  let nextRecombine = 0;
  const startProgress = Math.min(1, Math.max(schedule.iterationsBefore / schedule.totalIterations, (opts.now() - schedule.startMs) / schedule.totalMs));
  while (nextRecombine < recombineAt.length && recombineAt[nextRecombine] <= startProgress) nextRecombine++;
  pool?.addPlan(cur);
  let it = 0;
  if (ctx.movable.length === 0) return { iterations: 0, bestAtMs };
  for (; it < opts.maxIterations; it++) {
    const nowMs = opts.now();
    if (nowMs >= opts.deadlineMs) break;
    const progress = Math.min(1, Math.max((schedule.iterationsBefore + it) / schedule.totalIterations, (nowMs - schedule.startMs) / schedule.totalMs));
    const temperature = t0 * Math.pow(tf / t0, progress);
    if (pool && nextRecombine < recombineAt.length && progress >= recombineAt[nextRecombine]) {
      while (nextRecombine < recombineAt.length && recombineAt[nextRecombine] <= progress) nextRecombine++;
      recombine!.attempts++;
      // At most a tenth of the schedule's time (iteration-bounded runs: the node bound alone).
      const stopMs = Math.min(opts.deadlineMs, nowMs + RECOMBINE_SHARE * schedule.totalMs);
      const run = pool.recombine(best, candidate, opts.recombineNodes ?? 0, () => opts.now() >= stopMs);
      recombine!.nodes = (recombine!.nodes ?? 0) + run.nodes;
      if (run.improved) {
        localSearch(ctx, candidate, ctx.operators.filter((op) => op !== routeEliminationOperator), stats, opts.deadlineMs, opts.now);
        recombine!.improvements++;
        recombine!.accepted++;
        const swap = cur;
        cur = candidate;
        candidate = swap;
        curCost = priced(cur, cur.totalCost());
        bestCost = cur.totalCost();
        best.copyFrom(cur);
        bestAtMs = opts.now() - startMs;
        pool.addPlan(cur);
      }
      continue;
    }
    if (relax && progress >= relaxUntil) {
      // Relaxed acceptance ends: the rest of the schedule descends over complete plans only.
      relax = false;
      if (!complete(cur)) cur.copyFrom(best);
      curCost = cur.totalCost();
    }
    if (rng.next() < opts.eliminationRate && cur.usedRoutes() > 1) {
      // Try to empty a random used route of the current solution.
      const c = pickUsedRoute(cur, rng.int(cur.usedRoutes()));
      const o = p.stopOrder[cur.routes[c].stops[0]];
      elim.attempts++;
      const delta = routeEliminationOperator.evaluate(ctx, cur, o, move);
      if (delta < Infinity && delta < -temperature * Math.log(rng.next())) {
        routeEliminationOperator.apply(ctx, cur, move);
        elim.accepted++;
        const total = cur.totalCost();
        curCost = priced(cur, total);
        if (isImprovement(total - bestCost, bestCost) && (!relax || complete(cur))) {
          elim.improvements++;
          bestCost = total;
          best.copyFrom(cur);
          bestAtMs = opts.now() - startMs;
        }
      }
      continue;
    }
    // A relaxed current plan that stays incomplete too long goes back to the best plan.
    if (relax) {
      if (complete(cur)) incompleteFor = 0;
      else {
        incompleteRounds!.attempts++;
        if (++incompleteFor >= RELAX_PATIENCE) {
          cur.copyFrom(best);
          curCost = bestCost;
          incompleteFor = 0;
        }
      }
    }
    candidate.copyFrom(cur);
    sisr.attempts++;
    sisrRuin(ctx, candidate, ctx.neighbours, opts.sisr, ruin);
    candidate.removeOrders(ruin.removed, ruin.count, ctx.mark);
    let maxUsed = Infinity;
    if (sameFixed) {
      const used = cur.usedRoutes();
      if (fixed > 2 * Math.abs(curCost - used * fixed) + 40 * temperature) maxUsed = used;
    }
    const left = sisrRecreate(ctx, candidate, ruin.removed, ruin.count, opts.blinkRate, recreate, null, maxUsed, relax);
    if (left < 0) capped.attempts++;
    // Routes the recreate rebuilt as they were keep their stamps (and the scans memoised on them).
    candidate.shareVersionsWith(cur);
    // A ruin can leave a route breaking a window (market legs are not metric): such a plan is never taken.
    const total = left >= 0 && candidate.routesFeasible() ? candidate.totalCost() : Infinity;
    const cost = left > 0 ? priced(candidate, total) : total;
    if (cost < curCost - temperature * Math.log(rng.next())) {
      const swap = cur;
      cur = candidate;
      candidate = swap;
      curCost = cost;
      sisr.accepted++;
      pool?.addPlan(cur);
      if ((!relax || left === 0) && isImprovement(total - bestCost, bestCost)) {
        sisr.improvements++;
        localSearch(ctx, cur, ctx.operators.filter((op) => op !== routeEliminationOperator), stats, opts.deadlineMs, opts.now);
        curCost = cur.totalCost();
        bestCost = curCost;
        best.copyFrom(cur);
        bestAtMs = opts.now() - startMs;
        pool?.addPlan(cur);
      }
    }
  }
  if (cur !== current) current.copyFrom(cur);
  return { iterations: it, bestAtMs };
}

function pickUsedRoute(s: SolutionState, k: number): number {
  for (let c = 0; c < s.routes.length; c++) {
    if (s.routes[c].len === 0) continue;
    if (k-- === 0) return c;
  }
  return 0;
}
