// OsrmService: answers parsed OSRM v5 requests (route, table, nearest, trip, match) from the embedded graph with
// OSRM's response bodies; every parameter is honoured or refused with OSRM's code.
import { RoutingError } from '../../errors.js';
import { BucketTable } from '../../graph/ch/bucket-table.js';
import { contractHierarchy } from '../../graph/ch/contract.js';
import { getProfile, roadClassBits } from '../../graph/profiles/index.js';
import { stronglyConnectedComponents } from '../../graph/strongly-connected.js';
import { ChQuery } from '../../graph/ch/ch-query.js';
import type { LoadedGraph, PreparedGraph } from '../../graph/graph-cache.js';
import { Snapper } from '../../graph/snapper.js';
import { type LegPath, legPath } from './leg-path.js';
import { encodeHint, graphFingerprint, isWellFormedHint } from './osrm-hint.js';
import { bearingDeg, bearingGap } from './geometry.js';
import { matchAnswer } from './match-service.js';
import { tripAnswer } from './trip-service.js';
import { OsrmCodeError, type OsrmMatchRequest, type OsrmTripRequest, type OsrmNearestRequest, type OsrmPointOptions, type OsrmRouteRequest, type OsrmTableRequest } from './osrm-request.js';
import { type Json, type PlannedLeg, routeBody, waypointOf } from './osrm-route-body.js';
import { place, type Placement, type PlacementGraph } from './placement.js';
import { RoadJunctions } from './road-junctions.js';
import { TableAnswer, type TableService } from './table-answer.js';
import { AlternativeRoutes } from './alternative-routes.js';
import { exclusionCachePath, exclusionMasks, loadOrContractExclusion, withoutClasses } from './exclusion-hierarchies.js';

export interface OsrmServiceLimits {
  /** osrm-routed's `--max-table-size`: a table may have at most this² cells. Default 10,000. */
  readonly maxTableSize: number;
  /** `--max-viaroute-size`. Default 500. */
  readonly maxRouteWaypoints: number;
  /** `--max-trip-size`. Default 100. */
  readonly maxTripSize: number;
  /** `--max-matching-size`. Default 100. */
  readonly maxMatchingSize: number;
  /** `--max-nearest-size`. Default 100. */
  readonly maxNearestSize: number;
  /** `--max-alternatives`. Default 3. */
  readonly maxAlternatives: number;
  /** `--default-radius`, metres (Infinity: unlimited, OSRM's default). */
  readonly defaultRadiusM: number;
}

export const DEFAULT_OSRM_SERVICE_LIMITS: OsrmServiceLimits = {
  maxTableSize: 10_000, maxRouteWaypoints: 500, maxTripSize: 100, maxMatchingSize: 100, maxNearestSize: 100, maxAlternatives: 3, defaultRadiusM: Infinity,
};

/** Idle many-to-many engines kept for the next tables (each holds per-node search state). */
const MAX_IDLE_BUCKETS = 2;

export class OsrmService implements PlacementGraph, TableService {
  readonly graph: PreparedGraph['graph'];
  private snapperCache: Snapper | null = null;
  private mainSnapperCache: Snapper | null = null;
  readonly fingerprint: number;
  readonly limits: OsrmServiceLimits;
  readonly query: ChQuery;
  /** Many-to-many engines not in use (one per table being written at the same time, made on first need). */
  private readonly idleBuckets: BucketTable[] = [];
  private junctionsCache: RoadJunctions | null = null;
  private componentCache: Int32Array | null = null;
  private alternativesCache: AlternativeRoutes | null = null;
  /** Services on the graph without some road classes, by class mask (`exclude`). */
  private readonly excluding = new Map<number, OsrmService>();
  /** Exclusion hierarchies being read or contracted in the background, by class mask. */
  private readonly pendingExclusions = new Map<number, Promise<void>>();
  /** How many exclusion hierarchies were read from the cache, contracted on a worker, or contracted inside a request. */
  readonly exclusionBuilds = { cache: 0, worker: 0, inRequest: 0 };
  /** Road classes that occur on some edge (excluding the others changes nothing). */
  private readonly presentClasses: number;

