// Pre-checks of each order against each courier alone: which couriers may serve it, and why none can.
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { UnassignedReason } from '../model/problem-input.js';
import { exceedsLimit } from './cost/tolerance.js';
import { endLegS, readyLegS } from './travel.js';

/** Reasons ordered from least to most telling: the furthest check any courier reached names the failure. */
const STAGES: readonly UnassignedReason[] = ['no_courier', 'skills', 'capacity', 'time_window', 'max_in_bag', 'shift'];

export interface OrderFeasibility {
  /** order · C + c → 1 when courier c can serve the order on an otherwise empty route. */
  readonly compatible: Uint8Array;
  /** order → reason when no courier can serve it alone, null otherwise. */
  readonly reason: (UnassignedReason | null)[];
}

/** Runs the pre-checks for every order and courier. */
export function checkOrders(p: CompiledProblem): OrderFeasibility {
  const C = p.courierCount;
  const compatible = new Uint8Array(p.orderCount * C);
  const reason: (UnassignedReason | null)[] = [];
  for (let o = 0; o < p.orderCount; o++) {
    let bestStage = 0;
    for (let c = 0; c < C; c++) {
      const stage = stageReached(p, o, c);
      if (stage === STAGES.length) compatible[o * C + c] = 1;
      else if (stage > bestStage) bestStage = stage;
    }
    let any = false;
    for (let c = 0; c < C; c++) if (compatible[o * C + c]) any = true;
    reason.push(any ? null : STAGES[bestStage]);
  }
  return { compatible, reason };
}

/** Index in STAGES of the first failed check of order `o` alone on courier `c`, STAGES.length when it passes all. */
function stageReached(p: CompiledProblem, o: number, c: number): number {
  const pinned = p.orderPinnedCourier[o];
  if (pinned >= 0 && pinned !== c) return 0;
  if (!p.orderSkillsOk[o * p.courierCount + c]) return 1;
  const D = p.dims;
  for (let d = 0; d < D; d++) {
    if (exceedsLimit(p.orderLoad[o * D + d], p.courierCapacity[c * D + d])) return 2;
  }
  if (p.orderStopCount[o] > p.courierMaxStops[c]) return 2;
  const first = p.orderFirstStop[o];
  const count = p.orderStopCount[o];
  const next = p.courierNextStop[c];
  const startS = p.courierStartS[c];
  let loc = p.courierStartLocation[c];
  let t = startS;
  let bagStart = p.orderHasDonePickups[o] ? startS : -Infinity;
  let shiftOnly = true;
  // The frozen next stop, when it is this order's, goes first; the rest keep their index order.
  for (let q = -1; q < count; q++) {
    let s: number;
    if (q === -1) {
      if (next < 0 || p.stopOrder[next] !== o) continue;
      s = next;
    } else {
      s = first + q;
      if (s === next) continue;
    }
    const l = p.stopLocation[s];
    const ready = t + readyLegS(p, c, loc, l);
    const start = ready > p.stopEarliestS[s] ? ready : p.stopEarliestS[s];
    if (!p.softTimeWindows && exceedsLimit(start, p.stopLatestS[s])) {
      return 3;
    }
    if (p.stopIsDelivery[s]) {
      if (bagStart > -Infinity && exceedsLimit(start - bagStart, p.orderMaxInBagS[o])) return 4;
    } else if (bagStart === -Infinity) bagStart = start;
    t = start + p.stopServiceS[s];
    loc = l;
    shiftOnly = false;
  }
  if (!shiftOnly && exceedsLimit(t + endLegS(p, c, loc), p.courierLatestEndS[c])) return 5;
  return STAGES.length;
}

