// Whether the explicit points of a replayed day lie on the road network: the distance to the nearest road against the
// router's snapping limit (the check the API makes when points are created), so a bad row is refused before the day runs.
import { InputError, RoutingError } from '../errors.js';
import { EmbeddedRouter } from '../routing/embedded-router.js';
import type { RoutingProvider } from '../routing/routing-provider.js';

export interface PointToCheck {
  readonly lon: number;
  readonly lat: number;
  /** Where the point came from: `orders[3].customer`, `day.csv row 14, column lat/lon`. */
  readonly field: string;
}

/** Throws InputError `off_road_network` naming the first point farther from every road than the router snaps. */
export async function assertOnRoads(routing: RoutingProvider, points: readonly PointToCheck[]): Promise<void> {
  const far: { point: PointToCheck; detail: string }[] = [];
  for (const point of points) {
    const detail = await farFromRoads(routing, point);
    if (detail !== null) far.push({ point, detail });
  }
  if (far.length === 0) return;
  const more = far.length > 1 ? ` (and ${far.length - 1} more point${far.length > 2 ? 's' : ''}: ${far.slice(1, 4).map((f) => f.point.field).join('; ')}${far.length > 4 ? '; …' : ''})` : '';
  throw new InputError('off_road_network', `${far[0].point.field}: ${far[0].detail}${more}`, far[0].point.field);
}

/** Why a point cannot be routed, or null when it can. */
async function farFromRoads(routing: RoutingProvider, point: PointToCheck): Promise<string | null> {
  const at: [number, number] = [point.lon, point.lat];
  if (routing instanceof EmbeddedRouter) {
    const limitM = routing.snapper.maxSnapM;
    const [nearest] = routing.snapper.nearest(at, 1, point.field, { maxSnapM: Number.POSITIVE_INFINITY });
    const distanceM = Math.round(nearest.snapDistanceM);
    return distanceM <= limitM ? null : `[${point.lon}, ${point.lat}] is ${distanceM} m from the nearest road; a point must lie within ${limitM} m of a road`;
  }
  try {
    const [nearest] = await routing.nearest(at, 1);
    return nearest ? null : `[${point.lon}, ${point.lat}] has no road near it`;
  } catch (error) {
    if (error instanceof RoutingError && error.code === 'no_segment') return `[${point.lon}, ${point.lat}]: ${error.message}`;
    throw error;
  }
}
