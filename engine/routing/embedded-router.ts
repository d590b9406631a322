// EmbeddedRouter: the in-process RoutingProvider: segment snapping + contraction hierarchies, no routing server needed.
import { BucketTable } from '../graph/ch/bucket-table.js';
import { ChQuery } from '../graph/ch/ch-query.js';
import { keyDistanceDm, keyDurationDs } from '../graph/ch/path-key.js';
import { phantomNode } from '../graph/ch/phantom.js';
import { type LoadedGraph, loadOrBuildGraph, type PreparedGraph } from '../graph/graph-cache.js';
import { type SnapResult, Snapper } from '../graph/snapper.js';
import { InputError } from '../errors.js';
import { assertCoordinateList, DEFAULT_EMBEDDED_LIMITS, type EmbeddedLimits } from './embedded-limits.js';
import { assembleRoute, type PlacedWaypoint } from './embedded-route.js';
import type { LonLat, Route, RoutingProvider, SnappedPoint, TableRequest, TravelTable } from './routing-provider.js';

export interface EmbeddedRouterOptions {
  /** Coordinates farther than this from every road are rejected (RoutingError `no_segment`). Default 500 m. */
  readonly maxSnapM?: number;
  readonly limits?: Partial<EmbeddedLimits>;
}

/** Routes on a prepared graph held in memory. Queries run synchronously on reusable typed-array search state. */
export class EmbeddedRouter implements RoutingProvider {
  readonly name: string;
  readonly snapper: Snapper;
  readonly limits: EmbeddedLimits;
  private readonly query: ChQuery;
  private readonly buckets: BucketTable;

  constructor(readonly prepared: PreparedGraph, options: EmbeddedRouterOptions = {}) {
    this.name = `embedded:${prepared.graph.profile}`;
    this.snapper = new Snapper(prepared.graph, { maxSnapM: options.maxSnapM });
    this.limits = { ...DEFAULT_EMBEDDED_LIMITS, ...options.limits };
    this.query = new ChQuery(prepared.ch);
    this.buckets = new BucketTable(prepared.ch);
  }

  async table(request: TableRequest): Promise<TravelTable> {
    const { maxTableCoordinates, maxTableCells } = this.limits;
    assertCoordinateList(request?.sources, 'sources', maxTableCoordinates);
    if (request.destinations !== undefined) assertCoordinateList(request.destinations, 'destinations', maxTableCoordinates);
    const destinationsIn = request.destinations ?? request.sources;
    const cells = request.sources.length * destinationsIn.length;
    if (cells > maxTableCells) {
      throw new InputError('too_many_coordinates', `table of ${request.sources.length} × ${destinationsIn.length} exceeds ${maxTableCells} cells`, 'sources');
    }
    const sources = this.place(request.sources, 'sources');
    const destinations = request.destinations === undefined ? sources : this.place(request.destinations, 'destinations');
    // Keys land in durationS first and are split into seconds and metres in place.
    const durationS = new Float64Array(cells), distanceM = new Float64Array(cells);
    this.buckets.keys(sources.map((s) => s.phantom), destinations.map((d) => d.phantom), durationS);
    for (let i = 0; i < cells; i++) {
      const key = durationS[i];
      if (key === Infinity) { durationS[i] = Infinity; distanceM[i] = Infinity; continue; }
      durationS[i] = Math.round(keyDurationDs(key) / 10);
      distanceM[i] = Math.round(keyDistanceDm(key) / 10);
    }
    return {
      sourceCount: sources.length, destinationCount: destinations.length, durationS, distanceM,
      sources: sources.map((s) => s.snapped), destinations: destinations.map((d) => d.snapped),
    };
  }

  async route(waypoints: readonly LonLat[]): Promise<Route> {
    assertCoordinateList(waypoints, 'waypoints', this.limits.maxRouteWaypoints, 2);
    return assembleRoute(this.prepared.graph, this.query, this.place(waypoints, 'waypoints'));
  }

  async nearest(point: LonLat, count = 1): Promise<SnappedPoint[]> {
    if (Number.isInteger(count) && count > this.limits.maxNearestCount) {
      throw new InputError('invalid_count', `count ${count} exceeds the limit of ${this.limits.maxNearestCount}`, 'count');
    }
    return this.snapper.nearest(point, count, 'coordinates').map(toSnappedPoint);
  }

  async close(): Promise<void> {}

  /** Snaps every point (RoutingError `no_segment` naming `field[i]`). */
  private place(points: readonly LonLat[], field: string): PlacedWaypoint[] {
    return points.map((point, i) => {
      const snap = this.snapper.snap(point, `${field}[${i}]`);
      return { phantom: phantomNode(this.prepared.graph, snap), snapped: toSnappedPoint(snap) };
    });
  }
}

function toSnappedPoint(snap: SnapResult): SnappedPoint {
  return { location: [snap.location[0], snap.location[1]], snapDistanceM: snap.snapDistanceM, name: snap.name };
}

export interface OpenEmbeddedRouterOptions extends EmbeddedRouterOptions {
  /** Road file (.osm.pbf, .osm, .geojson). */
  readonly graphPath: string;
  /** 'motorbike' (default) or 'car'. */
  readonly profile?: string;
  /** Graph cache directory (default `.cache/graphs`); `false` disables caching. */
  readonly cacheDir?: string | false;
}

/** An embedded router opened from a file; `loaded` tells whether the graph came from the cache. */
export interface OpenedEmbeddedRouter extends EmbeddedRouter {
  readonly loaded: LoadedGraph;
}

/** Loads (or builds and caches) the graph of `graphPath` and opens a router on it. */
export async function openEmbeddedRouter(options: OpenEmbeddedRouterOptions): Promise<OpenedEmbeddedRouter> {
  const loaded = await loadOrBuildGraph(options.graphPath, { profile: options.profile, cacheDir: options.cacheDir });
  const router = new EmbeddedRouter(loaded, options);
  return Object.assign(router, { loaded });
}
