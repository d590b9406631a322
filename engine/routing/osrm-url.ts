// OSRM v5 URL pieces: the `{lon},{lat};…` coordinate list (and `polyline(…)`), index lists, and their parsing.
import { decodePolyline } from './osrm-polyline.js';

/** Six decimals (about 0.1 m), as OSRM clients customarily send. */
export function formatCoordinates(points: readonly (readonly [number, number])[]): string {
  return points.map(([lon, lat]) => `${roundTo6(lon)},${roundTo6(lat)}`).join(';');
}

function roundTo6(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/** Parses `lon,lat;lon,lat…` or `polyline(…)` / `polyline6(…)`; null when malformed (the caller answers InvalidUrl). */
export function parseCoordinates(text: string): [number, number][] | null {
  const poly = /^polyline(6?)\((.+)\)$/.exec(text);
  if (poly) {
    const decoded = decodePolyline(poly[2], poly[1] === '6' ? 6 : 5);
    return decoded && decoded.length > 0 ? decoded.map(([lat, lon]) => [lon, lat]) : null;
  }
  const number = /^[-+]?(\d+\.?\d*|\.\d+)$/;
  const points: [number, number][] = [];
  for (const pair of text.split(';')) {
    const parts = pair.split(',');
    if (parts.length !== 2 || !number.test(parts[0]) || !number.test(parts[1])) return null;
    points.push([Number(parts[0]), Number(parts[1])]);
  }
  return points;
}
