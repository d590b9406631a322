// Travel between locations as the solver sees it: riding scaled by the courier's speed, plus the leg's extra time
// (walking inside a market, parking on entering one, setup on any other change of location).
import type { CompiledProblem } from '../model/compiled-problem.js';

/** Ready time gap from departing `from` to being ready to serve at `to` on courier `c`, s. */
export function readyLegS(p: CompiledProblem, c: number, from: number, to: number): number {
  const k = from * p.locationCount + to;
  return p.durationS[k] * p.courierInvSpeed[c] + p.legExtraS[k];
}

/** True when the leg from `from` to `to` is walked inside one market. */
export function isWalk(p: CompiledProblem, from: number, to: number): boolean {
  return from !== to && p.locationMarket[to] >= 0 && p.locationMarket[from] === p.locationMarket[to];
}

/** Arrival gap of a leg (riding, or walking inside a market; no setup), s. */
export function arrivalLegS(p: CompiledProblem, c: number, from: number, to: number): number {
  const k = from * p.locationCount + to;
  return p.durationS[k] * p.courierInvSpeed[c] + (isWalk(p, from, to) ? p.legExtraS[k] : 0);
}

/** Travel time from `from` to the courier's end location (no setup), 0 when the route ends at its last stop, s. */
export function endLegS(p: CompiledProblem, c: number, from: number): number {
  const end = p.courierEndLocation[c];
  return end < 0 ? 0 : arrivalLegS(p, c, from, end);
}

/** Distance from `from` to the courier's end location, 0 without an end, m. */
export function endLegM(p: CompiledProblem, c: number, from: number): number {
  const end = p.courierEndLocation[c];
  return end < 0 ? 0 : p.distanceM[from * p.locationCount + end];
}
