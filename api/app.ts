// The API as one fastify app: plugins (errors, db, auth, idempotency, limits, docs) then the /v1 routes. No listening here.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Database } from './db/database.js';
import { databaseOptionsFromEnv, openDatabase, type OpenDatabaseOptions } from './db/open-database.js';
import { newId } from './ids.js';
import { documentOperation } from './schemas/openapi-docs.js';
import authPlugin from './plugins/auth.js';
import { TokenSigner } from './auth/auth-tokens.js';
import { proxyTrust, trustedProxiesFromEnv } from './auth/client-address.js';
import { boundedLogger } from './http/log-bounds.js';
import { lazySchemaCompilers } from './http/lazy-schema-compilers.js';
import dbPlugin from './plugins/db.js';
import errorHandler from './plugins/error-handler.js';
import eventRetention from './plugins/event-retention.js';
import housekeepingPlugin from './plugins/housekeeping.js';
import idempotencyPlugin from './plugins/idempotency.js';
import inputGuard from './plugins/input-guard.js';
import osrmCompat, { OSRM_MAX_URL_BYTES } from './plugins/osrm-compat.js';
import rateLimitPlugin, { type RateLimitSettings } from './plugins/rate-limit.js';
import roadReach from './plugins/road-reach.js';
import routes from './routes/index.js';
import whatsappPlugin from './whatsapp/replies-plugin.js';
import webhookPlugin from './webhooks/webhook-plugin.js';
import { webMapPlugin, type WebMapOptions } from './plugins/web-map.js';
import realtimePlugin, { type RealtimePluginOptions } from './realtime/gateway.js';
import dispatchPlugin, { type DispatchPluginOptions } from './dispatch/dispatch-plugin.js';
import clusterPlugin, { type ClusterOptions } from './cluster/cluster-plugin.js';
import type { RoutingProvider, RoadGraph } from '../engine/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The routing provider the app was built with (offer previews, route figures); null when none was given. */
    routingProvider: RoutingProvider | null;
  }
}

export interface BuildAppOptions {
  /** An open, migrated database (tests share one per file); otherwise the app opens one from `database` / the environment. */
  readonly db?: Database;
  /** Close `db` when the app closes (a database opened for the app, e.g. while the road graph loaded); default false. */
  readonly ownsDb?: boolean;
  /**
   * How long one plugin or start hook may take, ms (fastify's pluginTimeout; default 10 s). 0: no limit, for `serve`
   * on a database still opening, whose statements wait for the open: a first start on PGlite builds its migrated image,
   * half a minute or more.
   */
  readonly pluginTimeoutMs?: number;
  readonly database?: OpenDatabaseOptions;
  /** Token signing secret; JEJARING_SECRET, else a random one per process (with a warning). */
  readonly secret?: string;
  readonly logger?: FastifyServerOptions['logger'];
  /** Allowed CORS origins; JEJARING_CORS_ORIGINS (comma-separated) when undefined; none when empty. */
  readonly corsOrigins?: readonly string[];
  /** Largest accepted request body (bytes, default 1 MiB); larger ones get 413 payload_too_large. */
  readonly bodyLimitBytes?: number;
  /** Per-role request limits, or false to switch them off (benchmarks). */
  readonly rateLimit?: RateLimitSettings | false;
  /** Serves OSRM-compatible endpoints under /osrm when given. */
  readonly routing?: RoutingProvider;
  /** Swagger UI at /docs (default true). */
  readonly docs?: boolean;
  /** Seconds a verified credential is trusted before the database is asked again. */
  readonly authCacheTtlMs?: number;
  /** The loaded road graph: drawn as the web map's offline basemap (GET /v1/map/roads). */
  readonly roadGraph?: RoadGraph;
  /** Web map pages and bundles (tile URL, default market, demo tokens). */
  readonly webMap?: WebMapOptions;
  /** Socket.IO gateway (/dispatch, /courier) on the app's HTTP server; true for the defaults. */
  readonly realtime?: RealtimePluginOptions | boolean;
  /** The live dispatch loop (needs a routing provider); off when absent. */
  readonly dispatch?: DispatchPluginOptions;
  /** Cluster mode on PostgreSQL (several nodes): market leases and the cross-node event feed; true for the defaults. */
  readonly cluster?: ClusterOptions | boolean;
  /** Reverse proxies (addresses or CIDR subnets) whose X-Forwarded-For names the client; JEJARING_TRUSTED_PROXIES. */
  readonly trustedProxies?: readonly string[];
  /** Time to receive a whole request, headers and body (ms, default 30 000); slower clients get 408 and are cut off. */
  readonly requestTimeoutMs?: number;
  /** Private addresses or subnets fleets' webhooks may reach (on-premise receivers); JEJARING_WEBHOOK_ALLOW. */
  readonly webhookAllow?: readonly string[];
  /**
   * Builders of the route schemas' validators and serializers; by default fastify's own, compiling each schema at its
   * first use instead of before the server is ready (api/http/lazy-schema-compilers.ts). Processes that build many apps
   * from the same schemas (the tests) pass one shared set that compiles every schema once per process.
   */
  readonly schemaCompilers?: NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'];
}

