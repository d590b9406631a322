// Graph cache: built once, then loaded from disk with equal arrays; stale or corrupt files are rebuilt, not fatal.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphCachePath, hashFile, loadOrBuildGraph, writeGraphCache } from '../../../engine/graph/graph-cache.js';

const SURABAYA = 'fixtures/osm/surabaya-sukolilo-2013.osm';
const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-graph-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('graph cache', () => {
  it('builds on first use, then loads identical arrays from the cache', async () => {
    const built = await loadOrBuildGraph(SURABAYA, { profile: 'motorbike', cacheDir });
    expect(built.origin).toBe('built');
    expect(built.inputHash).toBe(await hashFile(SURABAYA));
    const cached = await loadOrBuildGraph(SURABAYA, { profile: 'motorbike', cacheDir });
    expect(cached.origin).toBe('cache');
    expect(cached.cachePath).toBe(built.cachePath);
    expect(Array.from(cached.graph.target)).toEqual(Array.from(built.graph.target));
    expect(cached.graph.names).toEqual(built.graph.names);
    expect(Array.from(cached.ch.upKey)).toEqual(Array.from(built.ch.upKey));
    expect(Array.from(cached.ch.downMiddle)).toEqual(Array.from(built.ch.downMiddle));
    expect(Array.from(cached.ch.rank)).toEqual(Array.from(built.ch.rank));
  });

  it('keys files by profile', async () => {
    const car = await loadOrBuildGraph(SURABAYA, { profile: 'car', cacheDir });
    const bike = await loadOrBuildGraph(SURABAYA, { profile: 'motorbike', cacheDir });
    expect(car.cachePath).not.toBe(bike.cachePath);
    expect(car.graph.profile).toBe('car');
  });

  it('rebuilds a corrupt cache file and says why', async () => {
    const { cachePath } = await loadOrBuildGraph(SURABAYA, { cacheDir });
    writeFileSync(cachePath, 'not a bundle at all');
    const rebuilt = await loadOrBuildGraph(SURABAYA, { cacheDir });
    expect(rebuilt.origin).toBe('built');
    expect(rebuilt.rebuildReason).toMatch(/not a valid array bundle/);
    expect((await loadOrBuildGraph(SURABAYA, { cacheDir })).origin).toBe('cache');
  });

  it('rebuilds a file whose header names other input', async () => {
    const good = await loadOrBuildGraph(SURABAYA, { cacheDir });
    await writeGraphCache(good.cachePath, good, 'f'.repeat(64), 'motorbike');
    const rebuilt = await loadOrBuildGraph(SURABAYA, { cacheDir });
    expect(rebuilt.origin).toBe('built');
    expect(rebuilt.rebuildReason).toMatch(/other input/);
  });

  it('builds without a file when caching is off', async () => {
    const before = readdirSync(cacheDir).length;
    const loaded = await loadOrBuildGraph(SURABAYA, { cacheDir: false });
    expect(loaded.origin).toBe('built');
    expect(loaded.cachePath).toBe('');
    expect(readdirSync(cacheDir)).toHaveLength(before);
  });

  it('names cache files by input, profile, hash prefix and format version', () => {
    expect(graphCachePath('d', 'x y.osm', 'ab'.repeat(32), 'car')).toBe(join('d', 'x_y.osm.car.abababababababab.v3.jjgraph'));
  });
});
