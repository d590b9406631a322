// Great-circle distance for the dispatch core (courier radius, ETA estimates between plan refreshes).

const EARTH_RADIUS_M = 6_371_008.8;

/** Haversine distance in metres between two WGS84 points given as lon/lat degrees. */
export function haversineM(lonA: number, latA: number, lonB: number, latB: number): number {
  const toRad = Math.PI / 180;
  const dLat = (latB - latA) * toRad;
  const dLon = (lonB - lonA) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(latA * toRad) * Math.cos(latB * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
