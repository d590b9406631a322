// The OSRM HTTP provider passes the RoutingProvider spec against jejaring's OSRM-compatible endpoints over real HTTP,
// stitches chunked tables exactly, and turns unreachable, slow, garbled and NoRoute answers into stable errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import osrmCompat from '../../../api/plugins/osrm-compat.js';
import { openEmbeddedRouter, type EmbeddedRouter } from '../../../engine/routing/embedded-router.js';
import { OsrmHttpProvider } from '../../../engine/routing/osrm-http-provider.js';
import { describeRoutingProvider, MONACO_SPEC_FIXTURE } from './provider-spec.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-osrm-http-'));
let router: EmbeddedRouter;
let server: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  router = await openEmbeddedRouter({ graphPath: 'fixtures/osm/monaco-2016-osrm-testdata.osm.pbf', profile: 'motorbike', cacheDir });
  server = Fastify();
  await server.register(osrmCompat, { provider: router });
  baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describeRoutingProvider('OSRM over HTTP → jejaring osrm-compat (Monaco)', async () => new OsrmHttpProvider({ baseUrl }), MONACO_SPEC_FIXTURE);

/** Points within about 100 m of the spec's Monaco points (all near roads), deterministic. */
function monacoPoints(count: number): [number, number][] {
  const base = MONACO_SPEC_FIXTURE.points;
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const [lon, lat] = base[i % base.length];
    out.push([lon + (((i * 37) % 11) - 5) * 0.0002, lat + (((i * 53) % 7) - 3) * 0.0002]);
  }
  return out;
}

describe('OSRM table chunking', () => {
  it('stitches square and rectangular tables from small chunks to exactly the direct answer', async () => {
    const provider = new OsrmHttpProvider({ baseUrl, tableChunkSize: 4, concurrency: 3 });
    const points = monacoPoints(11);
    const square = await provider.table({ sources: points });
    const direct = await router.table({ sources: points });
    expect(Array.from(square.durationS)).toEqual(Array.from(direct.durationS));
    expect(Array.from(square.distanceM)).toEqual(Array.from(direct.distanceM));
    expect(square.sources.map((s) => s.location)).toEqual(direct.sources.map((s) => [round6(s.location[0]), round6(s.location[1])]));
    const rect = await provider.table({ sources: points.slice(0, 3), destinations: points.slice(2, 11) });
    const rectDirect = await router.table({ sources: points.slice(0, 3), destinations: points.slice(2, 11) });
    expect(Array.from(rect.durationS)).toEqual(Array.from(rectDirect.durationS));
    expect(rect.destinations).toHaveLength(9);
    const single = await provider.table({ sources: [points[0]] });
    expect(Array.from(single.durationS)).toEqual([0]);
    await provider.close();
  });

  it('sends a table the server allows in one request, and learns a smaller max-table-size from TooBig', async () => {
    const points = monacoPoints(120);
    const direct = await router.table({ sources: points.slice(0, 30), destinations: points });
    const seen: string[] = [], statuses: number[] = [];
    const limited = Fastify({ http: { maxHeaderSize: 1 << 20 } });
    limited.addHook('onRequest', async (request) => { seen.push(request.url); });
    limited.addHook('onSend', async (_request, reply) => { statuses.push(reply.statusCode); });
    await limited.register(osrmCompat, { provider: router, maxTableSize: 40 });
    const limitedUrl = await limited.listen({ host: '127.0.0.1', port: 0 });
    try {
      const roomy = new OsrmHttpProvider({ baseUrl });
      const whole = await roomy.table({ sources: points.slice(0, 30), destinations: points });
      expect(Array.from(whole.durationS)).toEqual(Array.from(direct.durationS));
      await roomy.close();

      const provider = new OsrmHttpProvider({ baseUrl: limitedUrl });
      const table = await provider.table({ sources: points.slice(0, 30), destinations: points });
      expect(Array.from(table.durationS)).toEqual(Array.from(direct.durationS));
      expect(seen[0]).toContain('sources=0;1;2'); // the first attempt asked for the whole table at once
      expect(statuses).toContain(400);
      const first = statuses.length;
      const again = await provider.table({ sources: points.slice(0, 30), destinations: points }); // learnt: no TooBig round trip again
      expect(Array.from(again.durationS)).toEqual(Array.from(direct.durationS));
      expect(statuses.slice(first).every((status) => status === 200)).toBe(true);
      expect(statuses.length - first).toBeLessThan(first);
      await provider.close();
    } finally {
      await limited.close();
    }
  });

  it('sends radiuses matching maxSnapM, so a far point is NoSegment rather than an 11,000 km snap', async () => {
    const provider = new OsrmHttpProvider({ baseUrl });
    await expect(provider.route([[0, 0], MONACO_SPEC_FIXTURE.points[0]])).rejects.toMatchObject({ kind: 'routing', code: 'no_segment' });
    await expect(provider.nearest([7.45, 43.6])).rejects.toMatchObject({ code: 'no_segment' });
    await provider.close();
  });
});

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