/** Resolves the token secret, warning once when it has to be made up. */
function resolveSecret(options: BuildAppOptions, app: FastifyInstance): string {
  const secret = options.secret ?? process.env.JEJARING_SECRET;
  if (secret) return secret;
  app.log.warn('JEJARING_SECRET is not set: tokens are signed with a random secret and die with this process');
  return TokenSigner.randomSecret();
}

function corsOriginsOf(options: BuildAppOptions): string[] {
  if (options.corsOrigins) return [...options.corsOrigins];
  return (process.env.JEJARING_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** Builds the app; `await app.ready()` (or `inject`) finishes loading. Closing the app closes a database it opened. */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const trustedProxies = options.trustedProxies ?? trustedProxiesFromEnv();
  const trust = proxyTrust(trustedProxies);
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    requestTimeout: requestTimeoutMs,
    pluginTimeout: options.pluginTimeoutMs ?? 10_000,
    // Node checks those timeouts every connectionsCheckingInterval (30 s by default): often enough to hold them.
    http: {
      maxHeaderSize: OSRM_MAX_URL_BYTES, // /osrm tables put thousands of coordinates in the URL, as OSRM does
      headersTimeout: Math.min(10_000, requestTimeoutMs),
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(requestTimeoutMs / 4))),
    },
    logger: boundedLogger(options.logger ?? false),
    genReqId: () => newId('req'),
    requestIdHeader: false,
    trustProxy: (address: string) => trust(address),
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    schemaController: { compilersFactory: options.schemaCompilers ?? lazySchemaCompilers() },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const db = options.db ?? (await openDatabase(options.database ?? databaseOptionsFromEnv()));
  await app.register(errorHandler);
  await app.register(inputGuard);
  await app.register(dbPlugin, { db, ownsDb: options.db === undefined || options.ownsDb === true });
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } });
  const origins = corsOriginsOf(options);
  await app.register(cors, { origin: origins.length > 0 ? origins : false, exposedHeaders: ['etag', 'x-request-id', 'retry-after', 'idempotent-replayed'] });
  await app.register(authPlugin, {
    secret: resolveSecret(options, app),
    cacheTtlMs: options.authCacheTtlMs,
    // With rate limits off (tests, benchmarks), failed authentications are not throttled either.
    maxFailuresPerMinute: options.rateLimit === false ? Number.POSITIVE_INFINITY : options.rateLimit?.authFailuresPerMinute,
  });
  if (options.rateLimit !== false) await app.register(rateLimitPlugin, { settings: options.rateLimit ?? {} });
  await app.register(idempotencyPlugin);
  await app.register(housekeepingPlugin);
  await app.register(eventRetention);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'jejaring dispatch API', version: '1', description: 'Courier dispatch for traditional markets (pasar): markets, stalls, orders, fleets, couriers, offers, events.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A fleet API key (jk_…) or a token (jt_…)' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    transform: documentOperation, // descriptions, roles, headers, examples: api/schemas/operation-docs.ts
  });
  if (options.docs !== false) await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(roadReach, { roadGraph: options.roadGraph });
  await app.register(whatsappPlugin);
  app.decorate('routingProvider', options.routing ?? options.dispatch?.routing ?? null);
  await app.register(routes);
  await app.register(webhookPlugin, { allow: options.webhookAllow });
  await app.register(webMapPlugin, { ...options.webMap, roadGraph: options.webMap?.roadGraph ?? options.roadGraph });
  if (options.routing) await app.register(osrmCompat, { prefix: '/osrm', provider: options.routing });
  if (options.realtime) await app.register(realtimePlugin, { corsOrigins: origins, trustedProxies, ...(options.realtime === true ? {} : options.realtime) });
  if (options.dispatch) await app.register(dispatchPlugin, options.dispatch);
  if (options.cluster) await app.register(clusterPlugin, options.cluster === true ? {} : options.cluster);
  return app;
}
