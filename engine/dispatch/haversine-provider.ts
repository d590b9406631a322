// A RoutingProvider without a road network: great-circle distance times a detour factor at a constant speed.
// For tests, benchmarks of the dispatch loop and demos where no road graph is loaded.
import { InputError } from '../errors.js';
import { assertLonLat } from '../graph/snapper.js';
import { assertCoordinateList, DEFAULT_EMBEDDED_LIMITS } from '../routing/embedded-limits.js';
import type { LonLat, Route, RoutingProvider, SnappedPoint, TableRequest, TravelTable } from '../routing/routing-provider.js';
import { haversineM } from '../geo.js';

export interface HaversineProviderOptions {
  /** Riding speed, m/s (default 5.5, about 20 km/h in town). */
  readonly speedMps?: number;
  /** Road distance over straight-line distance (default 1.35). */
  readonly detourFactor?: number;
}

export class HaversineProvider implements RoutingProvider {
  readonly name: string;
  private readonly speedMps: number;
  private readonly detourFactor: number;

  constructor(options: HaversineProviderOptions = {}) {
    this.speedMps = options.speedMps ?? 5.5;
    this.detourFactor = options.detourFactor ?? 1.35;
    if (!(this.speedMps > 0) || !(this.detourFactor >= 1)) throw new InputError('bad_haversine_options', 'speedMps must be > 0 and detourFactor ≥ 1');
    this.name = `haversine:${this.speedMps}mps`;
  }

  private legM(a: LonLat, b: LonLat): number {
    return Math.round(haversineM(a[0], a[1], b[0], b[1]) * this.detourFactor);
  }

  async table(request: TableRequest): Promise<TravelTable> {
    assertCoordinateList(request?.sources, 'sources', DEFAULT_EMBEDDED_LIMITS.maxTableCoordinates);
    if (request.destinations !== undefined) assertCoordinateList(request.destinations, 'destinations', DEFAULT_EMBEDDED_LIMITS.maxTableCoordinates);
    const sources = request.sources;
    const destinations = request.destinations ?? sources;
    const n = sources.length;
    const m = destinations.length;
    const distanceM = new Float64Array(n * m); // [i * m + j] metres from source i to destination j
    const durationS = new Float64Array(n * m); // [i * m + j] seconds from source i to destination j
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const d = this.legM(sources[i], destinations[j]);
        distanceM[i * m + j] = d;
        durationS[i * m + j] = Math.round(d / this.speedMps);
      }
    }
    const snap = (p: LonLat): SnappedPoint => ({ location: p, snapDistanceM: 0, name: '' });
    return { sourceCount: n, destinationCount: m, durationS, distanceM, sources: sources.map(snap), destinations: destinations.map(snap) };
  }

  async route(waypoints: readonly LonLat[]): Promise<Route> {
    assertCoordinateList(waypoints, 'waypoints', DEFAULT_EMBEDDED_LIMITS.maxRouteWaypoints);
    if (waypoints.length < 2) throw new InputError('too_few_waypoints', 'a route needs at least two waypoints', 'waypoints');
    const legs = [];
    for (let i = 1; i < waypoints.length; i++) {
      const distanceM = this.legM(waypoints[i - 1], waypoints[i]);
      legs.push({ distanceM, durationS: Math.round(distanceM / this.speedMps) });
    }
    return {
      distanceM: legs.reduce((s, l) => s + l.distanceM, 0),
      durationS: legs.reduce((s, l) => s + l.durationS, 0),
      legs,
      geometry: { type: 'LineString', coordinates: waypoints.map((p) => [p[0], p[1]] as LonLat) },
      waypoints: waypoints.map((p) => ({ location: p, snapDistanceM: 0, name: '' })),
    };
  }

  async nearest(point: LonLat, count = 1): Promise<SnappedPoint[]> {
    assertLonLat(point, 'point');
    return Array.from({ length: Math.max(1, count) }, () => ({ location: point, snapDistanceM: 0, name: '' }));
  }
}
