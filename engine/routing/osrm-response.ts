// Builds OSRM v5 response bodies (route, table, nearest) from RoutingProvider results: seconds, metres, [lon, lat].
import { encodePolyline } from './osrm-polyline.js';
import { legSteps, splitLegGeometry } from './osrm-steps.js';
import type { OsrmGeoJsonLineString, OsrmNearestResponse, OsrmRoute, OsrmRouteResponse, OsrmTableResponse, OsrmWaypoint } from './osrm-wire.js';
import type { LonLat, Route, SnappedPoint, TravelTable } from './routing-provider.js';

/** OSRM prints coordinates with six decimals. */
const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

export function osrmWaypoint(point: SnappedPoint): OsrmWaypoint {
  return { distance: point.snapDistanceM, name: point.name, location: [round6(point.location[0]), round6(point.location[1])] };
}

export type OsrmGeometries = 'polyline' | 'polyline6' | 'geojson';
export type OsrmOverview = 'simplified' | 'full' | 'false';

/** A coordinate list in the requested OSRM geometry format. */
function encodeGeometry(coordinates: readonly LonLat[], geometries: OsrmGeometries): OsrmGeoJsonLineString | string {
  return geometries === 'geojson'
    ? { type: 'LineString', coordinates: coordinates.map(([lon, lat]) => [round6(lon), round6(lat)]) }
    : encodePolyline(coordinates.map(([lon, lat]) => [lat, lon]), geometries === 'polyline6' ? 6 : 5);
}

/**
 * The route service body. `overview=simplified` returns the full geometry (jejaring does not simplify);
 * `steps` adds a depart and an arrive step per leg carrying the leg's geometry (no turn-by-turn guidance).
 */
export function osrmRouteResponse(route: Route, geometries: OsrmGeometries, overview: OsrmOverview, steps = false): OsrmRouteResponse {
  const pieces = steps ? splitLegGeometry(route) : [];
  const body: OsrmRoute = {
    duration: route.durationS,
    distance: route.distanceM,
    weight: route.durationS,
    weight_name: 'duration',
    legs: route.legs.map((leg, i) => ({
      duration: leg.durationS, distance: leg.distanceM, weight: leg.durationS, summary: '',
      steps: steps ? legSteps(pieces[i], leg, route.waypoints[i + 1]?.name ?? '', (c) => encodeGeometry(c, geometries)) : [],
    })),
  };
  if (overview !== 'false') body.geometry = encodeGeometry(route.geometry.coordinates, geometries);
  return { code: 'Ok', routes: [body], waypoints: route.waypoints.map(osrmWaypoint) };
}

/** Row-major Float64Array → rows of numbers, `null` where unreachable. */
function rowsOf(values: Float64Array, rows: number, cols: number): (number | null)[][] {
  const out: (number | null)[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row: (number | null)[] = new Array(cols);
    for (let j = 0; j < cols; j++) {
      const v = values[i * cols + j];
      row[j] = Number.isFinite(v) ? v : null;
    }
    out[i] = row;
  }
  return out;
}

/** The table service body with the requested annotations. */
export function osrmTableResponse(table: TravelTable, annotations: { duration: boolean; distance: boolean }): OsrmTableResponse {
  const body: OsrmTableResponse = { code: 'Ok', sources: table.sources.map(osrmWaypoint), destinations: table.destinations.map(osrmWaypoint) };
  if (annotations.duration) body.durations = rowsOf(table.durationS, table.sourceCount, table.destinationCount);
  if (annotations.distance) body.distances = rowsOf(table.distanceM, table.sourceCount, table.destinationCount);
  return body;
}

export function osrmNearestResponse(points: readonly SnappedPoint[]): OsrmNearestResponse {
  return { code: 'Ok', waypoints: points.map(osrmWaypoint) };
}
