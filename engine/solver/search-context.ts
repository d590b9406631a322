// Shared per-run context of the search: problem, pre-check results, PRNG and reusable scratch buffers.
import type { CompiledProblem } from '../model/compiled-problem.js';
import { checkOrders, type OrderFeasibility } from './feasibility.js';
import { bestInsertion, InsertionScratch, newInsertion, type InsertionResult } from './insertion.js';
import { OPERATORS, orOptOperator, type OrderOperator } from './operators/index.js';
import { Prng } from '../random/prng.js';
import { orderNeighbours } from './order-neighbours.js';
import { RouteCuts } from './route-cuts.js';
import { RouteState } from './route-state.js';
import { SpliceScratch } from './splice.js';
import { SolutionState } from './solution-state.js';
import { bestMergedInsertion, mergeableOrders } from './stall-merge.js';

/** How many of an order's nearest orders name the routes priced first when inserting it. */
const NEAR_ROUTES_FIRST = 6;

export class SearchContext {
  readonly feasibility: OrderFeasibility;
  readonly scratch: InsertionScratch;
  readonly rng: Prng;
  /** order → 1 while marked (scratch for bulk removals; always cleared after use). */
  readonly mark: Uint8Array;
  /** Orders that may be moved by the search (not locked, not hopeless). */
  readonly movable: Int32Array;
  /** Scratch insertion result for operators (never held across calls). */
  readonly probe: InsertionResult = newInsertion();
  /** Scratch routes for operators pricing a route without one of its orders. */
  readonly scratchRouteA: RouteState;
  readonly scratchRouteB: RouteState;
  /** Scratch order list (route elimination). */
  readonly ruinList: Int32Array;
  /** order · (O − 1) + k → k-th nearest order. */
  readonly neighbours: Int32Array;
  /** Scratch of the splice evaluator (segment and tail moves). */
  readonly splice: SpliceScratch;
  /** Where each route may be cut between orders (2-opt*). */
  readonly cuts: RouteCuts;
  /** Scratch stop sequences for operators (never held across calls). */
  readonly windowBuffer: Int32Array;
  readonly sequenceBuffer: Int32Array;
  /** order → 1 when insertion also tries joining its pickups to stall visits of other orders (stall-merge.ts). */
  readonly mergeable: Uint8Array;
  /** The local search operators of this run. */
  readonly operators: readonly OrderOperator[];
  private trial: SolutionState | null = null;

  /** `splitPickupGroups` false keeps each order's pickups one contiguous group (no or-opt). */
  constructor(readonly p: CompiledProblem, seed: number, splitPickupGroups = true) {
    this.operators = splitPickupGroups ? OPERATORS : OPERATORS.filter((op) => op !== orOptOperator);
    this.feasibility = checkOrders(p);
    this.mergeable = splitPickupGroups ? mergeableOrders(p) : new Uint8Array(p.orderCount);
    this.scratch = new InsertionScratch(p);
    this.rng = new Prng(seed);
    this.mark = new Uint8Array(p.orderCount);
    const movable: number[] = [];
    for (let o = 0; o < p.orderCount; o++) if (!p.orderLocked[o] && this.feasibility.reason[o] === null) movable.push(o);
    this.movable = Int32Array.from(movable);
    this.scratchRouteA = new RouteState(0, p.stopCount + 1, p.dims);
    this.scratchRouteB = new RouteState(0, p.stopCount + 1, p.dims);
    this.ruinList = new Int32Array(p.orderCount);
    this.neighbours = orderNeighbours(p);
    this.splice = new SpliceScratch(p);
    this.cuts = new RouteCuts(p);
    this.windowBuffer = new Int32Array(p.stopCount + 1);
    this.sequenceBuffer = new Int32Array(p.stopCount + 1);
    this.routeTried = new Uint32Array(p.courierCount);
  }

  /** A scratch search state, created on first use. */
  scratchSolution(): SolutionState {
    if (this.trial === null) this.trial = new SolutionState(this.p);
    return this.trial;
  }