  constructor(readonly prepared: PreparedGraph, limits: Partial<OsrmServiceLimits> = {}) {
    this.graph = prepared.graph;
    this.limits = { ...DEFAULT_OSRM_SERVICE_LIMITS, ...limits };
    let present = 0;
    for (let e = 0; e < this.graph.edgeCount; e++) present |= this.graph.roadClass[e];
    this.presentClasses = present;
    this.fingerprint = graphFingerprint(prepared.graph);
    this.query = new ChQuery(prepared.ch);
  }

  /**
   * Nearest segment on any road, islands included (OSRM's nearest, and the first candidate of each coordinate). Built
   * on first use, as is the next: a server starts without spending a tenth of a second per index on every service.
   */
  get snapper(): Snapper {
    this.snapperCache ??= new Snapper(this.graph, { maxSnapM: Infinity, islands: true });
    return this.snapperCache;
  }

  /** Nearest segment on the main network: where a coordinate goes unless all of them lie on one island. */
  get mainSnapper(): Snapper {
    this.mainSnapperCache ??= new Snapper(this.graph, { maxSnapM: Infinity });
    return this.mainSnapperCache;
  }

  get junctions(): RoadJunctions {
    this.junctionsCache ??= new RoadJunctions(this.graph);
    return this.junctionsCache;
  }

  /** Data source name in annotations. */
  get datasource(): string {
    return `jejaring ${this.graph.profile} profile`;
  }

  /** Checks per-coordinate lists and exclusions (InvalidOptions / InvalidValue / InvalidQuery as OSRM). */
  checkPointOptions(request: OsrmPointOptions): void {
    const n = request.coordinates.length;
    for (const [key, list] of [['bearings', request.bearings], ['radiuses', request.radiuses], ['approaches', request.approaches], ['hints', request.hints]] as const) {
      if (list && list.length !== n) throw new OsrmCodeError('InvalidOptions', `Number of elements in ${key} size ${list.length} does not match coordinate size ${n}`);
    }
    for (const hint of request.hints ?? []) {
      if (hint && !isWellFormedHint(hint)) throw new OsrmCodeError('InvalidQuery', 'Query string malformed close to parameter "hints"');
    }
    this.excludeMask(request);
  }

  /** The class mask of `exclude` (InvalidValue, as OSRM, when the profile does not define a class). */
  excludeMask(request: OsrmPointOptions): number {
    if (!request.exclude?.length) return 0;
    const mask = roadClassBits(getProfile(this.graph.profile), request.exclude);
    if (mask === null) throw new OsrmCodeError('InvalidValue', 'Exclude flag combination is not supported.');
    return mask;
  }

  /**
   * The service that answers `request`: this one, or (with `exclude`) one on the graph without those classes. Its
   * hierarchy comes from `prepareExclusions`; without that it is contracted here, inside the request, and kept.
   */
  serviceFor(request: OsrmPointOptions): OsrmService {
    const mask = this.excludeMask(request) & this.presentClasses;
    if (mask === 0) return this;
    let service = this.excluding.get(mask);
    if (!service) {
      const graph = withoutClasses(this.graph, mask);
      service = new OsrmService({ graph, ch: contractHierarchy(graph) }, this.limits);
      this.excluding.set(mask, service);
      this.exclusionBuilds.inRequest++;
    }
    return service;
  }

