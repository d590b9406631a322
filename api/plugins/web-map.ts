// Web-map plugin: serves the dispatcher page (/), the courier page (/courier), the prebuilt bundles (/assets/*, from
// web-map/dist, built by `npm install` or `npm run build:web`), /web-config.json and the offline-basemap roads route.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type {} from '@fastify/swagger'; // the `hide` schema flag
import { ApiError } from '../errors.js';
import { fromPackageRoot } from '../package-root.js';
import { mapRoadsRoutes } from '../routes/map/roads.js';
import type { WebConfig } from '../schemas/web-config.js';
import type { RoadGraph } from '../../engine/index.js';

const WEB_MAP_DIR = fromPackageRoot('web-map');
const PAGES_DIR = join(WEB_MAP_DIR, 'pages');
/** Where the bundles are read from unless told otherwise. */
export const WEB_MAP_DIST_DIR = join(WEB_MAP_DIR, 'dist');

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export type { WebConfig };

export interface WebMapOptions {
  /** Defaults to env JEJARING_TILE_URL, else ''. */
  readonly tileUrl?: string;
  readonly defaultMarket?: string;
  readonly demo?: WebConfig['demo'];
  /** Graph for /v1/map/roads (else `app.roadGraph`). */
  readonly roadGraph?: RoadGraph;
  /** Folder of the built bundles (default web-map/dist). */
  readonly assetsDir?: string;
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

/** A bundle file: its bytes and content type. */
interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Reads every file of the bundle folder once per process and folder; rejects when the folder is missing. */
const assetSets = new Map<string, Promise<ReadonlyMap<string, Asset>>>();
function assetsOnce(dir: string): Promise<ReadonlyMap<string, Asset>> {
  let pending = assetSets.get(dir);
  if (!pending) {
    pending = (async () => {
      const assets = new Map<string, Asset>();
      for (const name of await readdir(dir)) {
        const dot = name.lastIndexOf('.');
        assets.set(name, { body: await readFile(join(dir, name)), contentType: CONTENT_TYPES[name.slice(dot)] ?? 'application/octet-stream' });
      }
      return assets;
    })();
    pending.catch(() => assetSets.delete(dir));
    assetSets.set(dir, pending);
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
  const assetsDir = options.assetsDir ?? WEB_MAP_DIST_DIR;
  // Read when the server starts listening (or on the first asset request under inject): API-only apps never read them.
  const assets = async (): Promise<ReadonlyMap<string, Asset>> => {
    try {
      return await assetsOnce(assetsDir);
    } catch {
      throw new ApiError('not_ready', `the map bundle is not built in ${assetsDir}: run npm run build:web`);
    }
  };
  app.addHook('onListen', async () => {
    try {
      app.log.debug({ files: (await assets()).size }, 'web-map bundle loaded');
    } catch (error) {
      app.log.warn((error as Error).message);
    }
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
    const file = (await assets()).get(request.params.file);
    if (!file) throw new ApiError('not_found', `no web-map asset named ${request.params.file}`);
    return reply.header('cache-control', 'no-cache').type(file.contentType).send(file.body);
  });
  await app.register(mapRoadsRoutes, { roadGraph: options.roadGraph });
}
