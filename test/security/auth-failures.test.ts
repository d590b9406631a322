// Failed-authentication limits: bad credentials from one address or against one key id are slowed down with 429,
// valid credentials from the same address keep working, and X-Forwarded-For counts only from a trusted proxy.
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../api/helpers/backends.js';
import { createCourier, createFleet, expectProblem, tokenFor, type Headers } from '../api/helpers/fixtures.js';

const LIMIT = 5;
const ATTACKER = '203.0.113.7';
const NEIGHBOUR = '203.0.113.8';
const UNKNOWN_KEY = { authorization: 'Bearer jk_0000000000000000_00000000000000000000000000000000' };

/** The fleet's key with its secret changed to `n` (a guess at a real key id). */
const guessOf = (key: string, n: number) => ({ authorization: `Bearer ${key.slice(0, -6)}${String(n).padStart(6, '0')}` });

async function get(app: FastifyInstance, headers: Headers, remoteAddress: string, url = '/v1/markets') {
  return app.inject({ method: 'GET', url, headers, remoteAddress });
}

describeEachBackend('failed authentications', (ctx) => {
  it('an address over its budget gets 429 for bad credentials while valid tokens and keys from it still pass', async () => {
    const app = await ctx.buildApp({ rateLimit: { authFailuresPerMinute: LIMIT } });
    const { fleet, headers: fleetKey } = await createFleet(app);
    const courier = await createCourier(app, fleetKey);
    const courierToken = await tokenFor(app, 'courier', { courierId: courier.id, fleetId: fleet.id });
    for (let i = 0; i < LIMIT; i++) expectProblem(await get(app, UNKNOWN_KEY, ATTACKER), 401, 'invalid_credentials');
    const blocked = expectProblem(await get(app, UNKNOWN_KEY, ATTACKER), 429, 'rate_limited');
    expect(blocked.detail).toMatch(/address/);
    expectProblem(await get(app, { authorization: 'Bearer jt_forged.sig' }, ATTACKER), 429, 'rate_limited');
    // Good credentials behind the same (NAT) address are not locked out.
    expect((await get(app, await tokenFor(app, 'admin'), ATTACKER)).statusCode).toBe(200);
    expect((await get(app, courierToken, ATTACKER, `/v1/couriers/${courier.id}`)).statusCode).toBe(200);
    expect((await get(app, fleetKey, NEIGHBOUR, `/v1/fleets/${fleet.id}`)).statusCode).toBe(200);
    expect((await get(app, fleetKey, ATTACKER, `/v1/fleets/${fleet.id}`)).statusCode).toBe(200);
    // Another address is unaffected.
    expectProblem(await get(app, UNKNOWN_KEY, NEIGHBOUR), 401, 'invalid_credentials');
  });

  it('guesses at one key id stop costing scrypt once its budget is spent; the proven key still passes', async () => {
    const app = await ctx.buildApp({ rateLimit: { authFailuresPerMinute: LIMIT } });
    const { fleet, key, headers: fleetKey } = await createFleet(app);
    expect((await get(app, fleetKey, NEIGHBOUR, `/v1/fleets/${fleet.id}`)).statusCode).toBe(200);
    const before = app.auth.keyHashChecks();
    // Guesses spread over addresses, each below the address budget.
    for (let i = 0; i < LIMIT; i++) expectProblem(await get(app, guessOf(key, i), `198.51.100.${i + 1}`), 401, 'invalid_credentials');
    expect(app.auth.keyHashChecks() - before).toBe(LIMIT);
    for (let i = 0; i < 20; i++) expectProblem(await get(app, guessOf(key, 100 + i), `198.51.100.${(i % LIMIT) + 1}`), 429, 'rate_limited');
    expect(app.auth.keyHashChecks() - before).toBe(LIMIT);
    expect((await get(app, fleetKey, '198.51.100.1', `/v1/fleets/${fleet.id}`)).statusCode).toBe(200);
    expect((await get(app, fleetKey, NEIGHBOUR, `/v1/fleets/${fleet.id}`)).statusCode).toBe(200);
  });

  it('counts the client behind a trusted proxy by X-Forwarded-For, and ignores the header from anyone else', async () => {
    const behindProxy = await ctx.buildApp({ rateLimit: { authFailuresPerMinute: LIMIT }, trustedProxies: ['10.0.0.0/8'] });
    const viaProxy = (client: string) => ({ ...UNKNOWN_KEY, 'x-forwarded-for': client });
    for (let i = 0; i < LIMIT; i++) expectProblem(await get(behindProxy, viaProxy(ATTACKER), '10.1.2.3'), 401, 'invalid_credentials');
    expectProblem(await get(behindProxy, viaProxy(ATTACKER), '10.1.2.3'), 429, 'rate_limited');
    expectProblem(await get(behindProxy, viaProxy(NEIGHBOUR), '10.1.2.3'), 401, 'invalid_credentials');
    // Not from the proxy: a forged X-Forwarded-For does not buy a fresh budget.
    for (let i = 0; i < LIMIT; i++) await get(behindProxy, viaProxy(`192.0.2.${i}`), ATTACKER);
    expectProblem(await get(behindProxy, viaProxy('192.0.2.99'), ATTACKER), 429, 'rate_limited');
  });

  it('X-Api-Key carries API keys only, not bearer tokens', async () => {
    const { key, fleet } = await createFleet(ctx.app);
    const token = (await tokenFor(ctx.app, 'admin')).authorization.slice('Bearer '.length);
    const refused = expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/markets', headers: { 'x-api-key': token } }), 401, 'invalid_credentials');
    expect(refused.detail).toMatch(/X-Api-Key/);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/fleets/${fleet.id}`, headers: { 'x-api-key': key } })).statusCode).toBe(200);
  });
});

it('refuses an unknown trusted-proxy entry at start-up', async () => {
  const { proxyTrust } = await import('../../api/auth/client-address.js');
  expect(() => proxyTrust(['10.0.0.0/33'])).toThrow(/trusted proxy/);
  expect(() => proxyTrust(['proxy.local'])).toThrow(/trusted proxy/);
  const trust = proxyTrust(['10.0.0.0/8', '::1']);
  expect([trust('10.9.9.9'), trust('::ffff:10.0.0.1'), trust('::1'), trust('11.0.0.1')]).toEqual([true, true, true, false]);
});