  /**
   * Makes every combination of the profile's exclude classes present in the graph ready without blocking: each
   * hierarchy is read from beside the graph cache file (when the graph came from one) or contracted on a worker thread
   * and written there. Resolves when all are ready; `exclusionReady` is the one a request needs.
   */
  prepareExclusions(graphCachePath = (this.prepared as Partial<LoadedGraph>).cachePath ?? ''): Promise<void> {
    const profile = getProfile(this.graph.profile);
    for (const mask of exclusionMasks(this.presentClasses)) {
      if (this.excluding.has(mask) || this.pendingExclusions.has(mask)) continue;
      const graph = withoutClasses(this.graph, mask);
      const cachePath = graphCachePath ? exclusionCachePath(graphCachePath, profile, mask) : '';
      const pending = loadOrContractExclusion(graph, cachePath, `${this.fingerprint}:${this.graph.edgeCount}:${mask}`).then(({ ch, origin }) => {
        if (!this.excluding.has(mask)) this.excluding.set(mask, new OsrmService({ graph, ch }, this.limits));
        this.exclusionBuilds[origin]++;
      }).finally(() => this.pendingExclusions.delete(mask));
      this.pendingExclusions.set(mask, pending);
    }
    return Promise.all(this.pendingExclusions.values()).then(() => undefined);
  }

  /** The background preparation of the hierarchy `request` excludes into, if one is under way (else null). */
  exclusionReady(request: OsrmPointOptions): Promise<void> | null {
    if (!request.exclude?.length) return null;
    const bits = roadClassBits(getProfile(this.graph.profile), request.exclude);
    return bits === null ? null : this.pendingExclusions.get(bits & this.presentClasses) ?? null;
  }

  /** Per node: its strongly connected component (computed on first use). */
  private get componentOf(): Int32Array {
    this.componentCache ??= stronglyConnectedComponents(this.graph.firstEdge, this.graph.target).componentOf;
    return this.componentCache;
  }

  private onMain(p: Placement): boolean {
    return p.snap.from < this.graph.mainNodeCount && p.snap.to < this.graph.mainNodeCount;
  }

  /**
   * Places every coordinate as OSRM does (NoSegment names the first one that has no road within its radius): each
   * goes to its nearest road, but one whose nearest road is off the main network (an island, a one-way fringe) moves
   * to the nearest main-network road within its radius, unless every coordinate lies on the same island.
   */
  placeAll(request: OsrmPointOptions, indices?: readonly number[]): Placement[] {
    const list = indices ?? request.coordinates.map((_, i) => i);
    const mainView: PlacementGraph = { graph: this.graph, snapper: this.mainSnapper, fingerprint: this.fingerprint };
    const placeOn = (g: PlacementGraph, i: number): Placement => {
      const radius = request.radiuses?.[i];
      return place(g, request.coordinates[i], i, {
        radiusM: radius === undefined ? this.limits.defaultRadiusM : radius === null ? Infinity : radius,
        bearing: request.bearings?.[i] ?? null,
        approach: request.approaches?.[i] ?? null,
        hint: request.hints?.[i] || null,
      });
    };
    let nearest: Placement[];
    try {
      nearest = list.map((i) => placeOn(this, i));
    } catch (error) {
      if (error instanceof RoutingError && error.code === 'no_segment') throw new OsrmCodeError('NoSegment', error.message);
      throw error;
    }
    if (nearest.every((p) => this.onMain(p))) return nearest;
    const component = (p: Placement): number => this.componentOf[p.snap.from];
    if (nearest.every((p) => !this.onMain(p) && component(p) === component(nearest[0]))) return nearest;
    return nearest.map((p, k) => {
      if (this.onMain(p)) return p;
      try {
        return placeOn(mainView, list[k]);
      } catch (error) {
        if (error instanceof RoutingError && error.code === 'no_segment') return p; // no main road within the radius
        throw error;
      }
    });
  }

