// One courier's route with its forward/backward caches, refreshed after every applied change (linear), read in O(1).
import type { CompiledProblem } from '../model/compiled-problem.js';
import * as travel from './travel.js';

// Local bindings: module namespace getters are slow in hot loops.
const { endLegM, endLegS, readyLegS, routeCost } = travel;

export const EPS = 1e-9;

/** Source of route version stamps: two routes with the same stamp hold the same stops and caches. */
let versionCounter = 0;

export class RouteState {
  len = 0;
  /** position → stop index. */
  readonly stops: Int32Array;
  /** position → service start, s. */
  readonly startS: Float64Array;
  /** position → departure (service start + service), s. */
  readonly depS: Float64Array;
  /** position → latest ready time (arrival + setup) keeping this stop and the rest within windows and shift, s. */
  readonly latestReadyS: Float64Array;
  /** position → suffix time function: route end = max(ready + sufA, sufB) for a ready time at this position, s. */
  readonly sufA: Float64Array;
  readonly sufB: Float64Array;
  /** position · D + d → load after the stop. */
  readonly loadAfter: Float64Array;
  /** position → distance travelled on arrival at the stop, m. */
  readonly distToM: Float64Array;
  /** position → location index of the stop (saves an indirection in hot loops). */
  readonly locs: Int32Array;
  /** Orders on this route whose time in bag is bounded (exact checks needed when > 0). */
  inBagOrders = 0;
  distanceM = 0;
  endS = 0;
  lateS = 0;
  /** Route cost (0 when empty), lateness cost included under soft windows. */
  cost = 0;
  /** Stamp of the current content, renewed by refresh() and copied by copyFrom(). */
  version = 0;

  constructor(public courier: number, capacity: number, dims: number) {
    this.stops = new Int32Array(capacity);
    this.startS = new Float64Array(capacity);
    this.depS = new Float64Array(capacity);
    this.latestReadyS = new Float64Array(capacity);
    this.sufA = new Float64Array(capacity);
    this.sufB = new Float64Array(capacity);
    this.loadAfter = new Float64Array(capacity * dims);
    this.distToM = new Float64Array(capacity);
    this.locs = new Int32Array(capacity);
  }

  /** Copies stops and caches from a route of the same courier. */
  copyFrom(other: RouteState, dims: number): void {
    if (other.version === this.version && other.courier === this.courier) return;
    this.version = other.version;
    const len = other.len;
    this.courier = other.courier;
    this.len = len;
    this.stops.set(other.stops.subarray(0, len));
    this.startS.set(other.startS.subarray(0, len));
    this.depS.set(other.depS.subarray(0, len));
    this.latestReadyS.set(other.latestReadyS.subarray(0, len));
    this.sufA.set(other.sufA.subarray(0, len));
    this.sufB.set(other.sufB.subarray(0, len));
    this.loadAfter.set(other.loadAfter.subarray(0, len * dims));
    this.distToM.set(other.distToM.subarray(0, len));
    this.locs.set(other.locs.subarray(0, len));
    this.inBagOrders = other.inBagOrders;
    this.distanceM = other.distanceM;
    this.endS = other.endS;
    this.lateS = other.lateS;
    this.cost = other.cost;
  }

  /** Makes this route `other` without the stops of order `o`, caches refreshed. */
  copyWithout(p: CompiledProblem, other: RouteState, o: number): void {
    this.courier = other.courier;
    let w = 0;
    for (let k = 0; k < other.len; k++) {
      const s = other.stops[k];
      if (p.stopOrder[s] !== o) this.stops[w++] = s;
    }
    this.len = w;
    this.refresh(p);
  }

  /** Recomputes every cache from `stops[0..len)`. */
  refresh(p: CompiledProblem): void {
    this.version = ++versionCounter;
    const c = this.courier;
    const D = p.dims;
    const n = p.locationCount;
    const len = this.len;
    let loc = p.courierStartLocation[c];
    let t = p.courierStartS[c];
    let dist = 0;
    let lateS = 0;
    let inBag = 0;
    for (let k = 0; k < len; k++) {
      const s = this.stops[k];
      const l = p.stopLocation[s];
      this.locs[k] = l;
      const ready = t + readyLegS(p, c, loc, l);
      dist += p.distanceM[loc * n + l];
      this.distToM[k] = dist;
      const start = ready > p.stopEarliestS[s] ? ready : p.stopEarliestS[s];
      if (start > p.stopLatestS[s]) lateS += start - p.stopLatestS[s];
      this.startS[k] = start;
      t = start + p.stopServiceS[s];
      this.depS[k] = t;
      for (let d = 0; d < D; d++) {
        this.loadAfter[k * D + d] = (k === 0 ? p.courierInitialLoad[c * D + d] : this.loadAfter[(k - 1) * D + d]) + p.stopLoad[s * D + d];
      }
      if (p.stopIsDelivery[s] && p.orderMaxInBagS[p.stopOrder[s]] < Infinity) inBag++;
      loc = l;
    }
    this.inBagOrders = inBag;
    this.lateS = lateS;
    if (len === 0) {
      this.distanceM = 0; this.endS = p.courierStartS[c]; this.cost = 0;
      return;
    }
    this.endS = t + endLegS(p, c, loc);
    this.distanceM = dist + endLegM(p, c, loc);
    this.cost = routeCost(p, c, this.endS - p.courierStartS[c], this.distanceM) + lateS * p.latenessCostPerS;
    // Backward pass: latest ready times and the suffix end-time functions.
    const soft = p.softTimeWindows;
    const lastStop = this.stops[len - 1];
    const lastLoc = p.stopLocation[lastStop];
    const endLeg = endLegS(p, c, lastLoc);
    let latestDep = p.courierLatestEndS[c] - endLeg;
    let a = p.stopServiceS[lastStop] + endLeg;
    let b = p.stopEarliestS[lastStop] + a;
    for (let k = len - 1; k >= 0; k--) {
      const s = this.stops[k];
      if (k < len - 1) {
        const next = this.stops[k + 1];
        const leg = readyLegS(p, c, p.stopLocation[s], p.stopLocation[next]);
        latestDep = this.latestReadyS[k + 1] - leg;
        const na = p.stopServiceS[s] + leg + this.sufA[k + 1];
        b = Math.max(p.stopEarliestS[s] + na, this.sufB[k + 1]);
        a = na;
      }
      const latestStart = latestDep - p.stopServiceS[s];
      this.latestReadyS[k] = soft || latestStart < p.stopLatestS[s] ? latestStart : p.stopLatestS[s];
      this.sufA[k] = a;
      this.sufB[k] = b;
    }
  }
}
