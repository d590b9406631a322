// PGlite on a worker thread answers as in-process PGlite does: rows, writes, transactions, errors with their fields.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../api/db/database.js';
import { openPgliteThreadDatabase } from '../../../api/db/pglite-thread-database.js';

let db: Database;
beforeAll(async () => {
  db = await openPgliteThreadDatabase();
  await db.exec('CREATE TABLE t (id int PRIMARY KEY, at timestamptz, doc jsonb, raw bytea)');
});
afterAll(async () => {
  await db?.close();
});

it('runs queries with parameters and returns typed rows and counts', async () => {
  const at = new Date('2026-01-02T03:04:05.000Z');
  const inserted = await db.query('INSERT INTO t VALUES ($1, $2, $3, $4), (2, NULL, NULL, NULL)', [1, at, { a: [1, 'x'] }, Buffer.from([1, 2, 3])]);
  expect(inserted.rowCount).toBe(2);
  const { rows } = await db.query<{ id: number; at: Date; doc: unknown; raw: Uint8Array }>('SELECT * FROM t WHERE id = $1', [1]);
  expect(rows[0].at).toBeInstanceOf(Date);
  expect(rows[0].at.toISOString()).toBe(at.toISOString());
  expect(rows[0].doc).toEqual({ a: [1, 'x'] });
  expect([...rows[0].raw]).toEqual([1, 2, 3]);
  const distance = await db.query<{ d: number }>('SELECT round(ST_Distance(ST_MakePoint(106.8, -6.2)::geography, ST_MakePoint(106.81, -6.2)::geography)) AS d');
  expect(Number(distance.rows[0].d)).toBeGreaterThan(1_100);
});

it('commits a transaction that resolves and rolls back one that throws, rethrowing its error', async () => {
  expect(await db.transaction(async (tx) => {
    await tx.query('INSERT INTO t (id) VALUES (10)');
    return 'done';
  })).toBe('done');
  const thrown = new Error('changed my mind');
  await expect(db.transaction(async (tx) => {
    await tx.exec('INSERT INTO t (id) VALUES (11)');
    throw thrown;
  })).rejects.toBe(thrown);
  const ids = await db.query<{ id: number }>('SELECT id FROM t WHERE id >= 10 ORDER BY id');
  expect(ids.rows).toEqual([{ id: 10 }]);
});

it('keeps statements outside a transaction waiting until it ends, as one connection does', async () => {
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const tx = db.transaction(async (t) => {
    await t.query('INSERT INTO t (id) VALUES (20)');
    order.push('tx wrote');
    await held;
    order.push('tx ends');
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const outside = db.query('SELECT count(*)::int AS n FROM t WHERE id = 20').then((r) => { order.push('outside read'); return r.rows[0]; });
  await new Promise((resolve) => setTimeout(resolve, 50));
  release();
  await tx;
  expect(await outside).toEqual({ n: 1 });
  expect(order).toEqual(['tx wrote', 'tx ends', 'outside read']);
});

it('carries a database error across with its code and constraint', async () => {
  const error = await db.query('INSERT INTO t (id) VALUES (1)').catch((e: unknown) => e) as { code?: string; constraint?: string; message: string };
  expect(error).toBeInstanceOf(Error);
  expect(error.code).toBe('23505');
  expect(error.constraint).toBe('t_pkey');
  expect(error.message).toMatch(/duplicate key/);
  const failedCommit = await db.transaction(async (tx) => tx.query('SELECT 1 / 0')).catch((e: unknown) => e) as { code?: string };
  expect(failedCommit.code).toBe('22012');
  expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
});

it('persists a data directory across a close and a new open', async () => {
  const dataDir = join(await mkdtemp(join(tmpdir(), 'jejaring-pglite-thread-')), 'data');
  try {
    const first = await openPgliteThreadDatabase({ dataDir });
    await first.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
    await first.close();
    const again = await openPgliteThreadDatabase({ dataDir });
    try {
      expect((await again.query('SELECT id FROM kept')).rows).toEqual([{ id: 7 }]);
    } finally {
      await again.close();
    }
    await expect(again.query('SELECT 1')).rejects.toThrow(/PGlite thread stopped/);
  } finally {
    await rm(dirname(dataDir), { recursive: true, force: true });
  }
});

it('holds the process open while it closes, so a program awaiting the close ends with its own exit code', async () => {
  const { execFile } = await import('node:child_process');
  const moduleUrl = new URL('../../../api/db/pglite-thread-database.ts', import.meta.url).href;
  // Top-level await in the child: were the loop left empty while the thread ends, Node would exit with 13 (unsettled await).
  const script = `const { openPgliteThreadDatabase } = await import(${JSON.stringify(moduleUrl)});
    const db = await openPgliteThreadDatabase();
    await db.query('SELECT 1');
    await db.close();
    process.exitCode = 7;`;
  const code = await new Promise<number | null>((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 });
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  expect(code).toBe(7);
}, 90_000);