describe('OSRM transport and answer errors', () => {
  let fake: FastifyInstance;
  let fakeUrl: string;
  beforeAll(async () => {
    fake = Fastify();
    fake.get('/route/v1/:profile/:coordinates', async (_request, reply) => reply.code(400).send({ code: 'NoRoute', message: 'Impossible route between points' }));
    fake.get('/table/v1/slow/:coordinates', async () => new Promise((resolve) => setTimeout(() => resolve({ code: 'Ok' }), 2_000)));
    fake.get('/table/v1/garbled/:coordinates', async (_request, reply) => reply.code(502).type('text/html').send('<h1>Bad Gateway</h1>'));
    fake.get('/table/v1/weird/:coordinates', async (_request, reply) => reply.code(400).send({ code: 'NotImplemented', message: 'nope' }));
    let flakyCalls = 0;
    fake.get('/nearest/v1/:profile/:coordinates', async (request, reply) => {
      const { profile } = request.params as { profile: string };
      if (profile === 'dead' || (profile === 'flaky' && ++flakyCalls === 1)) {
        reply.hijack();
        request.raw.socket.destroy(); // the connection dies mid-request, as a stale keep-alive socket does
        return;
      }
      if (profile === 'nosegment') return reply.code(400).send({ code: 'NoSegment', message: 'Could not find a matching segment for coordinate 0' });
      return { code: 'Ok', waypoints: [{ distance: 3.5, name: 'Jalan Tes', location: [7.42, 43.73] }] };
    });
    fakeUrl = await fake.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await fake?.close();
  });
  const two: [number, number][] = [[7.42, 43.73], [7.43, 43.74]];

  it('maps NoRoute and NoSegment answers to routing errors', async () => {
    const provider = new OsrmHttpProvider({ baseUrl: fakeUrl });
    await expect(provider.route(two)).rejects.toMatchObject({ kind: 'routing', code: 'no_route', message: expect.stringContaining('Impossible route') });
    await provider.close();
    const nowhere = new OsrmHttpProvider({ baseUrl: fakeUrl, profile: 'nosegment' });
    await expect(nowhere.nearest(two[0])).rejects.toMatchObject({ kind: 'routing', code: 'no_segment' });
    await nowhere.close();
  });

  it('retries once when the connection dies, and gives up with routing_unavailable when it keeps dying', async () => {
    const flaky = new OsrmHttpProvider({ baseUrl: fakeUrl, profile: 'flaky' });
    expect(await flaky.nearest(two[0])).toEqual([{ location: [7.42, 43.73], snapDistanceM: 3.5, name: 'Jalan Tes' }]);
    await flaky.close();
    const dead = new OsrmHttpProvider({ baseUrl: fakeUrl, profile: 'dead' });
    await expect(dead.nearest(two[0])).rejects.toMatchObject({ code: 'routing_unavailable' });
    await dead.close();
  });

  it('reports a closed port, a timeout, a non-JSON body and an unknown code clearly', async () => {
    const closed = Fastify();
    const closedUrl = await closed.listen({ host: '127.0.0.1', port: 0 });
    await closed.close();
    const unreachable = new OsrmHttpProvider({ baseUrl: closedUrl });
    await expect(unreachable.table({ sources: two })).rejects.toMatchObject({ code: 'routing_unavailable', message: expect.stringContaining(closedUrl) });
    await unreachable.close();

    const slow = new OsrmHttpProvider({ baseUrl: fakeUrl, profile: 'slow', timeoutMs: 200 });
    const started = Date.now();
    await expect(slow.table({ sources: two })).rejects.toMatchObject({ code: 'routing_unavailable', message: expect.stringMatching(/unavailable: no answer within 200 ms$/) });
    expect(Date.now() - started).toBeLessThan(1_900);
    await slow.close();

    const garbled = new OsrmHttpProvider({ baseUrl: fakeUrl, profile: 'garbled' });
    await expect(garbled.table({ sources: two })).rejects.toMatchObject({ code: 'routing_unavailable', message: expect.stringContaining('502') });
    await garbled.close();

    const weird = new OsrmHttpProvider({ baseUrl: fakeUrl, profile: 'weird' });
    await expect(weird.table({ sources: two })).rejects.toMatchObject({ kind: 'routing', code: 'osrm_error', message: expect.stringContaining('NotImplemented') });
    await weird.close();
  });

  it('asks for a fresh connection per request unless told to reuse them (osrm-routed stalls reused ones by 40 ms)', async () => {
    const connection: (string | undefined)[] = [];
    const echo = Fastify();
    echo.get('/nearest/v1/:profile/:coordinates', async (request) => {
      connection.push(request.headers.connection);
      return { code: 'Ok', waypoints: [{ distance: 1, name: '', location: [7.42, 43.73] }] };
    });
    const echoUrl = await echo.listen({ host: '127.0.0.1', port: 0 });
    const fresh = new OsrmHttpProvider({ baseUrl: echoUrl });
    await fresh.nearest(two[0]);
    await fresh.close();
    const reuse = new OsrmHttpProvider({ baseUrl: echoUrl, reuseConnections: true });
    await reuse.nearest(two[0]);
    await reuse.close();
    // Pipelining keeps sockets too; eight requests on one socket all get their own answers.
    const pipelined = new OsrmHttpProvider({ baseUrl: echoUrl, connections: 1, pipelining: 8 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => pipelined.nearest(two[0])));
    await pipelined.close();
    await echo.close();
    expect(answers.every((a) => a.length === 1)).toBe(true);
    expect(connection).toEqual(['close', ...new Array(9).fill('keep-alive')]);
  });

  it('rejects a chunk size that cannot hold a source and a destination', () => {
    expect(() => new OsrmHttpProvider({ baseUrl: fakeUrl, tableChunkSize: 1 })).toThrow(RangeError);
  });
});
