// Turn-by-turn steps of one leg from its road pieces: a new step where the street name changes or the road turns at
// an intersection; maneuver type and modifier from the turn angle; OSRM's intersections per step.
import type { RoadGraph } from '../../graph/road-graph.js';
import type { LonLat } from '../routing-provider.js';
import { bearingDeg, modifierOf, sideOf, turnDeg } from './geometry.js';
import type { RoadPiece } from './leg-path.js';
import type { RoadJunctions } from './road-junctions.js';

export type ManeuverType = 'depart' | 'turn' | 'new name' | 'continue' | 'arrive';

export interface StepIntersection {
  location: LonLat;
  bearings: number[];
  entry: boolean[];
  in?: number;
  out?: number;
}

/** One step: travel along one street after one maneuver. */
export interface TurnStep {
  readonly type: ManeuverType;
  readonly modifier?: ReturnType<typeof modifierOf> | 'left' | 'right';
  readonly location: LonLat;
  readonly bearingBefore: number;
  readonly bearingAfter: number;
  readonly name: string;
  readonly coordinates: LonLat[];
  readonly durationDs: number;
  readonly distanceDm: number;
  readonly intersections: StepIntersection[];
}

/** A turn sharper than this at an intersection starts a step even when the name stays (OSRM's `continue`). */
const CONTINUE_TURN_DEG = 45;
/** Below this, a name change is `new name` (straight on) rather than `turn`. */
const STRAIGHT_DEG = 25;

function pieceBearing(p: RoadPiece): number {
  return bearingDeg(p.fromLon, p.fromLat, p.toLon, p.toLat);
}

/** Bearing of the road leaving or entering over at least ~20 m, so a 1 m stub does not decide the angle. */
function spanBearing(pieces: readonly RoadPiece[], start: number, forward: boolean): number {
  let i = start, lengthDm = 0;
  const first = pieces[start];
  let end = first;
  while (i >= 0 && i < pieces.length && lengthDm < 200) {
    end = pieces[i];
    lengthDm += end.distanceDm;
    if (pieces[i].nameIndex !== first.nameIndex) break;
    i += forward ? 1 : -1;
  }
  return forward ? bearingDeg(first.fromLon, first.fromLat, end.toLon, end.toLat) : bearingDeg(end.fromLon, end.fromLat, first.toLon, first.toLat);
}

const whole = (b: number): number => Math.round(b) % 360;

/** The intersection at node u, entered from `prev` and left towards `next`. */
function intersectionAt(junctions: RoadJunctions, graph: RoadGraph, u: number, prev: number, next: number): StepIntersection {
  const j = junctions.junction(u);
  const at: StepIntersection = { location: [graph.lon[u], graph.lat[u]], bearings: j.bearings, entry: j.entry };
  const i = j.neighbours.indexOf(prev), o = j.neighbours.indexOf(next);
  if (i >= 0) at.in = i;
  if (o >= 0) at.out = o;
  return at;
}

