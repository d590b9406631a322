// Edge defences: body size limit (413), security headers, the CORS allow-list, the input guard's refusals (400 with
// a field path), and API keys stored under scrypt and compared in constant time.
import { expect, it } from 'vitest';
import { parseApiKey, createApiKey, verifyApiKeySecret } from '../../api/plugins/api-keys.js';
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
