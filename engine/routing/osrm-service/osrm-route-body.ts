// Builds OSRM route objects (geometry, legs, steps, annotations, summary) and waypoint objects from leg paths.
import type { RoadGraph } from '../../graph/road-graph.js';
import type { LonLat } from '../routing-provider.js';
import type { LegPath } from './leg-path.js';
import { encodeGeometry, location6, round1 } from './osrm-format.js';
import type { OsrmAnnotation, OsrmRouteOptions } from './osrm-request.js';
import type { Placement } from './placement.js';
import type { RoadJunctions } from './road-junctions.js';
import { simplifiedOverview } from './simplify.js';
import { stepInstruction } from './step-instructions.js';
import { legSteps } from './turn-steps.js';

export type Json = Record<string, unknown>;

/** A leg between two placements (several merged legs when `waypoints` skips coordinates). */
export interface PlannedLeg {
  readonly from: Placement;
  readonly to: Placement;
  readonly paths: readonly LegPath[];
}

/** The OSRM waypoint of a placement (`nodes` for nearest). */
export function waypointOf(p: Placement, hints: boolean, nodes = false): Json {
  const w: Json = {};
  if (nodes) w.nodes = [p.snap.from, p.snap.to];
  if (hints) w.hint = p.hint;
  w.distance = p.snap.snapDistanceM;
  w.name = p.snap.name;
  w.location = location6(p.snap.location);
  return w;
}

function legLine(leg: PlannedLeg): LonLat[] {
  const out: LonLat[] = [leg.from.snap.location];
  for (const path of leg.paths) for (const piece of path.pieces) {
    const last = out[out.length - 1];
    if (last[0] !== piece.toLon || last[1] !== piece.toLat) out.push([piece.toLon, piece.toLat]);
  }
  if (out.length === 1) out.push(out[0]);
  return out;
}

function annotationOf(graph: RoadGraph, leg: PlannedLeg, kinds: readonly OsrmAnnotation[], datasource: string): Json {
  const pieces = leg.paths.flatMap((p) => p.pieces);
  const a: Json = {};
  const want = new Set(kinds);
  if (want.has('nodes')) {
    const nodes: number[] = pieces.length > 0 ? [pieces[0].tailNode] : [leg.from.snap.from];
    for (const p of pieces) if (nodes[nodes.length - 1] !== p.headNode) nodes.push(p.headNode);
    a.nodes = nodes;
  }
  if (want.has('duration')) a.duration = pieces.map((p) => round1(p.durationDs / 10));
  if (want.has('distance')) a.distance = pieces.map((p) => p.distanceDm / 10);
  if (want.has('speed')) a.speed = pieces.map((p) => (p.durationDs > 0 ? round1(p.distanceDm / p.durationDs) : 0));
  if (want.has('weight')) a.weight = pieces.map((p) => round1(p.durationDs / 10));
  if (want.has('datasources')) {
    a.datasources = pieces.map(() => 0);
    a.metadata = { datasource_names: [datasource] };
  }
  void graph;
  return a;
}

/** The two most travelled street names of a leg in route order (OSRM's leg summary with steps). */
function summaryOf(graph: RoadGraph, leg: PlannedLeg): string {
  const byName = new Map<number, { dm: number; first: number }>();
  let order = 0;
  for (const path of leg.paths) for (const p of path.pieces) {
    if (p.nameIndex === 0) continue;
    const entry = byName.get(p.nameIndex) ?? { dm: 0, first: order++ };
    entry.dm += p.distanceDm;
    byName.set(p.nameIndex, entry);
  }
  const top = [...byName.entries()].sort((a, b) => b[1].dm - a[1].dm).slice(0, 2).sort((a, b) => a[1].first - b[1].first);
  return top.map(([i]) => graph.names[i]).join(', ');
}

/** One OSRM route object. */
export function routeBody(graph: RoadGraph, junctions: RoadJunctions, legs: readonly PlannedLeg[], options: OsrmRouteOptions, datasource: string): Json {
  const geometries = options.geometries ?? 'polyline';
  const overview = options.overview ?? 'simplified';
  let durationDs = 0, distanceDm = 0;
  const legBodies = legs.map((leg) => {
    const legDs = leg.paths.reduce((s, p) => s + p.durationDs, 0), legDm = leg.paths.reduce((s, p) => s + p.distanceDm, 0);
    durationDs += legDs;
    distanceDm += legDm;
    const body: Json = {};
    if (options.annotations && options.annotations.length > 0) body.annotation = annotationOf(graph, leg, options.annotations, datasource);
    if (options.steps) {
      const pieces = leg.paths.flatMap((p) => p.pieces);
      body.steps = legSteps(graph, junctions, pieces, leg.from.input, leg.to.input, leg.from.snap.location, leg.to.snap.location).map((s) => ({
        intersections: s.intersections.map((x) => ({ ...x, location: location6(x.location) })),
        driving_side: 'left',
        geometry: encodeGeometry(s.coordinates, geometries),
        maneuver: {
          bearing_after: s.bearingAfter, bearing_before: s.bearingBefore, location: location6(s.location), ...(s.modifier ? { modifier: s.modifier } : {}), type: s.type,
          ...(options.language ? { instruction: stepInstruction({ type: s.type, modifier: s.modifier, name: s.name, bearingAfter: s.bearingAfter }, options.language) } : {}),
        },
        name: s.name, mode: 'driving', weight: round1(s.durationDs / 10), duration: round1(s.durationDs / 10), distance: round1(s.distanceDm / 10),
      }));
    } else {
      body.steps = [];
    }
    body.weight = round1(legDs / 10);
    body.summary = options.steps ? summaryOf(graph, leg) : '';
    body.duration = round1(legDs / 10);
    body.distance = round1(legDm / 10);
    return body;
  });
  const route: Json = { legs: legBodies, weight_name: 'duration' };
  if (overview !== 'false') {
    const line: LonLat[] = [];
    for (const leg of legs) for (const point of legLine(leg)) {
      const last = line[line.length - 1];
      if (!last || last[0] !== point[0] || last[1] !== point[1]) line.push(point);
    }
    if (line.length === 1) line.push(line[0]);
    route.geometry = encodeGeometry(overview === 'simplified' ? simplifiedOverview(line) : line, geometries);
  }
  route.weight = round1(durationDs / 10);
  route.duration = round1(durationDs / 10);
  route.distance = round1(distanceDm / 10);
  return route;
}
