// Migration runner: files in number order, applied once each and recorded; duplicates rejected; schema usable on both back ends.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { appliedMigrations, loadMigrations, migrate } from '../../../api/db/migrate.js';
import { describeEachBackend } from '../helpers/backends.js';

it('loads the migration files in number order and refuses two files with one number', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jejaring-mig-'));
  await writeFile(join(dir, '002_second.sql'), 'SELECT 2;');
  await writeFile(join(dir, '001_first.sql'), 'SELECT 1;');
  await writeFile(join(dir, 'notes.txt'), 'ignored');
  expect((await loadMigrations(dir)).map((m) => [m.version, m.name])).toEqual([[1, '001_first'], [2, '002_second']]);
  await writeFile(join(dir, '002_clash.sql'), 'SELECT 3;');
  await expect(loadMigrations(dir)).rejects.toThrow(/two migrations numbered 2/);
  const real = await loadMigrations();
  expect(real[0].name).toBe('001_core');
});

describeEachBackend('migrations', (ctx) => {
  it('records every migration once and applies nothing on a second run', async () => {
    const names = (await loadMigrations()).map((m) => m.name);
    expect(await appliedMigrations(ctx.db)).toEqual(names);
    expect(await migrate(ctx.db)).toEqual([]);
  });

  it('rolls back a failing migration entirely', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jejaring-mig-'));
    await writeFile(join(dir, '900_half.sql'), 'CREATE TABLE half_done (id int); SELECT no_such_function();');
    await expect(migrate(ctx.db, dir)).rejects.toThrow();
    const table = await ctx.db.query(`SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'half_done'`);
    expect(table.rows).toEqual([]);
    expect(await appliedMigrations(ctx.db)).not.toContain('900_half');
  });

  it('indexes geography columns with GiST and answers distance queries in metres', async () => {
    const indexes = await ctx.db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexdef ILIKE '%USING gist%'`);
    expect(indexes.rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(['markets_location_gix', 'stalls_location_gix', 'couriers_last_position_gix', 'orders_delivery_gix']));
    // One degree of longitude at 6°S ≈ 110.6 km on the WGS84 spheroid.
    const d = await ctx.db.query<{ m: number }>(`SELECT ST_Distance(ST_SetSRID(ST_MakePoint(106, -6), 4326)::geography, ST_SetSRID(ST_MakePoint(107, -6), 4326)::geography) AS m`);
    expect(d.rows[0].m).toBeGreaterThan(110_000);
    expect(d.rows[0].m).toBeLessThan(111_000);
  });

  it('returns int8 as numbers and rolls back a failed transaction', async () => {
    const seq = await ctx.db.query<{ n: number }>('SELECT 9007199254740::bigint AS n');
    expect(seq.rows[0].n).toBe(9007199254740);
    await expect(ctx.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO events (id, type) VALUES ('evt_x', 'test.rolled_back')`);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect((await ctx.db.query(`SELECT 1 FROM events WHERE id = 'evt_x'`)).rows).toEqual([]);
  });
});
