// OSRM v5 compatible endpoints (route, table, nearest, trip, match) served from the embedded road graph, with OSRM's
// response shapes, parameters and error codes (see api/osrm/ for the URL grammar).
import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EmbeddedRouter, EngineError, FallbackRoutingProvider, OsrmCodeError, OsrmService, type OsrmServiceLimits, type RoutingProvider } from '../../engine/index.js';
import { ApiError } from '../errors.js';
import { parseOsrmRequest } from '../osrm/parse-osrm-request.js';

export interface OsrmCompatOptions {
  /** The app's routing provider: the graph of its embedded router (its fallback's, behind OSRM) answers. */
  readonly provider?: RoutingProvider;
  /** Or a service directly. */
  readonly service?: OsrmService;
  /** osrm-routed's `--max-table-size`: a table may have at most this² cells. Default JEJARING_OSRM_MAX_TABLE_SIZE, else 10,000. */
  readonly maxTableSize?: number;
  /** `--max-viaroute-size`. Default 500. */
  readonly maxRouteWaypoints?: number;
  /** `--max-nearest-size`. Default 100. */
  readonly maxNearestResults?: number;
  /** `--default-radius` in metres. Default unlimited, as osrm-routed. */
  readonly defaultRadiusM?: number;
  readonly limits?: Partial<OsrmServiceLimits>;
  /** Prepare the `exclude` hierarchies at registration, in the background (default true). */
  readonly prepareExclusions?: boolean;
}

/** Longest request line and headers accepted (bytes): a 10,000-coordinate table URL with radiuses is about 300 kB. */
export const OSRM_MAX_URL_BYTES = 1 << 20;

/**
 * A table body's chunks as they are computed, yielding to the event loop between them: other requests are served
 * and each chunk goes out while the next is computed.
 */
async function* paced(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) {
    yield chunk;
    await setImmediate();
  }
}

/** The embedded router behind a provider, if any. */
function embeddedOf(provider: RoutingProvider | undefined): EmbeddedRouter | null {
  if (provider instanceof EmbeddedRouter) return provider;
  if (provider instanceof FallbackRoutingProvider) return embeddedOf(provider.fallback) ?? embeddedOf(provider.primary);
  return null;
}

/** Errors → OSRM's `{code, message}` with its HTTP status. */
function toReply(error: unknown): { status: number; code: string; message: string; headers: Record<string, string> } {
  if (error instanceof OsrmCodeError) return { status: error.status, code: error.code, message: error.message, headers: {} };
  if (error instanceof ApiError && error.status === 429) return { status: 429, code: 'TooManyRequests', message: error.message, headers: error.headers ?? {} };
  if (error instanceof EngineError) {
    if (error.code === 'no_segment') return { status: 400, code: 'NoSegment', message: error.message, headers: {} };
    if (error.code === 'no_route') return { status: 400, code: 'NoRoute', message: error.message, headers: {} };
    if (error.kind === 'input') return { status: 400, code: 'InvalidValue', message: error.message, headers: {} };
  }
  const status = (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status: 400, code: 'InvalidUrl', message: (error as Error).message, headers: {} };
  return { status: 500, code: 'InternalError', message: 'an internal error occurred', headers: {} };
}

export default async function osrmCompat(app: FastifyInstance, options: OsrmCompatOptions): Promise<void> {
  const router = embeddedOf(options.provider);
  const envTableSize = Number(process.env.JEJARING_OSRM_MAX_TABLE_SIZE);
  const maxTableSize = options.maxTableSize ?? (Number.isInteger(envTableSize) && envTableSize > 0 ? envTableSize : undefined);
  const service = options.service ?? (router ? new OsrmService(router.prepared, {
    ...(maxTableSize !== undefined ? { maxTableSize } : {}),
    ...(options.maxRouteWaypoints !== undefined ? { maxRouteWaypoints: options.maxRouteWaypoints } : {}),
    ...(options.maxNearestResults !== undefined ? { maxNearestSize: options.maxNearestResults } : {}),
    ...(options.defaultRadiusM !== undefined ? { defaultRadiusM: options.defaultRadiusM } : {}),
    ...options.limits,
  }) : null);
  const prefix = app.prefix;
  // The hierarchies for `exclude` are read or contracted in the background now, so no request contracts one.
  if (service && options.prepareExclusions !== false) {
    service.prepareExclusions().catch((error: unknown) => app.log.warn({ err: error }, 'OSRM exclude hierarchies not prepared: a request with exclude contracts its own'));
  }

  app.setErrorHandler((error, request, reply) => {
    const answer = toReply(error);
    if (answer.status >= 500) request.log.error({ err: error }, 'OSRM-compatible endpoint failed');
    return reply.code(answer.status).headers(answer.headers).header('access-control-allow-origin', '*').send({ code: answer.code, message: answer.message });
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });

  const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const url = request.url;
    const q = url.indexOf('?');
    const path = (q < 0 ? url : url.slice(0, q)).slice(prefix.length);
    const parsed = parseOsrmRequest(path, q < 0 ? '' : url.slice(q + 1));
    if (!service) throw new OsrmCodeError('NotImplemented', 'no road graph is loaded: the OSRM endpoints need the embedded router', 501);
    await service.exclusionReady(parsed.request)?.catch(() => undefined); // still being prepared: wait for it
    switch (parsed.service) {
      case 'route': return reply.send(service.route(parsed.request));
      case 'table': {
        const answer = service.tableAnswer(parsed.request); // OSRM's errors come here, before any byte is sent
        return reply.type('application/json; charset=utf-8').send(Readable.from(paced(answer.chunks()), { objectMode: false }));
      }
      case 'nearest': return reply.send(service.nearest(parsed.request));
      case 'trip': return reply.send(service.trip(parsed.request));
      case 'match': return reply.send(service.match(parsed.request));
    }
  };
  app.get('/*', handle);
  if (prefix) app.get('/', handle);
}
