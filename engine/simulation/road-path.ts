// Where a riding courier is on its road: the geometry of each ridden pair of points (one route per pair, kept) and the
// point of it at the share ridden, so a GPS fix mid-ride and a ride cut short leave the courier on its road.
import { coordinateKey, haversineM } from '../geo.js';
import type { LonLat, RoutingProvider } from '../routing/routing-provider.js';

/** A point along a ridden path and the share of the path's metres behind it (0–1). */
export interface PathPoint {
  readonly point: LonLat;
  readonly sharePassed: number;
}

/** A route's vertices with the metres ridden up to each. */
interface Path {
  readonly coordinates: readonly LonLat[];
  /** [vertex] metres from the first vertex (great circle between vertices). */
  readonly passedM: Float64Array;
}

export class RoadPaths {
  /** Pair key → its path; null when the router has no route (the courier is then placed at the nearer end). */
  private readonly paths = new Map<string, Path | null>();

  constructor(private readonly routing: RoutingProvider) {}

  /** The point of the road path from `from` to `to` at `share` (0–1) of its length. */
  async at(from: LonLat, to: LonLat, share: number): Promise<PathPoint> {
    const clamped = Math.min(1, Math.max(0, share));
    const path = await this.path(from, to);
    const totalM = path ? path.passedM[path.passedM.length - 1] : 0;
    if (!path || totalM <= 0 || clamped === 0 || clamped === 1) return nearerEnd(from, to, clamped);
    const { coordinates, passedM } = path;
    const wantedM = clamped * totalM;
    let lo = 0;
    let hi = passedM.length - 1;
    while (hi - lo > 1) { // the last vertex at or before wantedM is lo
      const mid = (lo + hi) >> 1;
      if (passedM[mid] <= wantedM) lo = mid;
      else hi = mid;
    }
    // Inside the segment ridden now, not at a vertex: a junction's vertex belongs to every road through it, and the
    // router would snap it to whichever is nearest, maybe a one-way street the courier is not on.
    const segmentM = passedM[hi] - passedM[lo];
    const t = segmentM > 0 ? (wantedM - passedM[lo]) / segmentM : 0;
    const [a, b] = [coordinates[lo], coordinates[hi]];
    return { point: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], sharePassed: clamped };
  }

  private async path(from: LonLat, to: LonLat): Promise<Path | null> {
    const key = `${coordinateKey(from[0], from[1])}>${coordinateKey(to[0], to[1])}`;
    const known = this.paths.get(key);
    if (known !== undefined) return known;
    let path: Path | null = null;
    try {
      const { coordinates } = (await this.routing.route([from, to])).geometry;
      if (coordinates.length >= 2) {
        const passedM = new Float64Array(coordinates.length);
        for (let i = 1; i < coordinates.length; i++) {
          passedM[i] = passedM[i - 1] + haversineM(coordinates[i - 1][0], coordinates[i - 1][1], coordinates[i][0], coordinates[i][1]);
        }
        path = { coordinates, passedM };
      }
    } catch { /* no route: the nearer end */ }
    this.paths.set(key, path);
    return path;
  }
}

/** The end of a leg nearer the share ridden (a walk between stalls, or a pair the router cannot route). */
export function nearerEnd(from: LonLat, to: LonLat, share: number): PathPoint {
  return share < 0.5 ? { point: from, sharePassed: 0 } : { point: to, sharePassed: 1 };
}
