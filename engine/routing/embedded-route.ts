// Route assembly for the embedded router: CH paths between consecutive snapped waypoints → legs and one LineString.
import { RoutingError } from '../errors.js';
import type { ChQuery } from '../graph/ch/ch-query.js';
import { keyToMetres, keyToSeconds } from '../graph/ch/path-key.js';
import type { PhantomNode } from '../graph/ch/phantom.js';
import type { RoadGraph } from '../graph/road-graph.js';
import type { LonLat, Route, RouteLeg, SnappedPoint } from './routing-provider.js';

/** A waypoint placed on the graph: its phantom node for searches and its snapped point for the answer. */
export interface PlacedWaypoint {
  readonly phantom: PhantomNode;
  readonly snapped: SnappedPoint;
}

/** The route through `waypoints` in order; RoutingError `no_route` when a leg has no path. */
export function assembleRoute(graph: RoadGraph, query: ChQuery, waypoints: readonly PlacedWaypoint[]): Route {
  const legs: RouteLeg[] = [];
  const coordinates: LonLat[] = [waypoints[0].snapped.location];
  let durationS = 0, distanceM = 0;
  for (let i = 1; i < waypoints.length; i++) {
    const path = query.path(waypoints[i - 1].phantom, waypoints[i].phantom);
    if (path.key === Infinity) {
      throw new RoutingError('no_route', `no route from waypoint ${i - 1} to waypoint ${i}`, `waypoints[${i}]`);
    }
    const leg = { durationS: keyToSeconds(path.key), distanceM: keyToMetres(path.key) };
    legs.push(leg);
    durationS += leg.durationS;
    distanceM += leg.distanceM;
    for (const node of path.nodes) appendPoint(coordinates, [graph.lon[node], graph.lat[node]]);
    appendPoint(coordinates, waypoints[i].snapped.location);
  }
  if (coordinates.length === 1) coordinates.push(coordinates[0]);
  return {
    durationS,
    distanceM,
    legs,
    geometry: { type: 'LineString', coordinates },
    waypoints: waypoints.map((w) => w.snapped),
  };
}

/** Appends a point unless it repeats the last one. */
function appendPoint(coordinates: LonLat[], point: LonLat): void {
  const last = coordinates[coordinates.length - 1];
  if (last[0] !== point[0] || last[1] !== point[1]) coordinates.push(point);
}