/** The steps of one leg (depart … arrive); `from` and `to` are the leg's input coordinates. */
export function legSteps(graph: RoadGraph, junctions: RoadJunctions, pieces: readonly RoadPiece[], from: LonLat, to: LonLat, start: LonLat, end: LonLat): TurnStep[] {
  const names = graph.names;
  if (pieces.length === 0) {
    const name = '';
    return [
      { type: 'depart', location: start, bearingBefore: 0, bearingAfter: 0, name, coordinates: [start, end], durationDs: 0, distanceDm: 0, intersections: [{ location: start, bearings: [0], entry: [true], out: 0 }] },
      { type: 'arrive', location: end, bearingBefore: 0, bearingAfter: 0, name, coordinates: [end, end], durationDs: 0, distanceDm: 0, intersections: [{ location: end, bearings: [180], entry: [true], in: 0 }] },
    ];
  }
  type Draft = { type: ManeuverType; modifier?: TurnStep['modifier']; location: LonLat; bearingBefore: number; bearingAfter: number; nameIndex: number; startPiece: number };
  const drafts: Draft[] = [];
  const departAfter = whole(pieceBearing(pieces[0]));
  const departSide = sideOf([pieces[0].fromLon, pieces[0].fromLat], [pieces[0].toLon, pieces[0].toLat], from);
  drafts.push({ type: 'depart', modifier: departSide === 0 ? undefined : departSide === 1 ? 'left' : 'right', location: start, bearingBefore: 0, bearingAfter: departAfter, nameIndex: pieces[0].nameIndex, startPiece: 0 });
  for (let i = 1; i < pieces.length; i++) {
    const before = pieces[i - 1], after = pieces[i];
    const u = before.headNode;
    if (!before.reachesHead || after.tailNode !== u) continue;
    const bearingBefore = spanBearing(pieces, i - 1, false), bearingAfter = spanBearing(pieces, i, true);
    const turn = turnDeg(bearingBefore, bearingAfter);
    const renamed = after.nameIndex !== before.nameIndex;
    const choice = junctions.isIntersection(u);
    let type: ManeuverType | null = null;
    if (renamed) type = Math.abs(turn) < STRAIGHT_DEG ? 'new name' : 'turn';
    else if (choice && Math.abs(turn) >= CONTINUE_TURN_DEG) type = 'continue';
    if (!type) continue;
    drafts.push({ type, modifier: modifierOf(turn), location: [graph.lon[u], graph.lat[u]], bearingBefore: whole(bearingBefore), bearingAfter: whole(bearingAfter), nameIndex: after.nameIndex, startPiece: i });
  }
  const steps: TurnStep[] = drafts.map((d, k) => {
    const stop = k + 1 < drafts.length ? drafts[k + 1].startPiece : pieces.length;
    const coordinates: LonLat[] = [[pieces[d.startPiece].fromLon, pieces[d.startPiece].fromLat]];
    let durationDs = 0, distanceDm = 0;
    const intersections: StepIntersection[] = [];
    for (let i = d.startPiece; i < stop; i++) {
      const p = pieces[i];
      coordinates.push([p.toLon, p.toLat]);
      durationDs += p.durationDs;
      distanceDm += p.distanceDm;
      if (i === d.startPiece) {
        if (d.type === 'depart') intersections.push({ location: d.location, bearings: [d.bearingAfter], entry: [true], out: 0 });
        else {
          const at = intersectionAt(junctions, graph, p.tailNode, pieces[i - 1].tailNode, p.headNode);
          intersections.push(at);
          // The maneuver's bearings are the intersection's (the turn itself was judged over a longer stretch).
          if (at.out !== undefined) d.bearingAfter = at.bearings[at.out];
          if (at.in !== undefined) d.bearingBefore = (at.bearings[at.in] + 180) % 360;
        }
      }
      const next = pieces[i + 1];
      if (i + 1 < stop && p.reachesHead && next.tailNode === p.headNode && junctions.isIntersection(p.headNode)) {
        intersections.push(intersectionAt(junctions, graph, p.headNode, p.tailNode, next.headNode));
      }
    }
    return { type: d.type, modifier: d.modifier, location: d.location, bearingBefore: d.bearingBefore, bearingAfter: d.bearingAfter, name: names[d.nameIndex] ?? '', coordinates, durationDs, distanceDm, intersections };
  });
  const lastPiece = pieces[pieces.length - 1];
  const arriveBefore = whole(pieceBearing(lastPiece));
  const arriveSide = sideOf([lastPiece.fromLon, lastPiece.fromLat], [lastPiece.toLon, lastPiece.toLat], to);
  steps.push({
    type: 'arrive', modifier: arriveSide === 0 ? undefined : arriveSide === 1 ? 'left' : 'right', location: end, bearingBefore: arriveBefore, bearingAfter: 0,
    name: names[lastPiece.nameIndex] ?? '', coordinates: [end, end], durationDs: 0, distanceDm: 0,
    intersections: [{ location: end, bearings: [(arriveBefore + 180) % 360], entry: [true], in: 0 }],
  });
  return steps;
}
