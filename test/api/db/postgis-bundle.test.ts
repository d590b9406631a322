// The core PostGIS bundle: a tar archive filtered entry by entry (what tar itself lists afterwards), and the cached bundle
// keeps the core library and the install script of its version while raster, topology, the geocoder and the upgrade
// scripts are gone.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corePostgisBundle, tarWithout } from '../../../api/db/postgis-bundle.js';

const work = mkdtempSync(join(tmpdir(), 'jejaring-postgis-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What GNU tar lists in an archive held in memory. */
function tarList(archive: Uint8Array): string[] {
  const file = join(work, `list-${Math.random().toString(36).slice(2)}.tar`);
  writeFileSync(file, archive);
  return execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n').sort();
}

describe('tarWithout', () => {
  it('drops the matching entries and keeps the others byte for byte, long names included', () => {
    const src = join(work, 'src');
    const longDir = `share/${'deep-folder-name/'.repeat(8)}`;
    for (const [path, text] of [['lib/keep-3.so', 'kept library'], ['lib/drop_raster-3.so', 'x'.repeat(1500)], [`${longDir}keep--1.0.sql`, 'select 1;'], ['share/drop_raster--1.0.sql', 'no']]) {
      mkdirSync(join(src, path, '..'), { recursive: true });
      writeFileSync(join(src, path), text);
    }
    const tarFile = join(work, 'src.tar');
    execFileSync('tar', ['--format=posix', '-cf', tarFile, '-C', src, 'lib', 'share']);
    const filtered = tarWithout(readFileSync(tarFile), /^drop_raster\b/);
    const listed = tarList(filtered);
    expect(listed).toContain('lib/keep-3.so');
    expect(listed).toContain(`${longDir}keep--1.0.sql`);
    expect(listed.filter((p) => p.includes('drop_raster'))).toEqual([]);
    const out = join(work, 'out');
    mkdirSync(out);
    writeFileSync(join(work, 'filtered.tar'), filtered);
    execFileSync('tar', ['-xf', join(work, 'filtered.tar'), '-C', out]);
    expect(readFileSync(join(out, 'lib/keep-3.so'), 'utf8')).toBe('kept library');
    expect(readFileSync(join(out, longDir, 'keep--1.0.sql'), 'utf8')).toBe('select 1;');
  });
});

describe('corePostgisBundle', () => {
  it('caches the installed bundle without raster, topology, the geocoder and upgrade scripts, with the core library and its install script', async () => {
    const path = await corePostgisBundle(join(work, 'cache'));
    const listed = tarList(readFileSync(path));
    expect(listed).toContain('lib/postgresql/postgis-3.so');
    expect(listed).toContain('share/postgresql/extension/postgis.control');
    expect(listed.filter((p) => p.startsWith('share/postgresql/')).map((p) => p.replace(/\d+\.\d+\.\d+/, 'V'))).toEqual([
      'share/postgresql/extension/postgis--V.sql',
      'share/postgresql/extension/postgis.control',
    ]);
    expect(listed.some((p) => p.startsWith('share/proj/'))).toBe(true);
    expect(listed.filter((p) => /postgis_raster|postgis_topology|postgis_tiger_geocoder/.test(p))).toEqual([]);
    expect(await corePostgisBundle(join(work, 'cache'))).toBe(path); // the second call finds it
  }, 120_000);
});
