// Minimal OSRM route steps (one `depart` and one `arrive` per leg, each leg's geometry split from the route's), so clients
// that draw from steps (leaflet-routing-machine asks for steps=true) work; jejaring has no turn-by-turn guidance.
import type { LonLat, Route } from './routing-provider.js';

/** Indonesia drives on the left. */
const DRIVING_SIDE = 'left';

/** Index in `coordinates` (from `start`) of the point nearest `target`; exact matches win at once. */
function indexOfNearest(coordinates: readonly LonLat[], target: LonLat, start: number): number {
  let best = start, bestD = Infinity;
  for (let i = start; i < coordinates.length; i++) {
    const dx = coordinates[i][0] - target[0], dy = coordinates[i][1] - target[1];
    const d = dx * dx + dy * dy;
    if (d === 0) return i;
    if (d < bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

/** The route geometry cut at each intermediate waypoint: one coordinate list per leg (at least two points each). */
export function splitLegGeometry(route: Route): LonLat[][] {
  const coordinates = route.geometry.coordinates;
  const pieces: LonLat[][] = [];
  let start = 0;
  for (let leg = 0; leg < route.legs.length; leg++) {
    const last = leg === route.legs.length - 1;
    const end = last ? coordinates.length - 1 : indexOfNearest(coordinates, route.waypoints[leg + 1].location, start);
    const piece = coordinates.slice(start, end + 1);
    pieces.push(piece.length >= 2 ? piece : [coordinates[start], coordinates[start]]);
    start = end;
  }
  return pieces;
}

/** Initial compass bearing from a to b, whole degrees 0..359. */
function bearingDeg(a: LonLat, b: LonLat): number {
  const k = Math.PI / 180;
  const y = Math.sin((b[0] - a[0]) * k) * Math.cos(b[1] * k);
  const x = Math.cos(a[1] * k) * Math.sin(b[1] * k) - Math.sin(a[1] * k) * Math.cos(b[1] * k) * Math.cos((b[0] - a[0]) * k);
  return (Math.round((Math.atan2(y, x) / k) + 360)) % 360;
}

export interface OsrmStep {
  geometry: unknown;
  maneuver: { type: 'depart' | 'arrive'; location: [number, number]; bearing_before: number; bearing_after: number };
  mode: 'driving';
  driving_side: string;
  name: string;
  intersections: { location: [number, number]; bearings: number[]; entry: boolean[]; in?: number; out?: number }[];
  weight: number;
  duration: number;
  distance: number;
}

/** `depart` + `arrive` steps for one leg; `encode` renders a coordinate list in the requested geometry format. */
export function legSteps(piece: readonly LonLat[], leg: { durationS: number; distanceM: number }, name: string, encode: (c: readonly LonLat[]) => unknown): OsrmStep[] {
  const first = piece[0], second = piece[1], end = piece[piece.length - 1], beforeEnd = piece[piece.length - 2];
  const out = bearingDeg(first, second), into = bearingDeg(beforeEnd, end);
  const at = (p: LonLat): [number, number] => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6]; // OSRM prints six decimals
  return [
    {
      geometry: encode(piece), name, mode: 'driving', driving_side: DRIVING_SIDE,
      maneuver: { type: 'depart', location: at(first), bearing_before: 0, bearing_after: out },
      intersections: [{ location: at(first), bearings: [out], entry: [true], out: 0 }],
      weight: leg.durationS, duration: leg.durationS, distance: leg.distanceM,
    },
    {
      geometry: encode([end, end]), name, mode: 'driving', driving_side: DRIVING_SIDE,
      maneuver: { type: 'arrive', location: at(end), bearing_before: into, bearing_after: 0 },
      intersections: [{ location: at(end), bearings: [(into + 180) % 360], entry: [true], in: 0 }],
      weight: 0, duration: 0, distance: 0,
    },
  ];
}
