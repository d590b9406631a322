// OSRM v5 compatible endpoints (route, table, nearest) over any RoutingProvider, with OSRM's response shape and error codes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { EngineError, isValidLonLat, osrmNearestResponse, osrmRouteResponse, osrmTableResponse, type OsrmGeometries, type OsrmOverview, parseCoordinates, parseIndexList, type RoutingProvider } from '../../engine/index.js';

export interface OsrmCompatOptions {
  readonly provider: RoutingProvider;
  /** OSRM's `--max-table-size`: a table may have at most this² cells. Default 100. */
  readonly maxTableSize?: number;
  /** OSRM's `--max-viaroute-size`. Default 500. */
  readonly maxRouteWaypoints?: number;
  /** OSRM's `--max-nearest-size`. Default 100. */
  readonly maxNearestResults?: number;
}

/** An OSRM error answer: `code` + `message`, HTTP 400 like osrm-routed (5xx only for server-side failures). */
class OsrmReplyError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** Longest request line and headers accepted (bytes): a 10,000-coordinate table URL with radiuses is about 300 kB. */
export const OSRM_MAX_URL_BYTES = 1 << 20;

type Query = Record<string, unknown>;
/** Coordinates come through a wildcard: fastify caps named parameters at 100 characters (`maxParamLength`). */
interface Params { profile: string; '*': string }

/** Parameters every service accepts and jejaring ignores (it has no bearings, radiuses, hints or exclusions). */
const COMMON = ['bearings', 'radiuses', 'generate_hints', 'hints', 'approaches', 'exclude', 'snapping', 'skip_waypoints'];
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  route: [...COMMON, 'alternatives', 'steps', 'annotations', 'geometries', 'overview', 'continue_straight', 'waypoints'],
  table: [...COMMON, 'sources', 'destinations', 'annotations', 'fallback_speed', 'fallback_coordinate', 'scale_factor'],
  nearest: [...COMMON, 'number'],
};

/** Checks keys and returns a string-valued getter; unknown or repeated keys → InvalidQuery. */
function queryOf(service: string, query: Query): (key: string) => string | undefined {
  for (const [key, value] of Object.entries(query)) {
    if (!ALLOWED[service].includes(key) || typeof value !== 'string') throw new OsrmReplyError('InvalidQuery', `Query string malformed close to parameter "${key}"`);
  }
  return (key) => query[key] as string | undefined;
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, key: string): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new OsrmReplyError('InvalidQuery', `Query string malformed close to parameter "${key}"`);
  return value as T;
}

/** Path coordinates: malformed → InvalidUrl, out of range → InvalidValue. The `.json` format suffix is accepted. */
function coordinatesOf(params: Params): [number, number][] {
  const text = params['*'] ?? '';
  const parsed = parseCoordinates(text.replace(/\.json$/, ''));
  if (!parsed) throw new OsrmReplyError('InvalidUrl', `URL string malformed close to "${text.slice(0, 40)}"`);
  parsed.forEach(([lon, lat], i) => {
    if (!isValidLonLat(lon, lat)) throw new OsrmReplyError('InvalidValue', `Invalid coordinate value at index ${i}: ${lon},${lat}`);
  });
  return parsed;
}

function indicesOf(value: string | undefined, key: string, count: number): number[] | null {
  if (value === undefined) return null;
  const list = parseIndexList(value);
  if (list === undefined) throw new OsrmReplyError('InvalidQuery', `Query string malformed close to parameter "${key}"`);
  if (list && list.some((i) => i >= count)) throw new OsrmReplyError('InvalidOptions', `Index in ${key} out of bounds (${count} coordinates)`);
  return list;
}

