// Road view: the sketch's chains inside a bbox at a zoom level, thinned by rank and simplified (Douglas–Peucker) to about one pixel.
import type { RoadSketch } from './road-sketch.js';

export interface Bbox { readonly minLon: number; readonly minLat: number; readonly maxLon: number; readonly maxLat: number }

/** Compact polylines: `lines[i]` is a flat [lon, lat, lon, lat, …] array (degrees, 5 decimals), `ranks[i]` its rank. */
export interface RoadView {
  readonly zoom: number;
  readonly maxRank: number;
  readonly lines: number[][];
  readonly ranks: number[];
}

export const MIN_ZOOM = 8;
export const MAX_ZOOM = 19;

/** Highest rank drawn at a zoom: major roads only when zoomed out, every road when zoomed in. */
export function maxRankAt(zoom: number): number {
  return zoom <= 12 ? 0 : zoom <= 14 ? 1 : 2;
}

/** Simplification tolerance in degrees: 0.8 of a screen pixel at this web-mercator zoom. */
export function toleranceDegAt(zoom: number): number {
  return (0.8 * 360) / (256 * 2 ** zoom);
}

/**
 * Marks the vertices [from, to) of `lonLat` that Douglas–Peucker keeps at `toleranceDeg` (lon scaled by cos(lat)).
 * `keep` is scratch indexed by vertex number; the function writes 1 for kept vertices in the range.
 */
export function douglasPeucker(lonLat: Float64Array, from: number, to: number, toleranceDeg: number, keep: Uint8Array): void {
  const last = to - 1;
  for (let k = from; k <= last; k++) keep[k] = 0;
  keep[from] = 1;
  keep[last] = 1;
  if (last - from < 2) return;
  const cosLat = Math.cos((lonLat[2 * from + 1] * Math.PI) / 180);
  const tol2 = toleranceDeg * toleranceDeg;
  const stack: number[] = [from, last];
  while (stack.length > 0) {
    const j = stack.pop()!;
    const i = stack.pop()!;
    const ax = lonLat[2 * i] * cosLat, ay = lonLat[2 * i + 1];
    const dx = lonLat[2 * j] * cosLat - ax, dy = lonLat[2 * j + 1] - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD2 = tol2;
    for (let k = i + 1; k < j; k++) {
      const px = lonLat[2 * k] * cosLat - ax, py = lonLat[2 * k + 1] - ay;
      const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const ex = px - t * dx, ey = py - t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 > worstD2) { worstD2 = d2; worst = k; }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push(i, worst, worst, j);
  }
}

const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/** Chains touching `bbox` with rank ≤ maxRankAt(zoom), simplified for that zoom. */
export function roadsInView(sketch: RoadSketch, bbox: Bbox, zoom: number): RoadView {
  const z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, Math.round(zoom)));
  const maxRank = maxRankAt(z);
  const lines: number[][] = [];
  const ranks: number[] = [];
  if (!sketch.index) return { zoom: z, maxRank, lines, ranks };
  const tolerance = toleranceDegAt(z);
  const keep = new Uint8Array(sketch.lonLat.length / 2); // per vertex: 1 when kept by the simplifier
  for (const c of sketch.index.search(bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat)) {
    if (sketch.rank[c] > maxRank) continue;
    const from = sketch.firstVertex[c];
    const to = sketch.firstVertex[c + 1];
    douglasPeucker(sketch.lonLat, from, to, tolerance, keep);
    const line: number[] = [];
    for (let k = from; k < to; k++) if (keep[k]) line.push(round5(sketch.lonLat[2 * k]), round5(sketch.lonLat[2 * k + 1]));
    lines.push(line);
    ranks.push(sketch.rank[c]);
  }
  return { zoom: z, maxRank, lines, ranks };
}
