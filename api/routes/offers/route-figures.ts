// A route's distance, riding time and road line from its first stop to its last: asked of the router once through the
// stops, stored on the route row (distance_m, duration_s, geometry) and read from there afterwards.
import type { Queryable } from '../../db/database.js';
import { haversineM, type LonLat, type RoutingProvider } from '../../../engine/index.js';

export interface RouteFigures {
  /** Riding distance through the stops in order (metres). */
  readonly distance_m: number;
  /** Riding time plus the service time at every stop (seconds). */
  readonly duration_s: number;
  /** Flat `[lon, lat, lon, lat, …]`. */
  readonly line: number[];
  /** `road` from the router (stored); `straight` through the stops when the router could not answer (not stored). */
  readonly line_kind: 'road' | 'straight';
}

/** Straight-line speed used when the router cannot answer (m/s, a motorbike in town). */
const STRAIGHT_SPEED_MPS = 5.5;

/** Consecutive stops at one place (two orders from one stall) are one waypoint. */
function waypointsOf(stops: readonly { lon: number; lat: number }[]): LonLat[] {
  const points: LonLat[] = [];
  for (const s of stops) {
    const last = points[points.length - 1];
    if (!last || last[0] !== s.lon || last[1] !== s.lat) points.push([s.lon, s.lat]);
  }
  return points;
}

/** Routes whose figures are being computed right now: concurrent readers share one router call. */
const inFlight = new Map<string, Promise<RouteFigures | null>>();

/** The route's figures, computing and storing them on first use; null when the route does not exist. */
export function routeFigures(q: Queryable, routing: RoutingProvider, routeId: string): Promise<RouteFigures | null> {
  let pending = inFlight.get(routeId);
  if (!pending) {
    pending = computeOnce(q, routing, routeId).finally(() => inFlight.delete(routeId));
    inFlight.set(routeId, pending);
  }
  return pending;
}

async function computeOnce(q: Queryable, routing: RoutingProvider, routeId: string): Promise<RouteFigures | null> {
  const found = await q.query<{ distance_m: number; duration_s: number; line: string | null }>(
    'SELECT distance_m, duration_s, ST_AsGeoJSON(geometry::geometry) AS line FROM routes WHERE id = $1', [routeId]);
  const row = found.rows[0];
  if (!row) return null;
  if (row.line !== null && Number(row.distance_m) > 0) {
    const coordinates = (JSON.parse(row.line) as { coordinates: LonLat[] }).coordinates;
    return { distance_m: Number(row.distance_m), duration_s: Number(row.duration_s), line: coordinates.flat(), line_kind: 'road' };
  }
  const stops = (await q.query<{ lon: number; lat: number; service_s: number }>(
    `SELECT ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat, service_s FROM stops
      WHERE route_id = $1 AND kind IN ('pickup', 'delivery', 'return') ORDER BY position`, [routeId])).rows
    .map((s) => ({ lon: Number(s.lon), lat: Number(s.lat), service_s: Number(s.service_s) }));
  const serviceS = stops.reduce((sum, s) => sum + s.service_s, 0);
  const points = waypointsOf(stops);
  if (points.length < 2) return { distance_m: 0, duration_s: serviceS, line: points.flat(), line_kind: 'straight' };
  try {
    const route = await routing.route(points);
    const coordinates = route.geometry.coordinates;
    if (coordinates.length < 2) throw new Error('empty geometry');
    const figures: RouteFigures = { distance_m: Math.round(route.distanceM), duration_s: Math.round(route.durationS + serviceS), line: coordinates.flat(), line_kind: 'road' };
    const wkt = `LINESTRING(${coordinates.map(([lon, lat]) => `${lon} ${lat}`).join(',')})`;
    await q.query(`UPDATE routes SET distance_m = $2, duration_s = $3, geometry = ST_GeogFromText($4), updated_at = now() WHERE id = $1 AND (distance_m = 0 OR geometry IS NULL)`,
      [routeId, figures.distance_m, figures.duration_s, `SRID=4326;${wkt}`]);
    return figures;
  } catch {
    let distanceM = 0;
    for (let i = 1; i < points.length; i++) distanceM += haversineM(points[i - 1][0], points[i - 1][1], points[i][0], points[i][1]);
    return { distance_m: Math.round(distanceM), duration_s: Math.round(distanceM / STRAIGHT_SPEED_MPS + serviceS), line: points.flat(), line_kind: 'straight' };
  }
}
