// Verified API keys are cached by key id (scrypt once per key and TTL): the cache answers without the database, a
// wrong secret for a cached id is still refused, and revoking a key ends its cached verdict at once.
import { expect, it } from 'vitest';
import { parseApiKey } from '../../../api/auth/api-keys.js';
import { describeEachBackend } from '../helpers/backends.js';
import { admin, createFleet, expectProblem } from '../helpers/fixtures.js';

describeEachBackend('API key cache', (ctx) => {
  const me = (headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url: '/v1/fleets', headers });

  it('answers a verified key from the cache, refuses a wrong secret for the same id, and forgets a revoked key', async () => {
    const { fleet, key, headers } = await createFleet(ctx.app);
    expect((await me(headers)).statusCode).toBe(200);
    const { id } = parseApiKey(key)!;
    // Without its row the key can only be accepted from the cache (no scrypt, no lookup).
    const row = (await ctx.db.query<Record<string, unknown>>('SELECT * FROM fleet_api_keys WHERE id = $1', [id])).rows[0];
    await ctx.db.query('DELETE FROM fleet_api_keys WHERE id = $1', [id]);
    expect((await me(headers)).statusCode).toBe(200);
    const last = key.at(-1) === '0' ? '1' : '0';
    expectProblem(await me({ authorization: `Bearer ${key.slice(0, -1)}${last}` }), 401, 'invalid_credentials');
    expect((await me(headers)).statusCode).toBe(200);
    await ctx.db.query('INSERT INTO fleet_api_keys (id, fleet_id, salt, hash) VALUES ($1, $2, $3, $4)', [id, row.fleet_id, row.salt, row.hash]);
    const revoked = await ctx.app.inject({ method: 'DELETE', url: `/v1/fleets/${fleet.id}/keys/${id}`, headers: await admin(ctx.app) });
    expect(revoked.statusCode).toBeLessThan(300);
    expectProblem(await me(headers), 401, 'invalid_credentials');
  });
});