  /**
   * continue_straight: each via point is passed in one direction of its road (arrive and leave along the same
   * occupancy, no u-turn there). Chooses the directions minimising the whole route by dynamic programming.
   */
  withoutViaUturns(placed: Placement[]): Placement[] {
    const n = placed.length;
    if (n < 3) return placed;
    const variants: Placement[][] = placed.map((p, i) => {
      if (i === 0 || i === n - 1) return [p];
      const directed = p.phantom.occupancies.filter((o) => o.tail !== o.head);
      return directed.length > 1 ? directed.map((o) => ({ ...p, phantom: { occupancies: [o] } })) : [p];
    });
    let cost = variants[0].map(() => 0);
    const from: number[][] = [];
    for (let i = 1; i < n; i++) {
      const keys = this.pathKeys(variants[i - 1], variants[i]);
      const width = variants[i].length;
      const next = new Array<number>(width).fill(Infinity), back = new Array<number>(width).fill(0);
      for (let b = 0; b < width; b++) for (let a = 0; a < variants[i - 1].length; a++) {
        const total = cost[a] + keys[a * width + b];
        if (total < next[b]) { next[b] = total; back[b] = a; }
      }
      from.push(back);
      cost = next;
    }
    if (cost[0] === Infinity) return placed; // no u-turn-free route: fall back to allowing them
    const chosen = new Array<Placement>(n);
    let pick = 0;
    for (let i = n - 1; i >= 0; i--) {
      chosen[i] = variants[i][pick];
      if (i > 0) pick = from[i - 1][pick];
    }
    return chosen;
  }

  /** The leg path between two placements, NoRoute when none. */
  leg(a: Placement, b: Placement): LegPath {
    const path = legPath(this.graph, this.query, a, b);
    if (!path) throw new OsrmCodeError('NoRoute', 'Impossible route between points');
    return path;
  }

  /** Row-major path keys between placements (Infinity where unreachable). */
  pathKeys(sources: readonly Placement[], destinations: readonly Placement[]): Float64Array {
    const buckets = this.takeBuckets();
    try {
      return buckets.keys(sources.map((p) => p.phantom), destinations.map((p) => p.phantom));
    } finally {
      this.releaseBuckets(buckets);
    }
  }

  trip(request: OsrmTripRequest): Json {
    const service = this.serviceFor(request);
    return tripAnswer(service, service === this ? request : { ...request, exclude: undefined });
  }

  match(request: OsrmMatchRequest): Json {
    const service = this.serviceFor(request);
    return matchAnswer(service, service === this ? request : { ...request, exclude: undefined });
  }

  route(request: OsrmRouteRequest): Json {
    const service = this.serviceFor(request);
    if (service !== this) return service.route({ ...request, exclude: undefined });
    const n = request.coordinates.length;
    if (n < 2) throw new OsrmCodeError('InvalidOptions', 'Number of coordinates needs to be at least two.');
    if (n > this.limits.maxRouteWaypoints) throw new OsrmCodeError('TooBig', `Number of entries ${n} is higher than current maximum (${this.limits.maxRouteWaypoints})`);
    this.checkPointOptions(request);
    const stops = request.waypoints ?? null;
    if (stops) {
      if (stops[0] !== 0 || stops[stops.length - 1] !== n - 1) throw new OsrmCodeError('InvalidOptions', 'First and last coordinates must be specified in waypoints.');
      for (let k = 1; k < stops.length; k++) if (stops[k] <= stops[k - 1]) throw new OsrmCodeError('InvalidOptions', 'Waypoints must be supplied in increasing order');
    }
    const alternatives = request.alternatives ?? 0;
    if (alternatives > this.limits.maxAlternatives) throw new OsrmCodeError('TooBig', `Requested number of alternatives is higher than current maximum (${this.limits.maxAlternatives})`);
    const placed = request.continueStraight ? this.withoutViaUturns(this.placeAll(request)) : this.placeAll(request);
    const paths: LegPath[] = [];
    for (let i = 1; i < n; i++) paths.push(this.leg(placed[i - 1], placed[i]));
    const ends = stops ?? placed.map((_, i) => i);
    const legs: PlannedLeg[] = [];
    for (let k = 1; k < ends.length; k++) legs.push({ from: placed[ends[k - 1]], to: placed[ends[k]], paths: paths.slice(ends[k - 1], ends[k]) });
    const routes = [routeBody(this.graph, this.junctions, legs, request, this.datasource)];
    // As OSRM, alternatives are searched between two coordinates only; each is one leg through its via node.
    if (alternatives > 0 && n === 2) {
      this.alternativesCache ??= new AlternativeRoutes(this.graph, this.prepared.ch, this.query);
      for (const halves of this.alternativesCache.find(placed[0], placed[1], paths[0], alternatives)) {
        routes.push(routeBody(this.graph, this.junctions, [{ from: placed[0], to: placed[1], paths: halves }], request, this.datasource));
      }
    }
    const body: Json = { code: 'Ok', routes };
    if (!request.skipWaypoints) body.waypoints = placed.map((p) => waypointOf(p, request.generateHints ?? true));
    return body;
  }

