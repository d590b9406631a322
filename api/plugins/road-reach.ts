// Points checked against the configured road network when they are created (markets and their bases, stalls,
// customers, orders): one farther from every road than the router snaps (500 m) could never be routed, and one whose
// nearest road lies on a road island (not connected both ways to the main network) could never reach its market, so
// both are refused with 422 `off_road_network` naming the field and the distances. Without a road graph
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

/** Where a point meets the road network: its nearest road, and the nearest road of the main network. */
export interface RoadDistances {
  /** Metres to the nearest road segment, islands included. */
  readonly nearestM: number;
  /** Whether that nearest road is on the main network (false: a road island or one-way fringe). */
  readonly nearestOnMain: boolean;
  /** Metres to the nearest main-network segment (the one routes start from). */
  readonly mainM: number;
}

/** Distances from a point to the roads of one graph; the indexes are built on the first question. */
export class RoadReach {
  private anyRoad: Snapper | null = null;
  private mainRoad: Snapper | null = null;
  constructor(private readonly graph: RoadGraph, readonly maxSnapM: number) {}

  /** Metres from `point` to the nearest road segment (islands included) and to the main network. */
  distances(point: { lon: number; lat: number }, field: string): RoadDistances {
    this.anyRoad ??= new Snapper(this.graph, { maxSnapM: Number.POSITIVE_INFINITY, islands: true });
    this.mainRoad ??= new Snapper(this.graph, { maxSnapM: Number.POSITIVE_INFINITY });
    const nearest = this.anyRoad.snap([point.lon, point.lat], field);
    const main = this.graph.mainNodeCount;
    const nearestOnMain = nearest.from < main && nearest.to < main;
    const mainM = nearestOnMain ? nearest.snapDistanceM : this.mainRoad.snap([point.lon, point.lat], field).snapDistanceM;
    return { nearestM: nearest.snapDistanceM, nearestOnMain, mainM };
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

/**
 * Throws 422 `off_road_network` when any given point lies farther from every road than the limit, or when its nearest
 * road is on a road island (`on_road_island: true`, with the distance to the connected network).
 */
export function assertOnRoadNetwork(app: FastifyInstance, fields: readonly PointField[]): void {
  const reach = app.roadReach;
  if (!reach) return;
  const errors: FieldError[] = [];
  const refused: { path: string; distance_to_road_m: number; on_road_island: boolean; distance_to_connected_road_m: number }[] = [];
  for (const { path, point } of fields) {
    if (!point) continue;
    const d = reach.distances(point, path);
    const nearestM = Math.round(d.nearestM), mainM = Math.round(d.mainM);
    if (d.nearestOnMain && nearestM <= reach.maxSnapM) continue;
    if (nearestM > reach.maxSnapM) {
      errors.push({ path, message: `the nearest road is ${nearestM} m away; a point must lie within ${reach.maxSnapM} m of a road` });
    } else {
      errors.push({
        path,
        message: `the nearest road (${nearestM} m away) is not connected to the road network the markets are on, so no courier route can reach it; the nearest connected road is ${mainM} m away`,
      });
    }
    refused.push({ path, distance_to_road_m: nearestM, on_road_island: !d.nearestOnMain, distance_to_connected_road_m: mainM });
  }
  if (errors.length === 0) return;
  const first = refused[0];
  const detail = first.distance_to_road_m > reach.maxSnapM
    ? `${first.path} is ${first.distance_to_road_m} m from the nearest road (limit ${reach.maxSnapM} m)`
    : `${first.path} lies by a road not connected to the road network (${first.distance_to_road_m} m away; the nearest connected road is ${first.distance_to_connected_road_m} m away)`;
  throw new ApiError('off_road_network', detail, errors, { max_distance_to_road_m: reach.maxSnapM, fields: refused });
}

export default globalPlugin<RoadReachOptions>('jejaring-road-reach', async (app: FastifyInstance, options) => {
  app.decorate('roadReach', options.roadGraph ? new RoadReach(options.roadGraph, options.maxSnapM ?? 500) : null);
});
