// A pool of distinct priced routes seen by the search, recombined by set partitioning into a cheaper plan.
import type { CompiledProblem } from '../../model/compiled-problem.js';
import { isImprovement, TOLERANCE } from '../cost/tolerance.js';
import type { SolutionState } from '../solution-state.js';
import { solveSetPartition, type SetPartitionColumn } from './set-partition.js';

/** One pooled route: the cheapest stop sequence seen for its set of orders, and its cost as the solver priced it. */
export interface PooledRoute extends SetPartitionColumn {
  /** Its orders, ascending dense indices. */
  readonly orders: Int32Array;
  readonly stops: Int32Array;
  cost: number;
}

export interface RecombineResult {
  /** True when `into` now holds a cheaper plan made of pooled routes. */
  readonly improved: boolean;
  readonly nodes: number;
  /** Optimality gap left, as a share of the plan's cost (0: no cheaper cover exists in the pool). */
  readonly gap: number;
  /** Columns left after reduced-cost fixing. */
  readonly columnsKept: number;
}

/**
 * True when a route means the same on every courier and nothing but its routes prices a plan: one kind of courier
 * (same depot, shift, capacity, speed and costs), no frozen next stops, locked, pinned or previously planned
 * orders, and every order allowed on every courier. The pool is kept only then.
 */
export function poolApplies(p: CompiledProblem): boolean {
  const C = p.courierCount;
  if (C < 2) return false;
  const D = p.dims;
  for (let c = 0; c < C; c++) {
    if (p.courierNextStop[c] >= 0) return false;
    if (p.courierStartLocation[c] !== p.courierStartLocation[0] || p.courierStartS[c] !== p.courierStartS[0]
      || p.courierEndLocation[c] !== p.courierEndLocation[0] || p.courierLatestEndS[c] !== p.courierLatestEndS[0]
      || p.courierMaxStops[c] !== p.courierMaxStops[0] || p.courierInvSpeed[c] !== p.courierInvSpeed[0]
      || p.courierFixedCost[c] !== p.courierFixedCost[0] || p.courierCostPerHour[c] !== p.courierCostPerHour[0]
      || p.courierCostPerKm[c] !== p.courierCostPerKm[0]) return false;
    for (let d = 0; d < D; d++) {
      if (p.courierCapacity[c * D + d] !== p.courierCapacity[d] || p.courierInitialLoad[c * D + d] !== 0) return false;
    }
  }
  for (let o = 0; o < p.orderCount; o++) {
    if (p.orderLocked[o] || p.orderPinnedCourier[o] >= 0 || p.orderPreviousCourier[o] >= 0) return false;
    for (let c = 0; c < C; c++) if (!p.orderSkillsOk[o * C + c]) return false;
  }
  return true;
}

export class RoutePool {
  readonly routes: PooledRoute[] = [];
  /** Hash of an order set → index in `routes`. */
  private readonly byOrders = new Map<number, number>();
  /** courier → version stamp of its route when last offered (unchanged routes are skipped). */
  private readonly seenVersion: Float64Array;
  private readonly orderBuffer: Int32Array;
  /** The ascending orders of the last route hashed (a view of orderBuffer). */
  private sorted: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Routes added or made cheaper so far, and that count at the last recombination (none since: nothing to gain). */
  private changes = 0;
  private changesAtRecombine = -1;

  constructor(readonly p: CompiledProblem, readonly maxRoutes = 20000) {
    this.seenVersion = new Float64Array(p.courierCount).fill(-1);
    this.orderBuffer = new Int32Array(p.orderCount);
  }

  /** Offers every feasible used route of `s` changed since the last offer. */
  addPlan(s: SolutionState): void {
    for (let c = 0; c < s.routes.length; c++) {
      const r = s.routes[c];
      if (r.version === this.seenVersion[c]) continue;
      this.seenVersion[c] = r.version;
      if (r.len > 0 && r.feasible) this.add(r.stops, r.len, r.cost);
    }
  }

