// One courier's route with its forward/backward caches, refreshed after every applied change (linear), read in O(1).
import type { CompiledProblem } from '../model/compiled-problem.js';
import { costModelOf } from './cost/cost-model.js';
import { newTotals, sharedBagScratch, simulateRoute, type TimelineSink } from './route-timeline.js';
import { endLegS, readyLegS } from './travel.js';

/** Totals of the last refresh (read right away, never held). */
const totals = newTotals();

/** Source of route version stamps: two routes with the same stamp hold the same stops and caches. */
let versionCounter = 0;

export class RouteState implements TimelineSink {
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
  /** position → lateness and stop terms summed up to the stop, and whether every per-stop rule holds so far. */
  readonly lateSumS: Float64Array;
  readonly termSum: Float64Array;
  readonly rulesOk: Uint8Array;
  /** position → the stop's own term, and where its order's time in bag starts (route-timeline.ts). */
  readonly stopTerm: Float64Array;
  readonly bagFromPos: Int32Array;
  /**
   * position → Σ term slopes (CostModel.stopTermSlope at their starts) of the stops from it up to the first that waits
   * for its window to open (excluded; 0 when the stop itself waits), and that stop's position (len: none). A delay of d
   * reaching this stop delays each of those stops by d at least, so the terms grow by at least d times the sum.
   */
  readonly runSlopeSum: Float64Array;
  readonly runEnd: Int32Array;
  /** position → distance of the leg to the next stop (the last: to the end location, 0 without one), m. */
  readonly legM: Float64Array;
  /** position → riding time of the leg to the next stop at the courier's speed, extra time not included (last: 0), s. */
  readonly legRideS: Float64Array;
  /** Orders on this route whose time in bag is bounded (exact checks needed when > 0). */
  inBagOrders = 0;
  distanceM = 0;
  endS = 0;
  lateS = 0;
  /** Σ stop terms: lateness cost and delivery terms (part of `cost`). */
  termCost = 0;
  /** Route cost (0 when empty), stop terms included. */
  cost = 0;
  /** Every rule holds (false e.g. when taking an order out made a later stop late: market legs are not metric). */
  feasible = true;
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
    this.lateSumS = new Float64Array(capacity);
    this.termSum = new Float64Array(capacity);
    this.rulesOk = new Uint8Array(capacity);
    this.stopTerm = new Float64Array(capacity);
    this.bagFromPos = new Int32Array(capacity);
    this.runSlopeSum = new Float64Array(capacity);
    this.runEnd = new Int32Array(capacity);
    this.legM = new Float64Array(capacity);
    this.legRideS = new Float64Array(capacity);
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
    this.lateSumS.set(other.lateSumS.subarray(0, len));
    this.termSum.set(other.termSum.subarray(0, len));
    this.rulesOk.set(other.rulesOk.subarray(0, len));
    this.stopTerm.set(other.stopTerm.subarray(0, len));
    this.bagFromPos.set(other.bagFromPos.subarray(0, len));
    this.runSlopeSum.set(other.runSlopeSum.subarray(0, len));
    this.runEnd.set(other.runEnd.subarray(0, len));
    this.legM.set(other.legM.subarray(0, len));
    this.legRideS.set(other.legRideS.subarray(0, len));
    this.inBagOrders = other.inBagOrders;
    this.distanceM = other.distanceM;
    this.endS = other.endS;
    this.lateS = other.lateS;
    this.termCost = other.termCost;
    this.cost = other.cost;
    this.feasible = other.feasible;
  }

  /** Makes this route `other` without the stops of order `o`, caches refreshed. */
  copyWithout(p: CompiledProblem, other: RouteState, o: number): void {
    this.copyWithoutOrders(p, other, o, -1);
  }

  /**
   * Makes this route `other` without the stops of orders `o1` and `o2` (−1: none), caches refreshed: the forward
   * caches of the stops before the first one dropped are copied from `other`, the simulation resumes there.
   */
  copyWithoutOrders(p: CompiledProblem, other: RouteState, o1: number, o2: number): void {
    this.courier = other.courier;
    let w = 0;
    let firstDropped = other.len;
    for (let k = 0; k < other.len; k++) {
      const s = other.stops[k];
      const o = p.stopOrder[s];
      if (o !== o1 && o !== o2) this.stops[w++] = s;
      else if (firstDropped === other.len) firstDropped = k;
    }
    this.len = w;
    const kept = Math.min(firstDropped, w);
    // One pass over the kept prefix (short: no views to allocate).
    for (let k = 0; k < kept; k++) {
      this.startS[k] = other.startS[k];
      this.depS[k] = other.depS[k];
      this.distToM[k] = other.distToM[k];
      this.locs[k] = other.locs[k];
      this.lateSumS[k] = other.lateSumS[k];
      this.termSum[k] = other.termSum[k];
      this.rulesOk[k] = other.rulesOk[k];
      this.stopTerm[k] = other.stopTerm[k];
      this.bagFromPos[k] = other.bagFromPos[k];
    }
    for (let q = 0; q < kept * p.dims; q++) this.loadAfter[q] = other.loadAfter[q];
    this.refresh(p, kept);
  }

  /**
   * Recomputes the caches from `stops[0..len)`. With `unchangedBefore` > 0 the stops before that position and their
   * forward caches are as the last refresh left them (same courier): the forward simulation resumes there, to the
   * same values as a full one (route-timeline.ts).
   */
  refresh(p: CompiledProblem, unchangedBefore = 0): void {
    this.version = ++versionCounter;
    const c = this.courier;
    const len = this.len;
    const t = simulateRoute(p, costModelOf(p), c, this.stops, len, this, sharedBagScratch(p), totals, unchangedBefore);
    this.inBagOrders = t.inBagOrders;
    this.lateS = t.lateS;
    this.termCost = t.termCost;
    this.distanceM = t.distanceM;
    this.endS = t.endS;
    this.cost = t.cost;
    this.feasible = t.feasible;
    if (len === 0) return;
    // Backward pass: latest ready times and the suffix end-time functions. Position k + 1's values and location
    // are carried in locals; each leg's index and riding time are computed once (ready leg = riding + extra time).
    const soft = p.softTimeWindows;
    const locs = this.locs;
    const lastStop = this.stops[len - 1];
    const lastLoc = locs[len - 1];
    const endLeg = endLegS(p, c, lastLoc);
    let latestDep = p.courierLatestEndS[c] - endLeg;
    let a = p.stopServiceS[lastStop] + endLeg;
    let b = p.stopEarliestS[lastStop] + a;
    const n = p.locationCount;
    const endLoc = p.courierEndLocation[c];
    const inv = p.courierInvSpeed[c];
    this.legM[len - 1] = endLoc < 0 ? 0 : p.distanceM[lastLoc * n + endLoc];
    this.legRideS[len - 1] = 0;
    let nextLoc = lastLoc;
    let nextLatestReady = 0;
    for (let k = len - 1; k >= 0; k--) {
      const s = this.stops[k];
      const loc = locs[k];
      if (k < len - 1) {
        const kk = loc * n + nextLoc;
        const ride = p.durationS[kk] * inv;
        const leg = ride + p.legExtraS[kk];
        this.legM[k] = p.distanceM[kk];
        this.legRideS[k] = ride;
        latestDep = nextLatestReady - leg;
        const na = p.stopServiceS[s] + leg + a;
        b = Math.max(p.stopEarliestS[s] + na, b);
        a = na;
      }
      const latestStart = latestDep - p.stopServiceS[s];
      const latestReady = soft || latestStart < p.stopLatestS[s] ? latestStart : p.stopLatestS[s];
      this.latestReadyS[k] = latestReady;
      this.sufA[k] = a;
      this.sufB[k] = b;
      nextLatestReady = latestReady;
      nextLoc = loc;
    }
    if (costModelOf(p).timeDependent) this.fillSlopeRuns(p);
  }

  /** runSlopeSum and runEnd, backwards; a stop waits when its start is later than its ready time (as simulated). */
  private fillSlopeRuns(p: CompiledProblem): void {
    const cost = costModelOf(p);
    const c = this.courier;
    let sum = 0;
    let end = this.len;
    for (let k = this.len - 1; k >= 0; k--) {
      const ready = k === 0 ? p.courierStartS[c] + readyLegS(p, c, p.courierStartLocation[c], this.locs[0]) : this.depS[k - 1] + readyLegS(p, c, this.locs[k - 1], this.locs[k]);
      if (this.startS[k] > ready) {
        sum = 0;
        end = k;
      } else sum += cost.stopTermSlope(this.stops[k], this.startS[k]);
      this.runSlopeSum[k] = sum;
      this.runEnd[k] = end;
    }
  }
}
