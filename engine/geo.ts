// The engine's one geodesy module: great-circle distance, local metre scales and offsets, coordinate checks (WGS84 degrees).

/** Mean Earth radius, metres (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance between two WGS84 points, metres (haversine). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Great-circle distance between two [lon, lat] points, metres. */
export function haversineBetweenM(a: readonly [number, number], b: readonly [number, number]): number {
  return haversineM(a[0], a[1], b[0], b[1]);
}

/** The [lon, lat] point `rangeM` metres from `origin` towards `bearingRad` (0 = north, clockwise); fine below ~50 km. */
export function offsetPoint(origin: readonly [number, number], bearingRad: number, rangeM: number): [number, number] {
  const scale = metresPerDegree(origin[1]);
  return [origin[0] + (rangeM * Math.sin(bearingRad)) / scale.lon, origin[1] + (rangeM * Math.cos(bearingRad)) / scale.lat];
}

/** Metres per degree of latitude, and of longitude at latitude `latDeg` (local equirectangular scale). */
export function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const lat = EARTH_RADIUS_M * RAD;
  return { lon: lat * Math.cos(latDeg * RAD), lat };
}

/** True when lon ∈ [-180, 180] and lat ∈ [-90, 90], both finite numbers. */
export function isValidLonLat(lon: unknown, lat: unknown): boolean {
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat)
    && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/** Coordinates are merged when equal after rounding to this many units per degree (1e-7°, about 1 cm). */
export const COORDINATE_SCALE = 1e7;

/** One point's key at a micro-degree (about 0.1 m): the same point from two sources maps to one location. */
export function coordinateKey(lon: number, lat: number): string {
  return `${lon.toFixed(6)},${lat.toFixed(6)}`;
}