/** EngineError codes → OSRM codes and statuses. */
function toReplyError(error: unknown): OsrmReplyError {
  if (error instanceof OsrmReplyError) return error;
  if (error instanceof EngineError) {
    if (error.code === 'no_segment') return new OsrmReplyError('NoSegment', error.message);
    if (error.code === 'no_route') return new OsrmReplyError('NoRoute', error.message);
    if (error.code === 'too_many_coordinates') return new OsrmReplyError('TooBig', error.message);
    if (error.kind === 'input') return new OsrmReplyError('InvalidValue', error.message);
    if (error.code === 'routing_unavailable') return new OsrmReplyError('ServiceUnavailable', error.message, 503);
  }
  if (error instanceof ApiError && error.status === 429) {
    return new OsrmReplyError('TooManyRequests', error.message, 429, error.headers ?? {});
  }
  const status = (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new OsrmReplyError('InvalidUrl', (error as Error).message);
  return new OsrmReplyError('InternalError', 'an internal error occurred', 500);
}

export default async function osrmCompat(app: FastifyInstance, options: OsrmCompatOptions): Promise<void> {
  const { provider } = options;
  const maxTableSize = options.maxTableSize ?? 100;
  const maxRouteWaypoints = options.maxRouteWaypoints ?? 500;
  const maxNearest = options.maxNearestResults ?? 100;

  app.setErrorHandler((error, request, reply) => {
    const answer = toReplyError(error);
    if (answer.status >= 500) request.log.error({ err: error }, 'OSRM-compatible endpoint failed');
    return reply.code(answer.status).headers(answer.headers).header('access-control-allow-origin', '*').send({ code: answer.code, message: answer.message });
  });
  if (app.prefix) {
    app.setNotFoundHandler((request, reply) => reply.code(400).send({ code: 'InvalidUrl', message: `URL ${request.url} is not an OSRM v5 route, table or nearest request` }));
  }
  app.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });

  app.get('/route/v1/:profile/*', async (request: FastifyRequest<{ Params: Params; Querystring: Query }>) => {
    const get = queryOf('route', request.query);
    const coordinates = coordinatesOf(request.params);
    const geometries = choice<OsrmGeometries>(get('geometries'), ['polyline', 'polyline6', 'geojson'], 'polyline', 'geometries');
    const overview = choice<OsrmOverview>(get('overview'), ['simplified', 'full', 'false'], 'simplified', 'overview');
    const steps = choice(get('steps'), ['true', 'false'], 'false', 'steps') === 'true';
    if (coordinates.length < 2) throw new OsrmReplyError('InvalidOptions', 'Number of coordinates needs to be at least two.');
    if (coordinates.length > maxRouteWaypoints) throw new OsrmReplyError('TooBig', `Number of entries ${coordinates.length} is higher than current maximum (${maxRouteWaypoints})`);
    return osrmRouteResponse(await provider.route(coordinates), geometries, overview, steps);
  });

  app.get('/table/v1/:profile/*', async (request: FastifyRequest<{ Params: Params; Querystring: Query }>) => {
    const get = queryOf('table', request.query);
    const coordinates = coordinatesOf(request.params);
    const sourceIdx = indicesOf(get('sources'), 'sources', coordinates.length);
    const destinationIdx = indicesOf(get('destinations'), 'destinations', coordinates.length);
    const kinds = choice(get('annotations'), ['duration', 'distance', 'duration,distance', 'distance,duration'], 'duration', 'annotations').split(',');
    const rows = sourceIdx?.length ?? coordinates.length, cols = destinationIdx?.length ?? coordinates.length;
    if (rows * cols > maxTableSize * maxTableSize) throw new OsrmReplyError('TooBig', 'Too many table coordinates');
    const sources = sourceIdx ? sourceIdx.map((i) => coordinates[i]) : coordinates;
    const destinations = destinationIdx ? destinationIdx.map((i) => coordinates[i]) : sourceIdx ? coordinates : undefined;
    const table = await provider.table({ sources, destinations });
    return osrmTableResponse(table, { duration: kinds.includes('duration'), distance: kinds.includes('distance') });
  });

  app.get('/nearest/v1/:profile/*', async (request: FastifyRequest<{ Params: Params; Querystring: Query }>, reply: FastifyReply) => {
    const get = queryOf('nearest', request.query);
    const coordinates = coordinatesOf(request.params);
    const numberText = get('number') ?? '1';
    if (!/^\d+$/.test(numberText) || Number(numberText) < 1) throw new OsrmReplyError('InvalidQuery', 'Query string malformed close to parameter "number"');
    if (coordinates.length !== 1) throw new OsrmReplyError('InvalidOptions', 'Only one input coordinate is supported');
    if (Number(numberText) > maxNearest) throw new OsrmReplyError('TooBig', `Number of results ${numberText} is higher than current maximum (${maxNearest})`);
    return reply.send(osrmNearestResponse(await provider.nearest(coordinates[0], Number(numberText))));
  });
}