  /**
   * Objective change of inserting order `o`, taken off courier `from` (−1: unassigned; its removal priced by the
   * caller), into courier `c` at its best position (Infinity: none): route cost change plus stability change.
   * `merge` also tries joining o's pickups to the route's stall visits (stall-merge.ts).
   */
  insertionDelta(s: SolutionState, o: number, c: number, out: InsertionResult, blinkRate: number, bound = Infinity, from = -1, merge = true): void {
    out.delta = Infinity; out.i = -1; out.j = -1; out.merge = false;
    if (!this.feasibility.compatible[o * this.p.courierCount + c]) return;
    const stability = s.cost.stabilityChange(o, from, c);
    // Only insertions cheaper than `bound` are of interest: start the route search from it.
    out.delta = bound - stability;
    bestInsertion(this.p, s.routes[c], o, out, this.scratch, this.rng, blinkRate);
    if (merge && this.mergeable[o]) bestMergedInsertion(this.p, s.routes[c], o, out, this.scratch);
    if (out.i < 0) out.delta = Infinity;
    else out.delta += stability;
  }

  /**
   * Best insertion of `o` over every courier; returns the courier (−1 when none) and fills `out`. The routes of o's
   * nearest orders go first: a cheap insertion found early bounds (and so cuts short) the search of the others.
   */
  bestOverRoutes(s: SolutionState, o: number, out: InsertionResult, blinkRate: number, allowEmpty = true): number {
    out.delta = Infinity;
    const stamp = ++this.routeStamp;
    const tried = this.routeTried;
    const O = this.p.orderCount;
    const near = Math.min(NEAR_ROUTES_FIRST, O - 1);
    let bestC = -1;
    for (let k = 0; k < near; k++) {
      const c = s.orderRoute[this.neighbours[o * (O - 1) + k]];
      if (c < 0 || tried[c] === stamp) continue;
      tried[c] = stamp;
      if (this.tryRoute(s, o, c, out, blinkRate)) bestC = c;
    }
    let triedEmpty = false;
    for (let c = 0; c < this.p.courierCount; c++) {
      if (tried[c] === stamp) continue;
      const r = s.routes[c];
      if (r.len === 0 && !allowEmpty) continue;
      // In a homogeneous fleet every empty courier prices the same: trying the first one is enough.
      if (r.len === 0 && triedEmpty && this.homogeneous) continue;
      if (r.len === 0) triedEmpty = true;
      if (this.tryRoute(s, o, c, out, blinkRate)) bestC = c;
    }
    return bestC;
  }

  /** Prices `o` on courier `c` below `out.delta`; true (and `out` updated) when cheaper. */
  private tryRoute(s: SolutionState, o: number, c: number, out: InsertionResult, blinkRate: number): boolean {
    const probe = this.probe;
    // The recreate's hot path keeps whole groups; merged visits come from construction and the local search.
    this.insertionDelta(s, o, c, probe, blinkRate, out.delta, -1, false);
    if (!(probe.delta < out.delta)) return false;
    out.delta = probe.delta; out.i = probe.i; out.j = probe.j; out.merge = probe.merge;
    return true;
  }
  private routeStamp = 0;
  private readonly routeTried: Uint32Array;

  /** True when every courier has the same start, end, shift, capacity, skills, speed and costs. */
  get homogeneous(): boolean {
    if (this.homogeneousCache === undefined) this.homogeneousCache = computeHomogeneous(this.p);
    return this.homogeneousCache;
  }
  private homogeneousCache: boolean | undefined;
}

function computeHomogeneous(p: CompiledProblem): boolean {
  const C = p.courierCount;
  const D = p.dims;
  for (let c = 1; c < C; c++) {
    if (p.courierStartLocation[c] !== p.courierStartLocation[0] || p.courierEndLocation[c] !== p.courierEndLocation[0]) return false;
    if (p.courierStartS[c] !== p.courierStartS[0] || p.courierLatestEndS[c] !== p.courierLatestEndS[0]) return false;
    if (p.courierInvSpeed[c] !== p.courierInvSpeed[0] || p.courierMaxStops[c] !== p.courierMaxStops[0]) return false;
    if (p.courierFixedCost[c] !== p.courierFixedCost[0] || p.courierCostPerHour[c] !== p.courierCostPerHour[0] || p.courierCostPerKm[c] !== p.courierCostPerKm[0]) return false;
    if (p.courierNextStop[c] >= 0 || p.courierNextStop[0] >= 0) return false;
    for (let d = 0; d < D; d++) {
      if (p.courierCapacity[c * D + d] !== p.courierCapacity[d] || p.courierInitialLoad[c * D + d] !== p.courierInitialLoad[d]) return false;
    }
    for (let o = 0; o < p.orderCount; o++) {
      if (p.orderSkillsOk[o * C + c] !== p.orderSkillsOk[o * C]) return false;
      if (p.orderPinnedCourier[o] >= 0 || p.orderPreviousCourier[o] >= 0) return false;
    }
  }
  return true;
}
