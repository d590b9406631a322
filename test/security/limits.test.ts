// Edge defences: body size limit (413), security headers, the CORS allow-list, the input guard's refusals (400 with
// a field path), and API keys stored under scrypt and compared in constant time.
import { connect as tcpConnect } from 'node:net';
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { boundedError } from '../../api/http/log-bounds.js';
import { parseApiKey, createApiKey, verifyApiKeySecret } from '../../api/auth/api-keys.js';
import { firstForbidden } from '../../api/plugins/input-guard.js';
import { describeEachBackend } from '../api/helpers/backends.js';
import { admin, countRows, expectProblem, marketBody } from '../api/helpers/fixtures.js';

describeEachBackend('edge defences', (ctx) => {
  it('refuses a body over the limit with 413 payload_too_large and writes nothing', async () => {
    const huge = JSON.stringify(marketBody({ name: 'x'.repeat(2 * 1024 * 1024) }));
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers: { ...(await admin(ctx.app)), 'content-type': 'application/json' }, payload: huge });
    expectProblem(res, 413, 'payload_too_large');
    const small = await ctx.buildApp({ rateLimit: false, bodyLimitBytes: 1024 });
    const res2 = await small.inject({ method: 'POST', url: '/v1/markets', headers: { ...(await admin(small)), 'content-type': 'application/json' }, payload: JSON.stringify(marketBody({ city: 'y'.repeat(2000) })) });
    expectProblem(res2, 413, 'payload_too_large');
    expect(await countRows(ctx.app, 'markets')).toBe(0);
  });

  it('sends security headers and no CORS grant to an origin off the allow-list', async () => {
    const app = await ctx.buildApp({ rateLimit: false, corsOrigins: ['https://dispatch.example'] });
    const res = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const ok = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://dispatch.example' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://dispatch.example');
  });

  it('refuses query parameters a route does not declare (a misspelt filter is not silently dropped)', async () => {
    const headers = await admin(ctx.app);
    const offers = expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/offers?market_id=mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ', headers }), 400, 'validation_failed');
    expect(offers.errors).toEqual([{ path: '/querystring/market_id', message: expect.any(String) }]);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/markets?limit=5&colour=red', headers }), 400, 'validation_failed');
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/markets/mkt_01JD3X5Q4S8T2VYB6N7P9RWXYZ?x=1', headers }), 400, 'validation_failed');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/offers?limit=5', headers })).statusCode).toBe(200);
  });

  it('cuts off a client that does not finish its request body in time with 408', async () => {
    const app = await ctx.buildApp({ rateLimit: false, requestTimeoutMs: 500 });
    const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
    const { authorization } = await admin(app);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = tcpConnect(Number(url.port), url.hostname, () => {
        socket.write(`POST /v1/markets HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`);
      });
      let received = '';
      const timer = setTimeout(() => (socket.destroy(), reject(new Error(`still open after 10 s: ${received}`))), 10_000);
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('close', () => (clearTimeout(timer), resolve(received)));
      socket.on('error', () => {});
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('keeps caller strings out of log lines beyond a bound', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(chunk.toString('utf8')), done()) });
    const app = await ctx.buildApp({ rateLimit: false, logger: { level: 'info', stream } });
    const huge = 'A'.repeat(20_000);
    await app.inject({ method: 'GET', url: `/v1/markets?name=${huge}`, headers: await admin(app) });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThan(2_000);
    const logged = boundedError(new Error(`courier ${huge} is not in market mkt_1`));
    expect(String(logged.message).length).toBeLessThan(600);
    expect(String(logged.stack).length).toBeLessThan(2_100);
  });

  it('answers NUL bytes, lone surrogates, 1e999 and Infinity in a query with 400 and a field path', async () => {
    const headers = { ...(await admin(ctx.app)), 'content-type': 'application/json' };
    const nul = await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers, payload: JSON.stringify(marketBody({ name: 'a\u0000b' })) });
    expect(expectProblem(nul, 400, 'validation_failed').errors).toEqual([{ path: '/body/name', message: 'is not an acceptable value' }]);
    const surrogate = await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers, payload: '{"name":"\\ud800","city":"x"}' });
    expectProblem(surrogate, 400, 'validation_failed');
    const infinite = await ctx.app.inject({ method: 'POST', url: '/v1/markets', headers, payload: JSON.stringify(marketBody()).replace('"service_radius_m":5000', '"service_radius_m":1e999') });
    expectProblem(infinite, 400, 'validation_failed');
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/events?after_seq=Infinity', headers }), 400, 'validation_failed');
    expect(await countRows(ctx.app, 'markets')).toBe(0);
  });
});

it('the input guard accepts ordinary documents, emoji and combining marks', () => {
  expect(firstForbidden({ name: 'Sayur Bu Tini 🥬', note: 'e\u0301', items: [{ q: 2, p: 3.5 }] }, '/body')).toBeNull();
  expect(firstForbidden({ a: [1, 'x\udc00'] }, '/body')).toBe('/body/a/1');
  expect(firstForbidden({ a: Number.NaN }, '/body')).toBe('/body/a');
  let deep: unknown = 1;
  for (let i = 0; i < 40; i++) deep = [deep];
  expect(firstForbidden(deep, '/body')).not.toBeNull();
});

it('API keys are stored as a salted scrypt hash and verified against it', async () => {
  const made = await createApiKey();
  const parsed = parseApiKey(made.key)!;
  expect(parsed.id).toBe(made.id);
  expect(made.hash.toString('hex')).not.toContain(Buffer.from(parsed.secret).toString('hex'));
  expect(await verifyApiKeySecret(parsed.secret, made.salt, made.hash)).toBe(true);
  const wrong = parsed.secret.slice(0, -1) + (parsed.secret.endsWith('0') ? '1' : '0');
  expect(await verifyApiKeySecret(wrong, made.salt, made.hash)).toBe(false);
  expect(await verifyApiKeySecret(parsed.secret, Buffer.alloc(16), made.hash)).toBe(false);
});
