// PGlite base image: new databases (in memory or in an empty directory) start from the cached image with PostGIS.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../api/db/database.js';
import { openPgliteDatabase } from '../../../api/db/pglite-database.js';
import { DEFAULT_PGLITE_IMAGE_DIR, pgliteImageName } from '../../../api/db/pglite-image.js';

let first: Database;
let second: Database;
beforeAll(async () => {
  first = await openPgliteDatabase();
  second = await openPgliteDatabase();
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

it('opens in-memory databases from one cached image, each with PostGIS and its own data', async () => {
  expect(await readdir(DEFAULT_PGLITE_IMAGE_DIR)).toContain(pgliteImageName());
  await first.exec('CREATE TABLE only_here (id int)');
  const distanceM = await first.query<{ d: number }>(
    `SELECT round(ST_Distance(ST_MakePoint(106.8, -6.2)::geography, ST_MakePoint(106.81, -6.2)::geography)) AS d`,
  );
  expect(Number(distanceM.rows[0].d)).toBeGreaterThan(1_100);
  expect(Number(distanceM.rows[0].d)).toBeLessThan(1_110);
  const seen = await second.query(`SELECT 1 FROM pg_tables WHERE tablename = 'only_here'`);
  expect(seen.rows).toEqual([]);
});

it('starts an empty data directory from the image and resumes it with its data on the next open', async () => {
  const dataDir = join(await mkdtemp(join(tmpdir(), 'jejaring-pglite-')), 'data');
  try {
    const fresh = await openPgliteDatabase({ dataDir });
    await fresh.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
    await fresh.close();
    expect(await readdir(dataDir)).toContain('PG_VERSION');
    const resumed = await openPgliteDatabase({ dataDir });
    try {
      expect((await resumed.query<{ id: number }>('SELECT id FROM kept')).rows).toEqual([{ id: 7 }]);
      const postgis = await resumed.query<{ v: string }>('SELECT postgis_lib_version() AS v');
      expect(postgis.rows[0].v).toMatch(/^3\./);
    } finally {
      await resumed.close();
    }
  } finally {
    await rm(dirname(dataDir), { recursive: true, force: true });
  }
});
