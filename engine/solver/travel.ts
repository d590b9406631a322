// Travel between locations as the solver sees it: speed factor applied and the setup time folded into the leg.
import type { CompiledProblem } from '../model/compiled-problem.js';

/** Ready time gap from departing `from` to being ready to serve at `to` on courier `c`: travel / speed + setup on a location change, s. */
export function readyLegS(p: CompiledProblem, c: number, from: number, to: number): number {
  return p.durationS[from * p.locationCount + to] * p.courierInvSpeed[c] + (from !== to ? p.setupS : 0);
}

/** Travel time from `from` to the courier's end location (no setup), 0 when the route ends at its last stop, s. */
export function endLegS(p: CompiledProblem, c: number, from: number): number {
  const end = p.courierEndLocation[c];
  return end < 0 ? 0 : p.durationS[from * p.locationCount + end] * p.courierInvSpeed[c];
}

/** Distance from `from` to the courier's end location, 0 without an end, m. */
export function endLegM(p: CompiledProblem, c: number, from: number): number {
  const end = p.courierEndLocation[c];
  return end < 0 ? 0 : p.distanceM[from * p.locationCount + end];
}
