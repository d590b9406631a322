// Points checked against the configured road network when they are created (markets and their bases, stalls,
// customers, orders): one farther from every road than the router snaps (500 m) could never be routed, so it is
// refused with 422 `off_road_network` naming the field and the distance to the nearest road. Without a road graph
// (straight-line routing, or OSRM alone) every point is accepted.
import type { FastifyInstance } from 'fastify';
import { Snapper, type RoadGraph } from '../../engine/index.js';
import { ApiError, type FieldError } from '../errors.js';
import { globalPlugin } from './global-plugin.js';

export interface RoadReachOptions extends Record<string, unknown> {
  readonly roadGraph?: RoadGraph;
  /** Farthest a point may lie from a road (metres; default 500, the embedded router's snapping limit). */
  readonly maxSnapM?: number;
}

/** Distance from a point to the nearest road of one graph; the index is built on the first question. */
export class RoadReach {
  private snapper: Snapper | null = null;
  constructor(private readonly graph: RoadGraph, readonly maxSnapM: number) {}

  /** Metres from `point` to the nearest road segment. */
  distanceM(point: { lon: number; lat: number }, field: string): number {
    this.snapper ??= new Snapper(this.graph, { maxSnapM: Number.POSITIVE_INFINITY });
    return this.snapper.snap([point.lon, point.lat], field).snapDistanceM;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The road network points are checked against, or null when none is configured. */
    roadReach: RoadReach | null;
  }
}

/** A point of a request body and its JSON Pointer (`/body/location`); absent points are skipped. */
export interface PointField {
  readonly path: string;
  readonly point: { lon: number; lat: number } | undefined;
}

/** Throws 422 `off_road_network` when any given point lies farther from every road than the limit. */
export function assertOnRoadNetwork(app: FastifyInstance, fields: readonly PointField[]): void {
  const reach = app.roadReach;
  if (!reach) return;
  const errors: FieldError[] = [];
  const far: { path: string; distance_to_road_m: number }[] = [];
  for (const { path, point } of fields) {
    if (!point) continue;
    const distanceM = Math.round(reach.distanceM(point, path));
    if (distanceM <= reach.maxSnapM) continue;
    errors.push({ path, message: `the nearest road is ${distanceM} m away; a point must lie within ${reach.maxSnapM} m of a road` });
    far.push({ path, distance_to_road_m: distanceM });
  }
  if (errors.length === 0) return;
  throw new ApiError('off_road_network', `${far[0].path} is ${far[0].distance_to_road_m} m from the nearest road (limit ${reach.maxSnapM} m)`, errors, {
    max_distance_to_road_m: reach.maxSnapM, fields: far,
  });
}

export default globalPlugin<RoadReachOptions>('jejaring-road-reach', async (app: FastifyInstance, options) => {
  app.decorate('roadReach', options.roadGraph ? new RoadReach(options.roadGraph, options.maxSnapM ?? 500) : null);
});
