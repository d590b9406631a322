// A new PGlite database starts from an image taken after the migrations, named by their hash, and finds them applied.
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { appliedMigrations, loadMigrations, migrate, MIGRATIONS_DIR } from '../../../api/db/migrate.js';
import { openDatabase } from '../../../api/db/open-database.js';
import { openPgliteDatabase } from '../../../api/db/pglite-database.js';
import { DEFAULT_PGLITE_IMAGE_DIR } from '../../../api/db/pglite-image.js';
import { migratedImageName } from '../../../api/db/pglite-migrated-image.js';

const work = await mkdtemp(join(tmpdir(), 'jejaring-migrated-image-'));
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

it('names the image by the migrations: another file or an edited one gives another name', async () => {
  const dir = join(work, 'migrations');
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  const name = await migratedImageName(dir);
  expect(name).toBe(await migratedImageName(MIGRATIONS_DIR));
  await writeFile(join(dir, '999_more.sql'), 'CREATE TABLE more_here (id int);');
  const added = await migratedImageName(dir);
  await writeFile(join(dir, '999_more.sql'), 'CREATE TABLE more_here (id bigint);');
  expect(new Set([name, added, await migratedImageName(dir)]).size).toBe(3);
});

it('opens a new database from the migrated image with every migration recorded, and makes the image once', async () => {
  const db = await openDatabase({});
  try {
    expect(await readdir(DEFAULT_PGLITE_IMAGE_DIR)).toContain(await migratedImageName(MIGRATIONS_DIR));
    expect(await appliedMigrations(db)).toEqual((await loadMigrations()).map((m) => m.name));
    expect(await migrate(db)).toEqual([]);
    await db.exec(`INSERT INTO events (id, type) VALUES ('evt_image', 'test.image')`);
  } finally {
    await db.close();
  }
  const again = await openDatabase({});
  try {
    expect((await again.query(`SELECT 1 FROM events WHERE id = 'evt_image'`)).rows).toEqual([]); // each starts afresh
  } finally {
    await again.close();
  }
});

it('starts an empty data folder migrated and resumes it as it stands; a new migration is applied on top', async () => {
  const dataDir = join(work, 'data');
  const first = await openDatabase({ dataDir });
  await first.exec(`INSERT INTO events (id, type) VALUES ('evt_kept', 'test.kept')`);
  await first.close();
  const dir = join(work, 'migrations-plus');
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  await writeFile(join(dir, '999_more.sql'), 'CREATE TABLE more_here (id int);');
  const resumed = await openPgliteDatabase({ dataDir, migrationsDir: dir });
  try {
    expect((await resumed.query(`SELECT 1 FROM events WHERE id = 'evt_kept'`)).rows).toHaveLength(1);
    expect(await migrate(resumed, dir)).toEqual(['999_more']);
  } finally {
    await resumed.close();
  }
});
