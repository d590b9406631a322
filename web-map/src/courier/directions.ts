// Turn-by-turn directions to the courier's current stop, spoken in the page's language, from the server's /osrm route.
import type { ApiClient } from '../api-client.js';
import type { CourierRoute, CourierStop } from './courier-model.js';

export interface Direction { instruction: string; distanceM: number }

/** The steps from the stop before `current` to `current` ([] for the first stop or when routing is unavailable). */
export async function loadDirections(api: ApiClient, route: CourierRoute, current: CourierStop | undefined, language: 'id' | 'en'): Promise<Direction[]> {
  const at = current ? route.stops.indexOf(current) : -1;
  if (at < 1) return [];
  const from = route.stops[at - 1];
  const path = `/osrm/route/v1/driving/${from.lon},${from.lat};${current!.lon},${current!.lat}?steps=true&overview=false&language=${language}`;
  try {
    const body = await api.get<{ routes?: { legs: { steps: { distance: number; maneuver: { instruction?: string } }[] }[] }[] }>(path);
    return (body.routes?.[0]?.legs ?? []).flatMap((leg) => leg.steps)
      .filter((s) => typeof s.maneuver.instruction === 'string')
      .map((s) => ({ instruction: s.maneuver.instruction!, distanceM: s.distance }));
  } catch {
    return []; // no road graph on the server, or offline: the stop cards still work
  }
}
