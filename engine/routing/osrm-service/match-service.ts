// OSRM's match service: a hidden Markov model over road candidates near each GPS point (emission: distance to the
// road; transition: route length against straight-line length), solved by Viterbi; breaks start a new matching.
import { phantomNode } from '../../graph/ch/phantom.js';
import { keyDistanceDm } from '../../graph/ch/path-key.js';
import { haversineM } from '../../geo.js';
import type { LonLat } from '../routing-provider.js';
import { encodeHint } from './osrm-hint.js';
import { OsrmCodeError, type OsrmMatchRequest } from './osrm-request.js';
import { type Json, type PlannedLeg, routeBody, waypointOf } from './osrm-route-body.js';
import type { OsrmService } from './osrm-service.js';
import type { Placement } from './placement.js';

/** GPS standard deviation when the request gives no radius, metres (a phone on a motorbike; OSRM assumes 5). */
export const DEFAULT_GPS_SIGMA_M = 10;
/** Candidates per point, and how far they are searched (in standard deviations). */
const CANDIDATES = 6;
const SEARCH_SIGMAS = 4;
/** Transition scale, metres: how much a route may exceed the straight line before it is unlikely. */
const BETA_M = 10;
/** Consecutive kept points are at least this many sigmas apart (1 Hz jitter would otherwise read as back-and-forth riding). */
const THIN_SIGMAS = 5;
/** Timestamps further apart than this split the trace (gaps=split). */
const GAP_S = 60;

interface Candidate { readonly placement: Placement; readonly emission: number }

export function matchAnswer(service: OsrmService, request: OsrmMatchRequest): Json {
  const points = request.coordinates;
  const n = points.length;
  if (n < 2) throw new OsrmCodeError('InvalidOptions', 'Number of coordinates needs to be at least two.');
  if (n > service.limits.maxMatchingSize) throw new OsrmCodeError('TooBig', `Number of entries ${n} is higher than current maximum (${service.limits.maxMatchingSize})`);
  service.checkPointOptions(request);
  if (request.timestamps && request.timestamps.length !== n) throw new OsrmCodeError('InvalidOptions', `Number of elements in timestamps size ${request.timestamps.length} does not match coordinate size ${n}`);
  const sigmaOf = (i: number): number => request.radiuses?.[i] ?? DEFAULT_GPS_SIGMA_M;

  // Thin the trace, then find candidates per kept point.
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    const last = kept[kept.length - 1];
    const far = last === undefined || i === n - 1 || haversineM(points[last][0], points[last][1], points[i][0], points[i][1]) >= THIN_SIGMAS * sigmaOf(i);
    if (far) kept.push(i);
  }
  const candidates = new Map<number, Candidate[]>();
  for (const i of kept) {
    const sigma = sigmaOf(i);
    let snaps: ReturnType<OsrmService['snapper']['nearest']> = [];
    try {
      snaps = service.snapper.nearest(points[i], CANDIDATES, `coordinates[${i}]`, { maxSnapM: Math.max(SEARCH_SIGMAS * sigma, 1) });
    } catch {
      continue; // no road near this point: an outlier, left unmatched
    }
    candidates.set(i, snaps.map((snap) => ({
      placement: { input: points[i], snap, phantom: phantomNode(service.graph, snap), hint: encodeHint(service.fingerprint, snap.edge, snap.fraction) },
      emission: 0.5 * (snap.snapDistanceM / sigma) ** 2,
    })));
  }
  const usable = kept.filter((i) => candidates.has(i));
  if (usable.length < 2) throw new OsrmCodeError('NoMatch', 'Could not match the trace.');

  // Viterbi with breaks: a new matching starts where no transition is possible or a time gap splits the trace.
  const matchings: { indices: number[]; chosen: Candidate[]; cost: number }[] = [];
  let costs = candidates.get(usable[0])!.map((c) => c.emission);
  let back: Int32Array[] = [];
  let run: number[] = [usable[0]];
  const close = (): void => {
    if (run.length >= 2) {
      let best = 0;
      for (let c = 1; c < costs.length; c++) if (costs[c] < costs[best]) best = c;
      const chosen: Candidate[] = new Array(run.length);
      for (let k = run.length - 1; k >= 0; k--) {
        chosen[k] = candidates.get(run[k])![best];
        if (k > 0) best = back[k - 1][best];
      }
      matchings.push({ indices: run, chosen, cost: Math.min(...costs) });
    }
  };
  for (let u = 1; u < usable.length; u++) {
    const prevIndex = usable[u - 1], index = usable[u];
    const prev = candidates.get(prevIndex)!, cur = candidates.get(index)!;
    const gap = request.gaps !== 'ignore' && request.timestamps !== undefined && request.timestamps[index] - request.timestamps[prevIndex] > GAP_S;
    const straightM = haversineM(points[prevIndex][0], points[prevIndex][1], points[index][0], points[index][1]);
    const keys = gap ? null : service.pathKeys(prev.map((c) => c.placement), cur.map((c) => c.placement));
    const next = new Array<number>(cur.length).fill(Infinity);
    const from = new Int32Array(cur.length).fill(-1);
    if (keys) {
      for (let b = 0; b < cur.length; b++) for (let a = 0; a < prev.length; a++) {
        const key = keys[a * cur.length + b];
        if (key === Infinity || costs[a] === Infinity) continue;
        const routeM = keyDistanceDm(key) / 10;
        if (routeM > straightM * 4 + 500) continue; // an implausible detour
        const total = costs[a] + Math.abs(routeM - straightM) / BETA_M + cur[b].emission;
        if (total < next[b]) { next[b] = total; from[b] = a; }
      }
    }
    if (next.every((c) => c === Infinity)) {
      close();
      run = [index];
      back = [];
      costs = cur.map((c) => c.emission);
      continue;
    }
    run.push(index);
    back.push(from);
    costs = next;
  }
  close();
  if (matchings.length === 0) throw new OsrmCodeError('NoMatch', 'Could not match the trace.');

  const hints = request.generateHints ?? true;
  const tracepoints: (Json | null)[] = new Array(n).fill(null);
  const bodies = matchings.map((m, mi) => {
    const legs: PlannedLeg[] = [];
    for (let k = 1; k < m.chosen.length; k++) {
      const a = m.chosen[k - 1].placement, b = m.chosen[k].placement;
      legs.push({ from: a, to: b, paths: [service.leg(a, b)] });
    }
    m.indices.forEach((i, k) => {
      tracepoints[i] = { alternatives_count: candidates.get(i)!.length - 1, waypoint_index: k, matchings_index: mi, ...waypointOf(m.chosen[k].placement, hints) };
    });
    const perStep = m.cost / Math.max(1, m.indices.length);
    return { confidence: Math.round(Math.exp(-perStep / 2) * 1e6) / 1e6, ...routeBody(service.graph, service.junctions, legs, request, service.datasource) };
  });
  const body: Json = { code: 'Ok', matchings: bodies };
  if (!request.skipWaypoints) body.tracepoints = tracepoints;
  return body;
}

/** Length of a matched answer's geometry-independent distance, metres (sum of its matchings). */
export function matchedDistanceM(answer: Json): number {
  return (answer.matchings as { distance: number }[]).reduce((s, m) => s + m.distance, 0);
}

