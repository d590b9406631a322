// Where a riding courier is on its road: the geometry of each ridden pair of points (one route per pair, kept) and the
// vertex of it nearest the share ridden, so a GPS fix mid-ride and a ride cut short leave the courier on its road.
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

  /** The vertex of the road path from `from` to `to` nearest `share` (0–1) of its length. */
  async at(from: LonLat, to: LonLat, share: number): Promise<PathPoint> {
    const clamped = Math.min(1, Math.max(0, share));
    const path = await this.path(from, to);
    if (!path) return clamped < 0.5 ? { point: from, sharePassed: 0 } : { point: to, sharePassed: 1 };
    const { coordinates, passedM } = path;
    const totalM = passedM[passedM.length - 1];
    if (totalM <= 0) return { point: clamped < 0.5 ? from : to, sharePassed: clamped < 0.5 ? 0 : 1 };
    const wantedM = clamped * totalM;
    let lo = 0;
    let hi = passedM.length - 1;
    while (hi - lo > 1) { // the last vertex at or before wantedM is lo
      const mid = (lo + hi) >> 1;
      if (passedM[mid] <= wantedM) lo = mid;
      else hi = mid;
    }
    const nearest = wantedM - passedM[lo] <= passedM[hi] - wantedM ? lo : hi;
    // The path's ends are the router's snapped points; the courier's own ends are kept exact.
    const point = nearest === 0 ? from : nearest === coordinates.length - 1 ? to : coordinates[nearest];
    return { point, sharePassed: passedM[nearest] / totalM };
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
