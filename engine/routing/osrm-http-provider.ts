// OsrmHttpProvider: the RoutingProvider backed by an OSRM v5 server over HTTP (table chunking, route, nearest).
import { InputError, RoutingError } from '../errors.js';
import { assertLonLat } from '../graph/snapper.js';
import { assertCoordinateList } from './embedded-limits.js';
import { OsrmHttpClient, type OsrmHttpClientOptions } from './osrm-http-client.js';
import { planTableChunks, type TableChunk } from './osrm-table-chunks.js';
import { formatCoordinates } from './osrm-url.js';
import type { OsrmNearestResponse, OsrmRouteResponse, OsrmTableResponse, OsrmWaypoint } from './osrm-wire.js';
import type { LonLat, Route, RoutingProvider, SnappedPoint, TableRequest, TravelTable } from './routing-provider.js';

export interface OsrmHttpProviderOptions extends OsrmHttpClientOptions {
  /** Server root, e.g. `http://127.0.0.1:5000`. */
  readonly baseUrl: string;
  /** Profile segment of the URL (osrm-routed serves one dataset and ignores it). Default 'driving'. */
  readonly profile?: string;
  /**
   * Most coordinates per table request. Default: the whole table in one request; when the server answers TooBig
   * (osrm-routed's `--max-table-size` defaults to 100), the provider learns that and sends chunks of 100 (halving
   * further while TooBig persists).
   */
  readonly tableChunkSize?: number;
  /** Coordinates farther than this from every road get NoSegment (sent as OSRM `radiuses`; osrm-routed snaps without limit by default). Default 500 m, like the embedded router; Infinity sends none. */
  readonly maxSnapM?: number;
  /** Table requests in flight at once. Default 4. */
  readonly concurrency?: number;
  /** Most sources (and most destinations) per table call. Default 10,000. */
  readonly maxTableCoordinates?: number;
  /** Most waypoints per route (OSRM's `--max-viaroute-size` defaults to 500). Default 500. */
  readonly maxRouteWaypoints?: number;
}

/** osrm-routed's `--max-table-size` unless started otherwise. */
const OSRM_DEFAULT_MAX_TABLE_SIZE = 100;

function toSnapped(w: OsrmWaypoint): SnappedPoint {
  return { location: [w.location[0], w.location[1]], snapDistanceM: w.distance, name: w.name ?? '' };
}

/** Travel queries answered by OSRM. Errors: InputError for bad input, RoutingError no_segment / no_route / routing_unavailable. */
export class OsrmHttpProvider implements RoutingProvider {
  readonly name: string;
  private readonly client: OsrmHttpClient;
  private readonly profile: string;
  /** Coordinates per table request; Infinity until the server has answered TooBig. */
  private chunkSize: number;
  private readonly maxSnapM: number;
  private readonly concurrency: number;
  private readonly maxTableCoordinates: number;
  private readonly maxRouteWaypoints: number;

  constructor(options: OsrmHttpProviderOptions) {
    this.client = new OsrmHttpClient(options.baseUrl, options);
    this.name = `osrm:${this.client.baseUrl}`;
    this.profile = options.profile ?? 'driving';
    this.chunkSize = options.tableChunkSize ?? Infinity;
    this.maxSnapM = options.maxSnapM ?? 500;
    if (!(this.maxSnapM > 0)) throw new RangeError(`maxSnapM must be positive, got ${this.maxSnapM}`);
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxTableCoordinates = options.maxTableCoordinates ?? 10_000;
    this.maxRouteWaypoints = options.maxRouteWaypoints ?? 500;
    if (this.chunkSize !== Infinity) planTableChunks(2, 2, false, this.chunkSize); // validates tableChunkSize early
  }

  /** OSRM `radiuses` for `count` coordinates (absent when snapping is unlimited). */
  private radiuses(count: number): Record<string, string> {
    if (this.maxSnapM === Infinity) return {};
    return { radiuses: new Array<string>(count).fill(String(this.maxSnapM)).join(';') };
  }

  async table(request: TableRequest): Promise<TravelTable> {
    assertCoordinateList(request?.sources, 'sources', this.maxTableCoordinates);
    if (request.destinations !== undefined) assertCoordinateList(request.destinations, 'destinations', this.maxTableCoordinates);
    const sources = request.sources;
    const destinations = request.destinations ?? sources;
    for (;;) {
      try {
        return await this.tableInChunks(sources, destinations, request.destinations === undefined);
      } catch (error) {
        // The server's max-table-size is smaller than this request: learn it and split.
        const tooBig = (error as { code?: unknown }).code === 'too_many_coordinates';
        if (!tooBig || this.chunkSize <= 2) throw error;
        this.chunkSize = this.chunkSize === Infinity ? OSRM_DEFAULT_MAX_TABLE_SIZE : Math.max(2, Math.floor(this.chunkSize / 2));
      }
    }
  }

