// PGlite base image: in-memory databases start from the cached image with PostGIS and are independent of each other.
import { readdir } from 'node:fs/promises';
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
