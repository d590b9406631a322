// OSRM's trip service: the visiting order of the coordinates (round trip, fixed start and/or end) from the project's
// solver on their travel-time table, then its route.
import { OsrmCodeError, type OsrmTripRequest } from './osrm-request.js';
import { type Json, type PlannedLeg, routeBody, waypointOf } from './osrm-route-body.js';
import type { OsrmService } from './osrm-service.js';
import { tripOrder } from './trip-order.js';

export function tripAnswer(service: OsrmService, request: OsrmTripRequest): Json {
  const n = request.coordinates.length;
  if (n < 2) throw new OsrmCodeError('InvalidOptions', 'Number of coordinates needs to be at least two.');
  if (n > service.limits.maxTripSize) throw new OsrmCodeError('TooBig', `Number of entries ${n} is higher than current maximum (${service.limits.maxTripSize})`);
  service.checkPointOptions(request);
  const roundtrip = request.roundtrip ?? true;
  const fixFirst = request.source === 'first', fixLast = request.destination === 'last';
  if (!roundtrip && !(fixFirst || fixLast)) throw new OsrmCodeError('NotImplemented', 'This request is not supported: an open trip needs source=first or destination=last');
  const placed = service.placeAll(request);
  const cost = service.pathKeys(placed, placed);
  const order = tripOrder(cost, n, { roundtrip, fixFirst, fixLast });
  const stops = roundtrip ? [...order, order[0]] : order;
  const legs: PlannedLeg[] = [];
  for (let k = 1; k < stops.length; k++) legs.push({ from: placed[stops[k - 1]], to: placed[stops[k]], paths: [service.leg(placed[stops[k - 1]], placed[stops[k]])] });
  const body: Json = { code: 'Ok', trips: [routeBody(service.graph, service.junctions, legs, request, service.datasource)] };
  if (!request.skipWaypoints) {
    const hints = request.generateHints ?? true;
    body.waypoints = placed.map((p, i) => ({ waypoint_index: order.indexOf(i), trips_index: 0, ...waypointOf(p, hints) }));
  }
  return body;
}
