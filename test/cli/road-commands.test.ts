// CLI road commands run in-process on the Surabaya extract: output shape, JSON mode, exit codes and error codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseLonLat } from '../../cli/commands/graph-args.js';
import { run as graphBuild } from '../../cli/commands/graph-build.js';
import { run as route } from '../../cli/commands/route.js';
import { run as table } from '../../cli/commands/table.js';

const SURABAYA = 'fixtures/osm/surabaya-sukolilo-2013.osm';
const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-cli-'));
const common = ['--graph', SURABAYA, '--cache-dir', cacheDir];
const A = '112.7800,-7.2970', B = '112.7845,-7.2897', C = '112.7751,-7.3043';
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs a command and captures what it writes. */
async function capture(command: (args: string[]) => Promise<number>, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err += String(chunk); return true; });
  const code = await command(args);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('road CLI commands', () => {
  it('graph build builds, then loads from the cache', async () => {
    const first = await capture(graphBuild, [SURABAYA, '--cache-dir', cacheDir, '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.out);
    expect(summary).toMatchObject({ origin: 'built', profile: 'motorbike' });
    expect(summary.nodes).toBeGreaterThan(100);
    const second = await capture(graphBuild, [SURABAYA, '--cache-dir', cacheDir]);
    expect(second.out).toMatch(/loaded from .*\.jjgraph/);
  });

  it('route prints legs, and --json gives the route object', async () => {
    const text = await capture(route, [A, B, C, ...common]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/leg 1: .*\n.*leg 2: /);
    const json = await capture(route, [A, B, ...common, '--json']);
    const parsed = JSON.parse(json.out);
    expect(parsed.legs).toHaveLength(1);
    expect(parsed.geometry.type).toBe('LineString');
    expect(parsed.durationS).toBe(parsed.legs[0].durationS);
  });

  it('table --json gives square duration and distance rows with a zero diagonal', async () => {
    const { code, out } = await capture(table, [A, B, C, ...common, '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out);
    expect(parsed.durationsS).toHaveLength(3);
    expect(parsed.distancesM[1]).toHaveLength(3);
    expect([0, 1, 2].map((i) => parsed.durationsS[i][i])).toEqual([0, 0, 0]);
    expect(parsed.durationsS[0][1]).toBeGreaterThan(0);
  });

  it('reports bad input with its code and exit status 2, far points with no_segment and status 1', async () => {
    const bad = await capture(route, ['112.78,-7.29', '112.78;-7.29', ...common]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/\[invalid_coordinate\].*waypoints\[1\]/);
    const far = await capture(table, [A, '112.0,-7.0', ...common]);
    expect(far.code).toBe(1);
    expect(far.err).toMatch(/\[no_segment\]/);
    expect((await capture(graphBuild, [SURABAYA, '--profile', 'tank', '--cache-dir', cacheDir])).err).toMatch(/unknown_profile/);
    expect((await capture(route, [A, ...common])).code).toBe(2);
  });

  it('parses lon,lat strictly', () => {
    expect(parseLonLat('106.8442,-6.1737', 'x')).toEqual([106.8442, -6.1737]);
    for (const bad of ['106.8', '1,2,3', 'a,b', ',5', '181,0', '0,91']) expect(() => parseLonLat(bad, 'x')).toThrow(/not lon,lat/);
  });
});
