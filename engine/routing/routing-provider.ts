// RoutingProvider: the one interface behind which the embedded CH router and OSRM over HTTP answer travel queries.

/** A WGS84 coordinate pair, longitude first as in GeoJSON and OSRM. */
export type LonLat = readonly [lon: number, lat: number];

/** A travel-time/distance matrix, row-major: entry `i * destinationCount + j` is from source i to destination j. */
export interface TravelTable {
  readonly sourceCount: number;
  readonly destinationCount: number;
  /** Seconds, rounded to integers; `Infinity` where no route exists. */
  readonly durationS: Float64Array;
  /** Metres, rounded to integers; `Infinity` where no route exists. */
  readonly distanceM: Float64Array;
  /** Where each source was placed on the road network. */
  readonly sources: readonly SnappedPoint[];
  /** Where each destination was placed on the road network. */
  readonly destinations: readonly SnappedPoint[];
}

/** A coordinate placed on the nearest routable road segment. */
export interface SnappedPoint {
  /** The point on the road, [lon, lat]. */
  readonly location: LonLat;
  /** Great-circle distance from the input coordinate to `location`, metres. */
  readonly snapDistanceM: number;
  /** Street name of the snapped segment, '' when unnamed. */
  readonly name: string;
}

/** One leg of a route, between two consecutive waypoints. */
export interface RouteLeg {
  readonly durationS: number;
  readonly distanceM: number;
}

/** A route through all waypoints in order. */
export interface Route {
  readonly durationS: number;
  readonly distanceM: number;
  readonly legs: readonly RouteLeg[];
  /** The full route geometry, GeoJSON coordinates [lon, lat]. */
  readonly geometry: { readonly type: 'LineString'; readonly coordinates: LonLat[] };
  readonly waypoints: readonly SnappedPoint[];
}

export interface TableRequest {
  readonly sources: readonly LonLat[];
  /** Defaults to `sources` (a square table). */
  readonly destinations?: readonly LonLat[];
}

/** Travel queries over a road network. Implementations throw `EngineError`s (input or routing kind). */
export interface RoutingProvider {
  /** A short name for logs and health checks, e.g. `embedded:motorbike` or `osrm:http://host:5000`. */
  readonly name: string;
  table(request: TableRequest): Promise<TravelTable>;
  route(waypoints: readonly LonLat[]): Promise<Route>;
  /** Up to `count` (default 1) nearest snapped points, nearest first. */
  nearest(point: LonLat, count?: number): Promise<SnappedPoint[]>;
  /** Releases sockets or worker threads. */
  close?(): Promise<void>;
}
