// `graph build --clip`: clips the Surabaya extract to a box, writes the roads, builds the graph from them; clear usage errors.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run as graphBuild } from '../../cli/commands/graph-build.js';

const SURABAYA = 'fixtures/osm/surabaya-sukolilo-2013.osm';
const dir = mkdtempSync(join(tmpdir(), 'jejaring-clip-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err += String(chunk); return true; });
  const code = await graphBuild(args);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('jejaring graph build --clip', () => {
  it('clips, writes GeoJSON roads with attribution and builds the graph from them', async () => {
    const out = join(dir, 'sukolilo-west.roads.geojson');
    const run = await capture([SURABAYA, '--clip', '112.770,-7.300,112.785,-7.290', '--margin-m', '200', '--out', out, '--cache-dir', dir, '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out);
    expect(summary).toMatchObject({ file: out, origin: 'built', clip: { nodesRead: 3092, waysRead: 722, marginM: 200, out } });
    expect(summary.clip.roadLinesKept).toBeGreaterThan(50);
    expect(summary.nodes).toBeGreaterThan(100);
    const roads = JSON.parse(readFileSync(out, 'utf8'));
    expect(roads.attribution).toMatch(/OpenStreetMap contributors/);
    expect(roads.features).toHaveLength(summary.clip.roadLinesKept);
    for (const f of roads.features) for (const [lon, lat] of f.geometry.coordinates) {
      expect(lon).toBeGreaterThan(112.768); expect(lon).toBeLessThan(112.787);
      expect(lat).toBeGreaterThan(-7.302); expect(lat).toBeLessThan(-7.288);
    }
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });

  it('prints how to serve the clipped graph', async () => {
    const out = join(dir, 'text.roads.geojson');
    const run = await capture([SURABAYA, '--clip', '112.770,-7.300,112.785,-7.290', '--out', out, '--cache-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/clipped .* kept \d+ road lines/);
    expect(run.out).toContain(`JEJARING_GRAPH=${out} node bin/jejaring.js serve`);
  });

  it('exits 2 with a code for a boundary away from the extract, a bad margin, a bad box and --out without --clip', async () => {
    const away = await capture([SURABAYA, '--clip', 'fixtures/boundaries/kota-malang.geojson', '--out', join(dir, 'none.geojson'), '--cache-dir', dir]);
    expect(away).toMatchObject({ code: 2 });
    expect(away.err).toMatch(/error \[clip_empty\]/);
    expect((await capture([SURABAYA, '--clip', '112.77,-7.30,112.78,-7.29', '--margin-m', '-5'])).err).toMatch(/invalid_margin/);
    expect((await capture([SURABAYA, '--clip', '112.78,-7.30,112.77,-7.29'])).err).toMatch(/invalid_clip/);
    expect((await capture([SURABAYA, '--clip', join(dir, 'missing.geojson')])).err).toMatch(/invalid_clip/);
    expect((await capture([SURABAYA, '--out', 'x.geojson'])).err).toMatch(/error \[usage\].*go with --clip/);
  });
});
