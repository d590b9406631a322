// Input checks for the embedded router: coordinate lists present, within limits, every coordinate a valid [lon, lat].
import { InputError } from '../errors.js';
import { assertLonLat } from '../graph/snapper.js';
import type { LonLat } from './routing-provider.js';

/** Request limits of the embedded router. */
export interface EmbeddedLimits {
  /** Most sources, and most destinations, in one table (default 10,000). */
  readonly maxTableCoordinates: number;
  /** Most cells (sources × destinations) in one table (default 4,000,000: the result arrays are 16 bytes per cell). */
  readonly maxTableCells: number;
  /** Most waypoints in one route (default 500). */
  readonly maxRouteWaypoints: number;
  /** Most points `nearest` returns (default 100). */
  readonly maxNearestCount: number;
}

export const DEFAULT_EMBEDDED_LIMITS: EmbeddedLimits = {
  maxTableCoordinates: 10_000,
  maxTableCells: 4_000_000,
  maxRouteWaypoints: 500,
  maxNearestCount: 100,
};

/** Checks a coordinate list: InputError `no_coordinates`, `too_many_coordinates` or `invalid_coordinate` (naming `field[i]`). */
export function assertCoordinateList(points: unknown, field: string, max: number, min = 1): asserts points is readonly LonLat[] {
  if (!Array.isArray(points) || points.length === 0) {
    throw new InputError('no_coordinates', `${field} must be a non-empty list of [lon, lat] coordinates`, field);
  }
  if (points.length < min) {
    throw new InputError('too_few_coordinates', `${field} needs at least ${min} coordinates, got ${points.length}`, field);
  }
  if (points.length > max) {
    throw new InputError('too_many_coordinates', `${field} has ${points.length} coordinates, more than the limit of ${max}`, field);
  }
  for (let i = 0; i < points.length; i++) assertLonLat(points[i], `${field}[${i}]`);
}
