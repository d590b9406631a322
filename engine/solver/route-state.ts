// One courier's route with its forward/backward caches, refreshed after every applied change (linear), read in O(1).
import type { CompiledProblem } from '../model/compiled-problem.js';
import { costModelOf } from './cost/cost-model.js';
import { newTotals, sharedBagScratch, simulateRoute, type TimelineSink } from './route-timeline.js';
import { endLegS } from './travel.js';
import { columnMatricesOf } from './column-matrices.js';

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
  readonly waited: Uint8Array;
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
  /**
   * Set by copyWithoutOrders: the version of the route it copied, whose stops and forward caches before
   * position `prefixLen` this route still holds (−1: none). Cleared by refresh() and copyFrom().
   */
  private prefixOf = -1;
  private prefixLen = 0;

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
    this.waited = new Uint8Array(capacity);
    this.bagFromPos = new Int32Array(capacity);
    this.runSlopeSum = new Float64Array(capacity);
    this.runEnd = new Int32Array(capacity);
    this.legM = new Float64Array(capacity);
    this.legRideS = new Float64Array(capacity);
  }

  /** Copies stops and caches from a route of the same courier. */
  copyFrom(other: RouteState, dims: number): void {
    if (other.version === this.version && other.courier === this.courier) return;
    this.prefixOf = -1;
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
    this.waited.set(other.waited.subarray(0, len));
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
   * caches of the stops before the first one dropped are copied from `other`, the simulation resumes there, and the
   * backward caches of the stops after the last one dropped are copied too (they depend on those stops alone).
   */
  copyWithoutOrders(p: CompiledProblem, other: RouteState, o1: number, o2: number): void {
    this.courier = other.courier;
    const from = other.stops;
    const to = this.stops;
    const stopOrder = p.stopOrder;
    const otherLen = other.len;
    let w = 0;
    let firstDropped = otherLen;
    let lastDropped = -1;
    for (let k = 0; k < otherLen; k++) {
      const s = from[k];
      const o = stopOrder[s];
      if (o !== o1 && o !== o2) to[w++] = s;
      else {
        if (firstDropped === otherLen) firstDropped = k;
        lastDropped = k;
      }
    }
    this.len = w;
    const kept = Math.min(firstDropped, w);
    // The kept prefix's forward caches (short: no views to allocate), but for the part a copy from the same
    // version of `other` left in place (successive tries dropping later and later orders of one route).
    const held = this.prefixOf === other.version ? Math.min(this.prefixLen, kept) : 0;
    copyRange(this.startS, other.startS, held, kept, 0);
    copyRange(this.depS, other.depS, held, kept, 0);
    copyRange(this.distToM, other.distToM, held, kept, 0);
    copyRange(this.lateSumS, other.lateSumS, held, kept, 0);
    copyRange(this.termSum, other.termSum, held, kept, 0);
    copyRange(this.stopTerm, other.stopTerm, held, kept, 0);
    copyRange(this.loadAfter, other.loadAfter, held * p.dims, kept * p.dims, 0);
    const locs = this.locs, otherLocs = other.locs, rulesOk = this.rulesOk, otherRulesOk = other.rulesOk;
    const bagFromPos = this.bagFromPos, otherBagFromPos = other.bagFromPos, waited = this.waited, otherWaited = other.waited;
    for (let k = held; k < kept; k++) {
      locs[k] = otherLocs[k];
      rulesOk[k] = otherRulesOk[k];
      bagFromPos[k] = otherBagFromPos[k];
      waited[k] = otherWaited[k];
    }
    // The legs between kept stops (refresh reads them back); the last one a copy left may have been redone since.
    const legsHeld = held > 0 ? held - 1 : 0;
    copyRange(this.legM, other.legM, legsHeld, kept, 0);
    copyRange(this.legRideS, other.legRideS, legsHeld, kept, 0);
    // The backward caches of the stops after the last one dropped.
    const tail = w < otherLen ? otherLen - lastDropped - 1 : 0;
    const shift = otherLen - w;
    copyRange(this.latestReadyS, other.latestReadyS, w - tail, w, shift);
    copyRange(this.sufA, other.sufA, w - tail, w, shift);
    copyRange(this.sufB, other.sufB, w - tail, w, shift);
    copyRange(this.legM, other.legM, w - tail, w, shift);
    copyRange(this.legRideS, other.legRideS, w - tail, w, shift);
    this.refresh(p, kept, tail);
    this.prefixOf = other.version;
    this.prefixLen = kept;
  }

  /**
   * Moves the backward caches of the last `tail` stops from positions ending at `oldLen` to positions ending at
   * `len` (call after the stops before them changed, before refresh(p, …, tail)).
   */
  moveTail(oldLen: number, tail: number): void {
    if (tail <= 0 || oldLen === this.len) return;
    const from = oldLen - tail;
    const to = this.len - tail;
    this.latestReadyS.copyWithin(to, from, oldLen);
    this.sufA.copyWithin(to, from, oldLen);
    this.sufB.copyWithin(to, from, oldLen);
    this.legM.copyWithin(to, from, oldLen);
    this.legRideS.copyWithin(to, from, oldLen);
  }

  /**
   * Recomputes the caches from `stops[0..len)`. With `unchangedBefore` > 0 the stops before that position, their
   * forward caches and the legs between them (legM, legRideS) are as the last refresh left them (same courier): the
   * forward simulation resumes there, to the same values as a full one (route-timeline.ts), and those legs are read
   * back. With `keptTail` > 0 the last `keptTail` stops are the last stops of a route of the same courier whose
   * backward caches are already in place at their positions (moveTail, copyWithoutOrders): a stop's backward caches
   * depend on it and the stops after it alone, so the backward pass resumes before them, to the same values as a
   * full one.
   */
  refresh(p: CompiledProblem, unchangedBefore = 0, keptTail = 0): void {
    this.version = ++versionCounter;
    this.prefixOf = -1;
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
    const n = p.locationCount;
    const inv = p.courierInvSpeed[c];
    let latestDep: number;
    let a: number;
    let b: number;
    let nextLoc: number;
    let nextLatestReady: number;
    let from: number;
    if (keptTail > 0 && keptTail <= len) {
      // Resume before the kept tail: its first stop's values carry on as a full pass would have left them.
      from = len - keptTail - 1;
      a = this.sufA[from + 1];
      b = this.sufB[from + 1];
      nextLoc = locs[from + 1];
      nextLatestReady = this.latestReadyS[from + 1];
      latestDep = 0;
    } else {
      from = len - 1;
      const lastStop = this.stops[len - 1];
      const lastLoc = locs[len - 1];
      const endLeg = endLegS(p, c, lastLoc);
      latestDep = p.courierLatestEndS[c] - endLeg;
      a = p.stopServiceS[lastStop] + endLeg;
      b = p.stopEarliestS[lastStop] + a;
      const endLoc = p.courierEndLocation[c];
      this.legM[len - 1] = endLoc < 0 ? 0 : p.distanceM[lastLoc * n + endLoc];
      this.legRideS[len - 1] = 0;
      nextLoc = lastLoc;
      nextLatestReady = 0;
    }
    // Legs between two stops before `unchangedBefore` are as the last refresh left them (riding time and distance
    // read back, not from the matrices); durations come from the by-origin matrix that is the distance matrix when
    // both hold the same values, and no extra time is read where every one is 0 (the sums stay the same to the bit).
    const legsKept = unchangedBefore - 1;
    const columns = columnMatricesOf(p);
    const durFrom = columns.durFromS;
    const extra = columns.extraToS === null ? null : p.legExtraS;
    const dist = p.distanceM;
    const legM = this.legM;
    const legRide = this.legRideS;
    for (let k = from; k >= 0; k--) {
      const s = this.stops[k];
      const loc = locs[k];
      if (k < len - 1) {
        const kk = loc * n + nextLoc;
        let ride: number;
        if (k < legsKept) ride = legRide[k];
        else {
          ride = durFrom[kk] * inv;
          legM[k] = dist[kk];
          legRide[k] = ride;
        }
        const leg = extra === null ? ride + 0 : ride + extra[kk];
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

  /** runSlopeSum and runEnd, backwards, from the waits the forward simulation recorded. */
  private fillSlopeRuns(p: CompiledProblem): void {
    const cost = costModelOf(p);
    let sum = 0;
    let end = this.len;
    for (let k = this.len - 1; k >= 0; k--) {
      if (this.waited[k] === 1) {
        sum = 0;
        end = k;
      } else sum += cost.stopTermSlope(this.stops[k], this.startS[k]);
      this.runSlopeSum[k] = sum;
      this.runEnd[k] = end;
    }
  }
}

/** to[k] = from[k + shift] for k in [start, end) (no views to allocate). */
function copyRange(to: Float64Array, from: Float64Array, start: number, end: number, shift: number): void {
  for (let k = start; k < end; k++) to[k] = from[k + shift];
}
