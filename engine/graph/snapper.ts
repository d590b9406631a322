// Snapper: places a coordinate on the nearest routable road segment by projection (not the nearest node), via a flatbush index.
import Flatbush from 'flatbush';
import { InputError, RoutingError } from '../errors.js';
import { haversineM, isValidLonLat, metresPerDegree } from '../geo.js';
import type { RoadGraph } from './road-graph.js';

/** A coordinate placed on a road segment. */
export interface SnapResult {
  /** The directed edge the point lies on (for two-way roads: the direction from the lower node id, or the only direction). */
  readonly edge: number;
  /** Tail and head nodes of `edge`. */
  readonly from: number;
  readonly to: number;
  /** Position along `edge` from `from` (0) to `to` (1). */
  readonly fraction: number;
  /** The opposite directed edge (to → from) on the same segment, or -1 when the road is one-way. */
  readonly reverseEdge: number;
  /** The snapped point, [lon, lat]. */
  readonly location: readonly [number, number];
  /** Great-circle distance from the input coordinate to `location`, metres. */
  readonly snapDistanceM: number;
  /** Street name of the segment, '' when unnamed. */
  readonly name: string;
}

export interface SnapperOptions {
  /** Farther than this from every road → RoutingError `no_segment`. Default 500 m. */
  readonly maxSnapM?: number;
  /**
   * Index the segments off the main network too (islands and one-way fringes; see RoadGraph.mainNodeCount). Default
   * false: every snap lands on the main network, from where every other snap is reachable.
   */
  readonly islands?: boolean;
  /** Leave out the edges of these road classes (bit mask of RoadGraph.roadClass): OSRM's `exclude`. Default 0. */
  readonly excludeClasses?: number;
}

/** Per-query snapping limits: a radius and a filter on the segment (its tail, head and whether it is two-way). */
export interface SnapQuery {
  readonly maxSnapM?: number;
  readonly accept?: (from: number, to: number, twoWay: boolean) => boolean;
}

/** Checks a [lon, lat] pair; throws InputError `invalid_coordinate` naming it. */
export function assertLonLat(point: unknown, field = 'coordinates'): asserts point is readonly [number, number] {
  const ok = Array.isArray(point) && point.length === 2 && isValidLonLat(point[0], point[1]);
  if (!ok) throw new InputError('invalid_coordinate', `coordinate ${JSON.stringify(point)} is not a valid [lon, lat] (lon in [-180, 180], lat in [-90, 90])`, field);
}

/** Nearest-segment queries over one RoadGraph. Each undirected road segment is indexed once. */
export class Snapper {
  readonly maxSnapM: number;
  private readonly index: Flatbush;
  /** Per indexed segment: the directed edge it stands for. */
  private readonly segmentEdge: Uint32Array;
  /** Per indexed segment: its tail node (the edge's source; CSR does not store sources). */
  private readonly segmentFrom: Uint32Array;
  /** Per indexed segment: the opposite directed edge, -1 for one-way segments. */
  private readonly segmentReverse: Int32Array;
  /** Index x-scale: x = lon · lonScale, y = lat (degrees of latitude), so boxes are roughly isotropic. */
  private readonly lonScale: number;