  /** Keeps the route `stops[0..len)` of cost `cost` when no cheaper one with the same orders is pooled. */
  add(stops: Int32Array, len: number, cost: number): void {
    const key = this.keyOf(stops, len);
    const sorted = this.sorted;
    const at = this.byOrders.get(key);
    if (at !== undefined) {
      const known = this.routes[at];
      if (!isImprovement(cost - known.cost, known.cost) || !sameOrders(known.orders, sorted)) return;
      this.routes[at] = { orders: known.orders, stops: stops.slice(0, len), cost };
      this.changes++;
      return;
    }
    if (this.routes.length >= this.maxRoutes) return;
    this.byOrders.set(key, this.routes.length);
    this.routes.push({ orders: sorted.slice(), stops: stops.slice(0, len), cost });
    this.changes++;
  }

  /**
   * Chooses pooled routes covering the orders of `best` exactly once, at most as many as it uses, at least cost:
   * a branch and bound started from `best`'s own routes (pooled first), within `nodeLimit` nodes and until
   * `stop()`. When the cover is cheaper than `best`, writes it into `into` (every route as priced when pooled,
   * checked again: same cost, every rule kept, every order of `best` served once) and returns improved.
   */
  recombine(best: SolutionState, into: SolutionState, nodeLimit: number, stop: () => boolean): RecombineResult {
    const p = this.p;
    this.addPlan(best);
    if (this.changes === this.changesAtRecombine) return { improved: false, nodes: 0, gap: 0, columnsKept: 0 };
    this.changesAtRecombine = this.changes;
    const incumbent: number[] = [];
    for (const r of best.routes) {
      if (r.len === 0) continue;
      const at = this.byOrders.get(this.keyOf(r.stops, r.len));
      if (at === undefined || !sameOrders(this.routes[at].orders, this.sorted)) return { improved: false, nodes: 0, gap: 0, columnsKept: 0 };
      incumbent.push(at);
    }
    const required = new Uint8Array(p.orderCount);
    for (let o = 0; o < p.orderCount; o++) required[o] = best.orderRoute[o] >= 0 ? 1 : 0;
    const result = solveSetPartition({ perColumn: p.courierFixedCost[0], required, columns: this.routes, maxColumns: incumbent.length, incumbent, nodeLimit, stop });
    const bestCost = best.totalCost();
    const routeCosts = best.routeCosts();
    const info = { nodes: result.nodes, gap: result.complete ? 0 : (result.cost - result.lowerBound) / Math.max(1, routeCosts), columnsKept: result.columnsKept };
    if (!isImprovement(result.cost - routeCosts, bestCost)) return { improved: false, ...info };
    // Build the plan: the chosen routes on the first couriers, each re-priced and checked.
    into.copyFrom(best);
    const empty = new Int32Array(0);
    for (let c = 0; c < into.routes.length; c++) if (into.routes[c].len > 0) into.setRoute(c, empty, 0);
    into.orderRoute.fill(-1);
    let c = 0;
    for (const k of result.columns) {
      const col = this.routes[k];
      into.setRoute(c, col.stops, col.stops.length);
      const r = into.routes[c];
      if (!r.feasible || Math.abs(r.cost - col.cost) > TOLERANCE * Math.max(1, col.cost)) return { improved: false, ...info };
      c++;
    }
    for (let o = 0; o < p.orderCount; o++) if ((into.orderRoute[o] >= 0) !== (required[o] === 1)) return { improved: false, ...info };
    return { improved: isImprovement(into.totalCost() - bestCost, bestCost), ...info };
  }

  /** Hash of the order set of `stops[0..len)`, whose orders it leaves ascending in `this.sorted`. */
  private keyOf(stops: Int32Array, len: number): number {
    const p = this.p;
    const orders = this.orderBuffer;
    let n = 0;
    for (let k = 0; k < len; k++) if (p.stopIsDelivery[stops[k]]) orders[n++] = p.stopOrder[stops[k]];
    const sorted = orders.subarray(0, n).sort();
    this.sorted = sorted;
    let h1 = 0x811c9dc5, h2 = n;
    for (let k = 0; k < n; k++) {
      h1 = Math.imul(h1 ^ sorted[k], 0x01000193);
      h2 = Math.imul(h2 + sorted[k] + 0x9e3779b9, 0x85ebca6b) ^ (h2 >>> 13);
    }
    return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
  }
}

function sameOrders(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
