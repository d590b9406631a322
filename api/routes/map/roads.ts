// GET /v1/map/roads: the loaded road graph as compact polylines for the offline basemap, thinned and simplified per zoom.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ApiError } from '../../errors.js';
import { ROLES } from '../../auth/principal.js';
import { buildRoadSketch, type RoadSketch } from './road-sketch.js';
import { MAX_ZOOM, MIN_ZOOM, roadsInView, type Bbox } from './road-view.js';
import type { RoadGraph } from '../../../engine/index.js';

export const RoadsQuerySchema = Type.Object({
  bbox: Type.String({ description: 'minLon,minLat,maxLon,maxLat in WGS84 degrees', examples: ['106.80,-6.22,106.86,-6.17'] }),
  zoom: Type.Number({ minimum: 0, maximum: 24, description: 'web-mercator zoom of the map view' }),
});

export const RoadsResponseSchema = Type.Object({
  zoom: Type.Integer({ description: `zoom the lines were simplified for (clamped to ${MIN_ZOOM}–${MAX_ZOOM})` }),
  maxRank: Type.Integer({ description: 'highest road rank included: 0 major, 1 medium, 2 minor' }),
  lines: Type.Array(Type.Array(Type.Number()), { description: 'one flat [lon, lat, lon, lat, …] array per polyline' }),
  ranks: Type.Array(Type.Integer(), { description: 'rank of each line' }),
});

export type RoadsQuery = Static<typeof RoadsQuerySchema>;

/** Largest bbox side accepted, degrees (a metropolitan area, not a country). */
const MAX_SPAN_DEG = 2;

/** Parses 'minLon,minLat,maxLon,maxLat'; undefined when malformed or out of range. */
export function parseBbox(text: string): Bbox | undefined {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p))) return undefined;
  const [minLon, minLat, maxLon, maxLat] = parts;
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) return undefined;
  if (minLon >= maxLon || minLat >= maxLat) return undefined;
  if (maxLon - minLon > MAX_SPAN_DEG || maxLat - minLat > MAX_SPAN_DEG) return undefined;
  return { minLon, minLat, maxLon, maxLat };
}

export interface MapRoadsOptions {
  /** The graph to draw; when absent the route falls back to `app.roadGraph`, and answers empty views when neither exists. */
  readonly roadGraph?: RoadGraph;
}

/** Registers GET /v1/map/roads; the sketch is built lazily on the first request and kept for the graph's lifetime. */
export async function mapRoadsRoutes(app: FastifyInstance, options: MapRoadsOptions = {}): Promise<void> {
  let sketch: RoadSketch | undefined;
  let sketchOf: RoadGraph | undefined;
  const sketchFor = (graph: RoadGraph): RoadSketch => {
    if (!sketch || sketchOf !== graph) { sketch = buildRoadSketch(graph); sketchOf = graph; }
    return sketch;
  };
  app.get('/v1/map/roads', {
    config: { roles: ROLES },
    schema: {
      tags: ['map'],
      summary: 'Road polylines for the offline basemap',
      querystring: RoadsQuerySchema,
      response: { 200: RoadsResponseSchema },
    },
  }, async (request, reply) => {
    const query = request.query as RoadsQuery;
    const bbox = parseBbox(query.bbox);
    if (!bbox) {
      throw new ApiError('validation_failed', 'bbox is not a valid box', [
        { path: '/querystring/bbox', message: `must be minLon,minLat,maxLon,maxLat with min < max and sides of at most ${MAX_SPAN_DEG}°` },
      ]);
    }
    const graph = options.roadGraph ?? (app as FastifyInstance & { roadGraph?: RoadGraph }).roadGraph;
    reply.header('cache-control', 'public, max-age=300');
    if (!graph) return { zoom: Math.round(query.zoom), maxRank: 0, lines: [], ranks: [] };
    return roadsInView(sketchFor(graph), bbox, query.zoom);
  });
}
