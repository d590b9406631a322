// Small-distance geodesy for generated instances: haversine distance and points at a bearing and range.
import type { LonLat } from '../routing/routing-provider.js';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance between two points, metres. */
export function haversineM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `rangeM` metres from `origin` towards `bearingRad` (0 = north, clockwise); fine below ~50 km. */
export function offsetPoint(origin: LonLat, bearingRad: number, rangeM: number): LonLat {
  const dNorthM = rangeM * Math.cos(bearingRad);
  const dEastM = rangeM * Math.sin(bearingRad);
  const lat = origin[1] + dNorthM / (EARTH_RADIUS_M * RAD);
  const lon = origin[0] + dEastM / (EARTH_RADIUS_M * RAD * Math.cos(origin[1] * RAD));
  return [lon, lat];
}
