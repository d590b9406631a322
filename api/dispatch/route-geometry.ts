// Road geometry of planned routes: one RoutingProvider.route() per route of each applied plan, computed off the
// dispatch chain and kept per market; straight lines through the stops (flagged) when routing fails or is slow.
import type { LonLat, RoutingProvider } from '../../engine/index.js';

/** A route's drawing: flat `[lon, lat, lon, lat, …]` in degrees; `road` from the router, `straight` the fallback. */
export interface RouteLine {
  readonly line: number[];
  readonly lineKind: 'road' | 'straight';
}

interface StopLike { readonly stopId: string; readonly lon: number; readonly lat: number }

/** Identity of a route's stop sequence (the cache key). */
export const stopsKey = (stops: readonly StopLike[]): string => stops.map((s) => s.stopId).join('|');

/** The straight polyline through the stops. */
export function straightLine(stops: readonly StopLike[]): RouteLine {
  const line: number[] = [];
  for (const s of stops) line.push(s.lon, s.lat);
  return { line, lineKind: 'straight' };
}

/** Road geometry through the stops in order, or the straight line when the router fails or exceeds `timeoutMs`. */
export async function lineThrough(routing: RoutingProvider, stops: readonly StopLike[], timeoutMs: number): Promise<RouteLine> {
  // Consecutive stops at one place (two orders from one stall) are one waypoint for the router.
  const waypoints: LonLat[] = [];
  for (const s of stops) {
    const last = waypoints[waypoints.length - 1];
    if (!last || last[0] !== s.lon || last[1] !== s.lat) waypoints.push([s.lon, s.lat]);
  }
  if (waypoints.length < 2) return straightLine(stops);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('route geometry timed out')), timeoutMs); });
    const route = await Promise.race([routing.route(waypoints), timeout]);
    const coordinates = route.geometry.coordinates;
    if (coordinates.length < 2) return straightLine(stops);
    const line: number[] = [];
    for (const [lon, lat] of coordinates) line.push(lon, lat);
    return { line, lineKind: 'road' };
  } catch {
    return straightLine(stops);
  } finally {
    clearTimeout(timer);
  }
}

/** Lines of recently planned routes, keyed by their stop sequence; the oldest are dropped beyond `capacity`. */
export class RouteLineCache {
  private readonly lines = new Map<string, RouteLine>();
  constructor(private readonly capacity = 512) {}

  get(stops: readonly StopLike[]): RouteLine | undefined {
    return this.lines.get(stopsKey(stops));
  }

  set(stops: readonly StopLike[], line: RouteLine): void {
    const key = stopsKey(stops);
    this.lines.delete(key);
    this.lines.set(key, line);
    while (this.lines.size > this.capacity) this.lines.delete(this.lines.keys().next().value as string);
  }

  /** The cached line, else the straight line (not cached: a later plan may bring the road line). */
  lineOrStraight(stops: readonly StopLike[]): RouteLine {
    return this.get(stops) ?? straightLine(stops);
  }
}
