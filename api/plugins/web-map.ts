// Web-map plugin: bundles the browser code on start and serves the dispatcher page (/), the courier page (/courier),
// the bundles (/assets/*), /web-config.json and the offline-basemap roads route.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type {} from '@fastify/swagger'; // the `hide` schema flag
import { buildWebMap, type WebMapBundle } from '../../web-map/build.js';
import { mapRoadsRoutes } from '../routes/map/roads.js';
import type { WebConfig } from '../schemas/web-config.js';
import type { RoadGraph } from '../../engine/index.js';

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../web-map/pages');

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export type { WebConfig };

export interface WebMapOptions {
  /** Defaults to env JEJARING_TILE_URL, else ''. */
  readonly tileUrl?: string;
  readonly defaultMarket?: string;
  readonly demo?: WebConfig['demo'];
  /** Graph for /v1/map/roads (else `app.roadGraph`). */
  readonly roadGraph?: RoadGraph;
  /** Minify the bundles (default: NODE_ENV === 'production'). */
  readonly minify?: boolean;
}

/** Content-Security-Policy for the pages: own scripts and sockets, tiles from the configured host only. */
function pageCsp(tileUrl: string): string {
  let tileOrigin = '';
  try { if (tileUrl) tileOrigin = ' ' + new URL(tileUrl.replace(/\{s\}/g, 'a')).origin.replace('//a.', '//*.'); } catch { tileOrigin = ''; }
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tileOrigin}`, "connect-src 'self' ws: wss:", "object-src 'none'", "base-uri 'self'",
  ].join('; ');
}

/** One bundle per process and minify flag: every app built in a test file shares it. */
const bundles = new Map<boolean, Promise<WebMapBundle>>();
function bundleOnce(minify: boolean): Promise<WebMapBundle> {
  let pending = bundles.get(minify);
  if (!pending) {
    pending = buildWebMap({ minify });
    pending.catch(() => bundles.delete(minify));
    bundles.set(minify, pending);
  }
  return pending;
}

export async function webMapPlugin(app: FastifyInstance, options: WebMapOptions = {}): Promise<void> {
  const tileUrl = options.tileUrl ?? process.env.JEJARING_TILE_URL ?? '';
  const config: WebConfig = {
    tileUrl,
    attribution: tileUrl ? OSM_ATTRIBUTION : `${OSM_ATTRIBUTION} · jejaring road graph`,
    defaultMarket: options.defaultMarket ?? process.env.JEJARING_DEFAULT_MARKET ?? '',
    center: [-6.2, 106.83],
    zoom: 13,
    ...(options.demo ? { demo: options.demo } : {}),
  };
  const minify = options.minify ?? process.env.NODE_ENV === 'production';
  // Bundled when the server starts listening (or on the first asset request under inject), so apps built only for
  // API tests never pay for esbuild.
  const bundle = (): Promise<WebMapBundle> => bundleOnce(minify);
  app.addHook('onListen', async () => {
    const built = await bundle();
    app.log.info({ buildMs: Math.round(built.buildMs), files: built.files.size }, 'web-map bundled');
  });
  const pages = {
    dispatcher: await readFile(join(PAGES_DIR, 'dispatcher.html'), 'utf8'),
    courier: await readFile(join(PAGES_DIR, 'courier.html'), 'utf8'),
    bench: await readFile(join(PAGES_DIR, 'bench.html'), 'utf8'),
  };
  const csp = pageCsp(tileUrl);
  const sendPage = (reply: FastifyReply, html: string): FastifyReply =>
    reply.header('content-security-policy', csp).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);

  const hidden = { schema: { hide: true } };
  app.get('/', hidden, async (_request, reply) => sendPage(reply, pages.dispatcher));
  app.get('/courier', hidden, async (_request, reply) => sendPage(reply, pages.courier));
  app.get('/bench/map', hidden, async (_request, reply) => sendPage(reply, pages.bench));
  app.get('/web-config.json', hidden, async (_request, reply) => reply.header('cache-control', 'no-cache').send(config));
  app.get<{ Params: { file: string } }>('/assets/:file', hidden, async (request, reply) => {
    const file = (await bundle()).files.get(request.params.file);
    if (!file) {
      return reply.code(404).type('application/problem+json').send({
        type: 'about:blank', title: 'Not Found', status: 404, code: 'asset_not_found',
        detail: `no web-map asset named ${request.params.file}`, request_id: request.id,
      });
    }
    return reply.header('cache-control', 'no-cache').type(file.contentType).send(Buffer.from(file.body));
  });
  await app.register(mapRoadsRoutes, { roadGraph: options.roadGraph });
}
