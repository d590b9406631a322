// The mutable search state: one RouteState per courier, order → route map, and the total objective.
import type { CompiledProblem } from '../model/compiled-problem.js';
import { costModelOf, type CostModel } from './cost/cost-model.js';
import { RouteState } from './route-state.js';
import { writeMergedSequence } from './stall-merge.js';

export class SolutionState {
  readonly routes: RouteState[];
  /** order → courier whose route holds it, −1 when unassigned. */
  readonly orderRoute: Int32Array;
  /** order → 1 when no courier can serve it alone (never inserted). */
  readonly orderHopeless: Uint8Array;
  /** The problem's cost evaluator. */
  readonly cost: CostModel;

  /** Scratch of merged insertions: a stop sequence and pickup attachments. */
  private readonly buffer: Int32Array;
  private readonly attach: Int32Array;

  constructor(readonly p: CompiledProblem) {
    this.buffer = new Int32Array(p.stopCount + 1);
    this.attach = new Int32Array(p.stopCount + 1);
    this.cost = costModelOf(p);
    const capacity = p.stopCount + 1;
    this.routes = [];
    for (let c = 0; c < p.courierCount; c++) {
      const r = new RouteState(c, capacity, p.dims);
      r.refresh(p);
      this.routes.push(r);
    }
    this.orderRoute = new Int32Array(p.orderCount).fill(-1);
    this.orderHopeless = new Uint8Array(p.orderCount);
  }

  /** Copies everything from `other` (same problem). */
  copyFrom(other: SolutionState): void {
    for (let c = 0; c < this.routes.length; c++) this.routes[c].copyFrom(other.routes[c], this.p.dims);
    this.orderRoute.set(other.orderRoute);
  }

  /**
   * Routes holding the same stops as `other`'s route of their courier take its version stamp: a refresh depends on
   * the courier and the stops alone, so their caches are the same too, and what is keyed on the stamp (the insertion
   * memo, copyFrom) sees them unchanged. Linear in the stops of the routes whose stamps differ.
   */
  shareVersionsWith(other: SolutionState): void {
    for (let c = 0; c < this.routes.length; c++) {
      const r = this.routes[c];
      const q = other.routes[c];
      if (r.version === q.version || r.len !== q.len || r.courier !== q.courier) continue;
      let same = true;
      for (let k = 0; k < r.len && same; k++) same = r.stops[k] === q.stops[k];
      if (same) r.version = q.version;
    }
  }

  /** Sum of the route costs (stop terms included). */
  routeCosts(): number {
    let total = 0;
    for (let c = 0; c < this.routes.length; c++) total += this.routes[c].cost;
    return total;
  }

  /** Total objective, priced by the cost model: route costs + unassigned costs + stability. */
  totalCost(): number {
    return this.cost.total(this.routeCosts(), this.orderRoute);
  }

  /** True when every route keeps every rule (a ruin can break one: market legs are not metric). */
  routesFeasible(): boolean {
    for (const r of this.routes) if (!r.feasible) return false;
    return true;
  }

  usedRoutes(): number {
    let used = 0;
    for (const r of this.routes) if (r.len > 0) used++;
    return used;
  }

  unassignedCount(): number {
    let u = 0;
    for (let o = 0; o < this.p.orderCount; o++) if (this.orderRoute[o] < 0) u++;
    return u;
  }

  /**
   * Inserts order `o` into route `c`: its pickups as a group before position `i`, its delivery before original
   * position `j` (j ≥ i); with `merge`, pickups at stalls visited before `j` join those visits (stall-merge.ts).
   */
  insertOrder(o: number, c: number, i: number, j: number, merge = false): void {
    const p = this.p;
    const r = this.routes[c];
    if (merge) {
      const len = writeMergedSequence(p, r.stops, r.len, o, i, j, this.attach, this.buffer);
      if (len < 0) throw new Error(`merged insertion of order ${o} joins no visit`);
      this.setRoute(c, this.buffer, len);
      return;
    }
    const first = p.orderFirstStop[o];
    const k = p.orderStopCount[o] - 1;
    const len = r.len;
    const stops = r.stops;
    // Shift the tail [j, len) by k + 1 and the middle [i, j) by k, then write the group and the delivery.
    stops.copyWithin(j + k + 1, j, len);
    stops.copyWithin(i + k, i, j);
    for (let q = 0; q < k; q++) stops[i + q] = first + q;
    stops[j + k] = first + k;
    r.len = len + k + 1;
    // The stops from old position j on are the route's tail as before: their backward caches move with them.
    r.moveTail(len, len - j);
    r.refresh(p, i, len - j);
    this.orderRoute[o] = c;
  }

  /** Makes route `c` the sequence `stops[0..len)` of stops of whole orders, which now belong to `c`. */
  setRoute(c: number, stops: Int32Array, len: number): void {
    const r = this.routes[c];
    r.stops.set(stops.subarray(0, len));
    r.len = len;
    r.refresh(this.p);
    for (let k = 0; k < len; k++) this.orderRoute[this.p.stopOrder[stops[k]]] = c;
  }

  /** Removes every stop of order `o` from its route (no-op when unassigned). */
  removeOrder(o: number): void {
    const c = this.orderRoute[o];
    if (c < 0) return;
    const r = this.routes[c];
    let w = 0;
    let firstDropped = -1;
    let lastDropped = -1;
    const oldLen = r.len;
    for (let k = 0; k < oldLen; k++) {
      const s = r.stops[k];
      if (this.p.stopOrder[s] !== o) r.stops[w++] = s;
      else {
        if (firstDropped < 0) firstDropped = k;
        lastDropped = k;
      }
    }
    r.len = w;
    // The stops after the last one dropped keep their backward caches (moved with them).
    const tail = lastDropped < 0 ? 0 : oldLen - lastDropped - 1;
    r.moveTail(oldLen, tail);
    r.refresh(this.p, Math.max(0, firstDropped), tail);
    this.orderRoute[o] = -1;
  }

  /** Removes several orders, refreshing each touched route once. */
  removeOrders(orders: ArrayLike<number>, count: number, mark: Uint8Array): void {
    const p = this.p;
    for (let q = 0; q < count; q++) mark[orders[q]] = 1;
    for (let q = 0; q < count; q++) {
      const c = this.orderRoute[orders[q]];
      if (c < 0) continue;
      const r = this.routes[c];
      let w = 0;
      let firstDropped = -1;
      let lastDropped = -1;
      const oldLen = r.len;
      for (let k = 0; k < oldLen; k++) {
        const s = r.stops[k];
        if (!mark[p.stopOrder[s]]) r.stops[w++] = s;
        else {
          if (firstDropped < 0) firstDropped = k;
          lastDropped = k;
        }
      }
      if (w !== oldLen) {
        r.len = w;
        // The stops after the last one dropped keep their backward caches (moved with them).
        const tail = oldLen - lastDropped - 1;
        r.moveTail(oldLen, tail);
        r.refresh(p, firstDropped, tail);
      }
    }
    for (let q = 0; q < count; q++) {
      mark[orders[q]] = 0;
      this.orderRoute[orders[q]] = -1;
    }
  }
}
