// ETA refresh between plans: the leg from the live position to the next stop is estimated from straight-line
// distance, the gaps between later stops are kept from the plan.
import type { CourierPosition, RouteStop } from './dispatch-types.js';
import { haversineM } from '../geo.js';

export interface EtaModel {
  readonly etaSpeedMps: number;
  readonly etaDetourFactor: number;
}

/** Seconds to ride from one point to another, estimated (no road graph in the core). */
export function estimateRideS(lonA: number, latA: number, lonB: number, latB: number, model: EtaModel): number {
  return (haversineM(lonA, latA, lonB, latB) * model.etaDetourFactor) / model.etaSpeedMps;
}

/** New ETAs for `stops` given the courier is at `position` at `nowMs`; later stops keep their planned spacing. */
export function refreshEtas(stops: readonly RouteStop[], position: CourierPosition, nowMs: number, model: EtaModel): RouteStop[] {
  if (stops.length === 0) return [];
  const out: RouteStop[] = [];
  const first = stops[0];
  let etaMs = nowMs + Math.round(estimateRideS(position.lon, position.lat, first.lon, first.lat, model) * 1000);
  out.push({ ...first, etaMs });
  for (let i = 1; i < stops.length; i++) {
    etaMs += Math.max(0, stops[i].etaMs - stops[i - 1].etaMs);
    out.push({ ...stops[i], etaMs });
  }
  return out;
}

/** Largest ETA change between two versions of the same stop list (ms). */
export function maxEtaShiftMs(before: readonly RouteStop[], after: readonly RouteStop[]): number {
  let shift = 0;
  for (let i = 0; i < Math.min(before.length, after.length); i++) shift = Math.max(shift, Math.abs(after[i].etaMs - before[i].etaMs));
  return shift;
}
