// overview=simplified: Douglas–Peucker with a tolerance of about one screen pixel at the zoom that fits the route.
import { metresPerDegree } from '../../geo.js';
import type { LonLat } from '../routing-provider.js';

/** Metres per pixel at zoom 0 on the equator (256-pixel Web Mercator tiles). */
const METRES_PER_PIXEL_Z0 = 156_543.034;
/** The route is fitted into a viewport this many pixels across. */
const VIEWPORT_PX = 512;
const MAX_ZOOM = 18;

/** The zoom (0..18) at which the bounding box of `coordinates` fits the viewport, and its metres per pixel. */
export function fittedZoom(coordinates: readonly LonLat[]): { zoom: number; metresPerPixel: number } {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const [lon, lat] of coordinates) {
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  const midLat = (minLat + maxLat) / 2;
  const m = metresPerDegree(midLat);
  const spanM = Math.max((maxLon - minLon) * m.lon, (maxLat - minLat) * m.lat, 1);
  const groundAtZ0 = METRES_PER_PIXEL_Z0 * Math.cos((midLat * Math.PI) / 180);
  const zoom = Math.max(0, Math.min(MAX_ZOOM, Math.floor(Math.log2((groundAtZ0 * VIEWPORT_PX) / spanM))));
  return { zoom, metresPerPixel: groundAtZ0 / 2 ** zoom };
}

/** Douglas–Peucker in the local metric: keeps the ends and every point farther than `toleranceM` from the kept line. */
export function simplifyLine(coordinates: readonly LonLat[], toleranceM: number): LonLat[] {
  const n = coordinates.length;
  if (n <= 2) return coordinates.slice();
  const m = metresPerDegree(coordinates[0][1]);
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = coordinates[i][0] * m.lon;
    y[i] = coordinates[i][1] * m.lat;
  }
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack: number[] = [0, n - 1];
  const tol2 = toleranceM * toleranceM;
  while (stack.length > 0) {
    const b = stack.pop()!, a = stack.pop()!;
    const dx = x[b] - x[a], dy = y[b] - y[a];
    const len2 = dx * dx + dy * dy;
    let worst = -1, worstD2 = tol2;
    for (let i = a + 1; i < b; i++) {
      let t = len2 === 0 ? 0 : ((x[i] - x[a]) * dx + (y[i] - y[a]) * dy) / len2;
      t = Math.max(0, Math.min(1, t));
      const ex = x[a] + t * dx - x[i], ey = y[a] + t * dy - y[i];
      const d2 = ex * ex + ey * ey;
      if (d2 > worstD2) { worstD2 = d2; worst = i; }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(a, worst, worst, b);
    }
  }
  const out: LonLat[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(coordinates[i]);
  return out;
}

/** The simplified overview of a route line. */
export function simplifiedOverview(coordinates: readonly LonLat[]): LonLat[] {
  return simplifyLine(coordinates, fittedZoom(coordinates).metresPerPixel);
}
