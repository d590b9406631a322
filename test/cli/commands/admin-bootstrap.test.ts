// `jejaring admin bootstrap`: the admin token and the demo fleet key it prints work against a server on the same data.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildApp } from '../../../api/app.js';
import { bootstrap } from '../../../cli/commands/admin.js';

it('creates an admin token and a fleet API key that work against an app on the same data and secret', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'jejaring-boot-'));
  const secret = 'bootstrap-secret-0123456789';
  const result = await bootstrap({ fleetName: 'Pangkalan Stasiun', fleetKind: 'pangkalan', ttlDays: 1, dataDir, secret });
  expect(result.generated_secret).toBeNull();
  expect(result.admin_token).toMatch(/^jt_/);
  expect(result.fleet_api_key).toMatch(/^jk_/);
  const app = await buildApp({ database: { dataDir }, secret, rateLimit: false, docs: false });
  try {
    const markets = await app.inject({ method: 'GET', url: '/v1/markets', headers: { authorization: `Bearer ${result.admin_token}` } });
    expect(markets.statusCode).toBe(200);
    const fleet = await app.inject({ method: 'GET', url: `/v1/fleets/${result.fleet_id}`, headers: { authorization: `Bearer ${result.fleet_api_key}` } });
    expect(fleet.json()).toMatchObject({ id: result.fleet_id, kind: 'pangkalan', name: 'Pangkalan Stasiun' });
    const wrongSecret = await buildApp({ db: app.db, secret: 'some-other-secret-987654321', rateLimit: false, docs: false });
    expect((await wrongSecret.inject({ method: 'GET', url: '/v1/markets', headers: { authorization: `Bearer ${result.admin_token}` } })).statusCode).toBe(401);
    await wrongSecret.close();
  } finally {
    await app.close();
  }
});

it('creates the missing folders above the data directory (a fresh clone has no .jejaring/)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'jejaring-fresh-'));
  const dataDir = join(root, '.jejaring', 'pglite');
  const result = await bootstrap({ fleetName: 'Ojek Baru', fleetKind: 'ojol', ttlDays: 1, dataDir, secret: 'fresh-clone-secret-0123456789' });
  expect(result.fleet_api_key).toMatch(/^jk_/);
});
