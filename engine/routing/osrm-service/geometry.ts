// Bearings, turn angles and sides in the local metric, for snapping filters, maneuvers and intersections.
import type { LonLat } from '../routing-provider.js';

const RAD = Math.PI / 180;

/** Compass bearing from a to b, degrees in [0, 360). */
export function bearingDeg(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const y = Math.sin((bLon - aLon) * RAD) * Math.cos(bLat * RAD);
  const x = Math.cos(aLat * RAD) * Math.sin(bLat * RAD) - Math.sin(aLat * RAD) * Math.cos(bLat * RAD) * Math.cos((bLon - aLon) * RAD);
  const deg = Math.atan2(y, x) / RAD;
  return (deg + 360) % 360;
}

/** Smallest absolute difference between two bearings, degrees in [0, 180]. */
export function bearingGap(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/** Signed turn from bearing `before` to bearing `after`, degrees in (-180, 180]: negative turns left. */
export function turnDeg(before: number, after: number): number {
  let d = (after - before) % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}

/** Which side of the directed line tail→head `point` lies on: 1 left, -1 right, 0 on it (within 10 cm). */
export function sideOf(tail: LonLat, head: LonLat, point: LonLat): -1 | 0 | 1 {
  const k = Math.cos(tail[1] * RAD);
  const dx = (head[0] - tail[0]) * k, dy = head[1] - tail[1];
  const px = (point[0] - tail[0]) * k, py = point[1] - tail[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return 0;
  const offsetDeg = (dx * py - dy * px) / len; // signed distance in degrees of latitude
  if (Math.abs(offsetDeg) < 1e-6) return 0;
  return offsetDeg > 0 ? 1 : -1;
}

/** OSRM's modifier for a signed turn (negative = left). */
export function modifierOf(turn: number): 'uturn' | 'sharp left' | 'left' | 'slight left' | 'straight' | 'slight right' | 'right' | 'sharp right' {
  const a = Math.abs(turn);
  if (a < 20) return 'straight';
  if (a > 170) return 'uturn';
  const side = turn < 0 ? 'left' : 'right';
  if (a < 60) return `slight ${side}`;
  if (a < 135) return side;
  return `sharp ${side}`;
}