  table(request: OsrmTableRequest): Json {
    return JSON.parse(Buffer.from(this.tableJson(request)).toString('utf8')) as Json;
  }

  /** The table answer as UTF-8 JSON bytes, matrices written straight from the path keys (see decimal-matrix.ts). */
  tableJson(request: OsrmTableRequest): Uint8Array {
    return this.tableAnswer(request).json();
  }

  /** The table request checked and placed (OSRM's errors thrown now); its body is computed and written in chunks. */
  tableAnswer(request: OsrmTableRequest): TableAnswer {
    const service = this.serviceFor(request);
    if (service !== this) return service.tableAnswer({ ...request, exclude: undefined });
    return new TableAnswer(this, request);
  }

  takeBuckets(): BucketTable {
    return this.idleBuckets.pop() ?? new BucketTable(this.prepared.ch);
  }

  releaseBuckets(buckets: BucketTable): void {
    if (this.idleBuckets.length < MAX_IDLE_BUCKETS) this.idleBuckets.push(buckets);
  }

  nearest(request: OsrmNearestRequest): Json {
    const service = this.serviceFor(request);
    if (service !== this) return service.nearest({ ...request, exclude: undefined });
    if (request.coordinates.length !== 1) throw new OsrmCodeError('InvalidOptions', 'Only one input coordinate is supported');
    const number = request.number ?? 1;
    if (!Number.isInteger(number) || number < 1) throw new OsrmCodeError('InvalidOptions', 'Number of results must be at least 1');
    if (number > this.limits.maxNearestSize) throw new OsrmCodeError('TooBig', `Number of results ${number} is higher than current maximum (${this.limits.maxNearestSize})`);
    this.checkPointOptions(request);
    const radius = request.radiuses?.[0];
    const bearing = request.bearings?.[0] ?? null;
    const { lon, lat } = this.graph;
    const runsAlong = (tail: number, head: number): boolean => bearing === null || bearingGap(bearingDeg(lon[tail], lat[tail], lon[head], lat[head]), bearing[0]) <= bearing[1];
    let snaps;
    try {
      snaps = this.snapper.nearest(request.coordinates[0], number, 'coordinates[0]', {
        maxSnapM: radius === undefined ? this.limits.defaultRadiusM : radius ?? Infinity,
        accept: bearing === null ? undefined : (from, to, twoWay) => runsAlong(from, to) || (twoWay && runsAlong(to, from)),
      });
    } catch (error) {
      if (error instanceof RoutingError && error.code === 'no_segment') throw new OsrmCodeError('NoSegment', 'Could not find a matching segment for coordinate 0');
      throw error;
    }
    const hints = request.generateHints ?? true;
    const waypoints = snaps.map((snap) => waypointOf({ input: request.coordinates[0], snap, phantom: { occupancies: [] }, hint: encodeHint(this.fingerprint, snap.edge, snap.fraction) }, hints, true));
    return { code: 'Ok', waypoints };
  }
}