  private async tableInChunks(sources: readonly LonLat[], destinations: readonly LonLat[], square: boolean): Promise<TravelTable> {
    const rows = sources.length, cols = destinations.length;
    const durationS = new Float64Array(rows * cols), distanceM = new Float64Array(rows * cols);
    const sourcePoints: SnappedPoint[] = new Array(rows), destinationPoints: SnappedPoint[] = new Array(cols);
    const chunks = this.chunkSize === Infinity
      ? [{ sourceStart: 0, sourceEnd: rows, destinationStart: 0, destinationEnd: cols, shared: square }]
      : planTableChunks(rows, cols, square, this.chunkSize);
    let next = 0, failed = false;
    const worker = async (): Promise<void> => {
      while (next < chunks.length && !failed) {
        const chunk = chunks[next++];
        let answer: OsrmTableResponse;
        try {
          answer = await this.tableChunk(chunk, sources, destinations);
        } catch (error) {
          failed = true; // the other workers stop taking chunks
          throw error;
        }
        const width = chunk.destinationEnd - chunk.destinationStart;
        for (let i = chunk.sourceStart; i < chunk.sourceEnd; i++) {
          const r = i - chunk.sourceStart;
          sourcePoints[i] ??= toSnapped(answer.sources[r]);
          for (let j = 0; j < width; j++) {
            const cell = i * cols + chunk.destinationStart + j;
            const d = answer.durations?.[r]?.[j], m = answer.distances?.[r]?.[j];
            durationS[cell] = typeof d === 'number' ? Math.round(d) : Infinity;
            distanceM[cell] = typeof m === 'number' ? Math.round(m) : Infinity;
          }
        }
        for (let j = 0; j < width; j++) destinationPoints[chunk.destinationStart + j] ??= toSnapped(answer.destinations[j]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, chunks.length) }, worker));
    return { sourceCount: rows, destinationCount: cols, durationS, distanceM, sources: sourcePoints, destinations: destinationPoints };
  }

  /** One OSRM table request for a chunk; a lone coordinate is sent twice (OSRM wants at least two). */
  private async tableChunk(chunk: TableChunk, sources: readonly LonLat[], destinations: readonly LonLat[]): Promise<OsrmTableResponse> {
    const rowPoints = sources.slice(chunk.sourceStart, chunk.sourceEnd);
    const query: Record<string, string> = { annotations: 'duration,distance' };
    let coordinates: readonly LonLat[];
    if (chunk.shared && rowPoints.length > 1) {
      coordinates = rowPoints;
    } else {
      const colPoints = chunk.shared ? rowPoints : destinations.slice(chunk.destinationStart, chunk.destinationEnd);
      coordinates = [...rowPoints, ...colPoints];
      query.sources = rowPoints.map((_, i) => i).join(';');
      query.destinations = colPoints.map((_, j) => rowPoints.length + j).join(';');
    }
    return this.client.get<OsrmTableResponse>('table', this.profile, formatCoordinates(coordinates), { ...query, ...this.radiuses(coordinates.length) });
  }

  async route(waypoints: readonly LonLat[]): Promise<Route> {
    assertCoordinateList(waypoints, 'waypoints', this.maxRouteWaypoints, 2);
    const answer = await this.client.get<OsrmRouteResponse>('route', this.profile, formatCoordinates(waypoints), {
      geometries: 'geojson', overview: 'full', steps: 'false', ...this.radiuses(waypoints.length),
    });
    const best = answer.routes[0];
    const geometry = typeof best?.geometry === 'object' ? best.geometry : undefined;
    if (!best || !geometry) throw new RoutingError('osrm_error', `OSRM at ${this.client.baseUrl} answered a route without GeoJSON geometry`);
    return {
      durationS: best.duration,
      distanceM: best.distance,
      legs: best.legs.map((leg) => ({ durationS: leg.duration, distanceM: leg.distance })),
      geometry: { type: 'LineString', coordinates: geometry.coordinates.map(([lon, lat]) => [lon, lat] as const) },
      waypoints: answer.waypoints.map(toSnapped),
    };
  }

  async nearest(point: LonLat, count = 1): Promise<SnappedPoint[]> {
    assertLonLat(point, 'coordinates');
    if (!Number.isInteger(count) || count < 1) throw new InputError('invalid_count', `count must be a positive integer, got ${count}`, 'count');
    const answer = await this.client.get<OsrmNearestResponse>('nearest', this.profile, formatCoordinates([point]), { number: String(count), ...this.radiuses(1) });
    return answer.waypoints.map(toSnapped);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
