// Number and geometry formats of OSRM answers: 0.1 s / 0.1 m, six-decimal coordinates, polyline or GeoJSON.
import { encodePolyline } from '../osrm-polyline.js';
import type { LonLat } from '../routing-provider.js';
import type { OsrmGeometryFormat } from './osrm-request.js';

/** One decimal, as OSRM prints durations, distances and weights. */
export const round1 = (value: number): number => Math.round(value * 10) / 10;
/** Six decimals, as OSRM prints coordinates. */
export const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

export function location6(point: LonLat): [number, number] {
  return [round6(point[0]), round6(point[1])];
}

/** A coordinate list in the requested OSRM geometry format. */
export function encodeGeometry(coordinates: readonly LonLat[], format: OsrmGeometryFormat): { type: 'LineString'; coordinates: [number, number][] } | string {
  return format === 'geojson'
    ? { type: 'LineString', coordinates: coordinates.map(location6) }
    : encodePolyline(coordinates.map(([lon, lat]) => [lat, lon]), format === 'polyline6' ? 6 : 5);
}