  constructor(readonly graph: RoadGraph, options: SnapperOptions = {}) {
    this.maxSnapM = options.maxSnapM ?? 500;
    const { nodeCount, firstEdge, target, durationDs, lon, lat, roadClass } = graph;
    const nodeLimit = options.islands ? nodeCount : graph.mainNodeCount;
    const excluded = options.excludeClasses ?? 0;
    let minLat = Infinity, maxLat = -Infinity;
    for (let u = 0; u < nodeCount; u++) {
      if (lat[u] < minLat) minLat = lat[u];
      if (lat[u] > maxLat) maxLat = lat[u];
    }
    this.lonScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const edges: number[] = [], froms: number[] = [], reverses: number[] = [];
    for (let u = 0; u < nodeLimit; u++) {
      for (let e = firstEdge[u]; e < firstEdge[u + 1]; e++) {
        const v = target[e];
        if (v >= nodeLimit || (roadClass[e] & excluded) !== 0) continue;
        let reverse = -1;
        for (let r = firstEdge[v]; r < firstEdge[v + 1]; r++) {
          if (target[r] === u && (roadClass[r] & excluded) === 0 && (reverse === -1 || durationDs[r] < durationDs[reverse])) reverse = r;
        }
        if (reverse !== -1 && v < u) continue; // two-way: indexed from the lower node id
        edges.push(e);
        froms.push(u);
        reverses.push(reverse);
      }
    }
    this.segmentEdge = Uint32Array.from(edges);
    this.segmentFrom = Uint32Array.from(froms);
    this.segmentReverse = Int32Array.from(reverses);
    this.index = new Flatbush(Math.max(1, edges.length), 16, Float64Array);
    for (let s = 0; s < edges.length; s++) {
      const a = froms[s], b = target[edges[s]];
      const k = this.lonScale;
      this.index.add(Math.min(lon[a], lon[b]) * k, Math.min(lat[a], lat[b]), Math.max(lon[a], lon[b]) * k, Math.max(lat[a], lat[b]));
    }
    if (edges.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  /** The nearest point on any road; RoutingError `no_segment` when it is farther than `maxSnapM`. */
  snap(point: readonly [number, number], field = 'coordinates'): SnapResult {
    return this.nearest(point, 1, field)[0];
  }

  /**
   * Up to `count` nearest road segments (each at most once), nearest first, all within `query.maxSnapM` (default
   * the snapper's `maxSnapM`; Infinity for no limit) and accepted by `query.accept` when given.
   */
  nearest(point: readonly [number, number], count = 1, field = 'coordinates', query: SnapQuery = {}): SnapResult[] {
    assertLonLat(point, field);
    if (!Number.isInteger(count) || count < 1) throw new InputError('invalid_count', `count must be a positive integer, got ${count}`, 'count');
    const maxM = query.maxSnapM ?? this.maxSnapM;
    const accept = query.accept;
    const filter = accept ? (s: number) => accept(this.segmentFrom[s], this.graph.target[this.segmentEdge[s]], this.segmentReverse[s] >= 0) : undefined;
    const [qLon, qLat] = point;
    const metres = metresPerDegree(qLat);
    const want = Math.min(count, this.segmentEdge.length);
    // Phase 1: a few nearest boxes give an upper bound on the want-th nearest segment distance.
    const seeds = this.index.neighbors(qLon * this.lonScale, qLat, Math.max(16, want * 4), Infinity, filter);
    const seedDist = seeds.map((s) => this.distanceM(s, qLon, qLat, metres)).sort((a, b) => a - b);
    // Fewer seeds than wanted: the index holds no other acceptable segment. Nothing beyond maxM is returned either.
    const boundM = seeds.length < want ? Infinity : Math.min(seedDist[want - 1], maxM * 1.001);
    // Phase 2: every segment whose box lies within that bound (exact in the local metric).
    const candidates = Number.isFinite(boundM)
      ? this.index.search(...this.window(qLon, qLat, boundM, metres), filter)
      : seeds;
    const ranked = candidates.map((s) => ({ s, d: this.distanceM(s, qLon, qLat, metres) })).sort((a, b) => a.d - b.d || a.s - b.s);
    const results: SnapResult[] = [];
    for (const { s } of ranked.slice(0, want)) {
      const snapped = this.project(s, qLon, qLat, metres);
      if (snapped.snapDistanceM <= maxM) results.push(snapped);
    }
    if (results.length === 0) {
      throw new RoutingError('no_segment', `no road within ${maxM} m of coordinate [${qLon}, ${qLat}]`, field);
    }
    return results;
  }

  /** Search box (index units) holding every segment within `radiusM` of the query. */
  private window(qLon: number, qLat: number, radiusM: number, metres: { lon: number; lat: number }): [number, number, number, number] {
    const ry = (radiusM / metres.lat) * 1.001 + 1e-12;
    const rx = (radiusM / Math.max(metres.lon, 1e-9)) * this.lonScale * 1.001 + 1e-12;
    const x = qLon * this.lonScale;
    return [x - rx, qLat - ry, x + rx, qLat + ry];
  }

  /** Fraction along segment s of the point nearest the query, in the local equirectangular metric. */
  private fractionOn(s: number, qLon: number, qLat: number, metres: { lon: number; lat: number }): number {
    const { lon, lat, target } = this.graph;
    const a = this.segmentFrom[s], b = target[this.segmentEdge[s]];
    const ax = (lon[a] - qLon) * metres.lon, ay = (lat[a] - qLat) * metres.lat;
    const bx = (lon[b] - qLon) * metres.lon, by = (lat[b] - qLat) * metres.lat;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) return 0;
    return Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2));
  }

  /** Local-metric distance from the query to segment s, metres. */
  private distanceM(s: number, qLon: number, qLat: number, metres: { lon: number; lat: number }): number {
    const { lon, lat, target } = this.graph;
    const a = this.segmentFrom[s], b = target[this.segmentEdge[s]];
    const t = this.fractionOn(s, qLon, qLat, metres);
    const x = (lon[a] + t * (lon[b] - lon[a]) - qLon) * metres.lon;
    const y = (lat[a] + t * (lat[b] - lat[a]) - qLat) * metres.lat;
    return Math.hypot(x, y);
  }

  private project(s: number, qLon: number, qLat: number, metres: { lon: number; lat: number }): SnapResult {
    const { lon, lat, target, names, nameIndex } = this.graph;
    const edge = this.segmentEdge[s];
    const from = this.segmentFrom[s], to = target[edge];
    const fraction = this.fractionOn(s, qLon, qLat, metres);
    const location: [number, number] = [lon[from] + fraction * (lon[to] - lon[from]), lat[from] + fraction * (lat[to] - lat[from])];
    return {
      edge, from, to, fraction, reverseEdge: this.segmentReverse[s], location,
      snapDistanceM: haversineM(qLon, qLat, location[0], location[1]),
      name: names[nameIndex[edge]] ?? '',
    };
  }
}
