// Loopback servers for `bench osrm`, run in their own process so the client's CPU time is measured apart from theirs:
// jejaring's /osrm on the Jakarta graph, a minimal stub replaying one recorded OSRM route body, and an
// osrm-routed-like server (headers and body in two segments, Nagle on). Speaks to its parent over IPC.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import Fastify from 'fastify';
import osrmCompat, { OSRM_MAX_URL_BYTES } from '../api/plugins/osrm-compat.js';
import { openEmbeddedRouter } from '../engine/index.js';

const ROOT = new URL('..', import.meta.url).pathname;

/** The URLs the parent is sent once every server listens. */
export interface LoopbackUrls {
  readonly jejaring: string;
  readonly stub: string;
  readonly osrmLike: string;
}

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** Writes like osrm-routed: headers and body in two segments, Nagle left on. */
function osrmLikeServer(body: string): Server {
  return createServer((socket) => {
    socket.setNoDelay(false);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n\r\n'); end >= 0; end = buffer.indexOf('\r\n\r\n')) {
        const head = buffer.slice(0, end).toLowerCase();
        buffer = buffer.slice(end + 4);
        const close = head.includes('connection: close');
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: ${close ? 'close' : 'keep-alive'}\r\n\r\n`);
        setImmediate(() => (close ? socket.end(body) : socket.write(body)));
      }
    });
    socket.on('error', () => {});
  });
}

async function main(): Promise<void> {
  const body = JSON.stringify(JSON.parse(readFileSync(join(ROOT, 'fixtures/osrm-golden/cases/route-overview-full-geojson.json'), 'utf8')).body);
  const router = await openEmbeddedRouter({ graphPath: join(ROOT, 'fixtures/osm/jakarta-roads-osm-2012.geojson') });
  const app = Fastify({ http: { maxHeaderSize: OSRM_MAX_URL_BYTES } });
  await app.register(osrmCompat, { provider: router, maxTableSize: 10_000 });
  const jejaring = await app.listen({ host: '127.0.0.1', port: 0 });
  const stubServer = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
  const osrmLike = osrmLikeServer(body);
  const urls: LoopbackUrls = { jejaring, stub: await listen(stubServer), osrmLike: await listen(osrmLike) };
  process.on('message', (message) => {
    if (message === 'cpu') {
      const used = process.cpuUsage();
      process.send?.({ cpuMs: (used.user + used.system) / 1000 });
    } else if (message === 'exit') {
      stubServer.closeAllConnections();
      void Promise.all([app.close(), new Promise((resolve) => stubServer.close(resolve)), new Promise((resolve) => osrmLike.close(resolve))]).finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 2_000).unref();
    }
  });
  process.send?.({ urls });
}

void main();
