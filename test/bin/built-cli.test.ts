// The compiled build runs without tsx: `jejaring` from dist/ answers, routes on the Jakarta graph it finds from the package
// root, and its modules find the migrations, the map pages and bundles there too, not beside the compiled files.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../api/db/migrate.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILT = existsSync(join(ROOT, 'dist/build.json'));

/** Runs node on `args` in the package folder with the compiled entry forced; returns its standard output. */
function runNode(args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, JEJARING_ENTRY: 'dist' };
  delete env.JEJARING_GRAPH;
  return execFileSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
}

describe.skipIf(!BUILT)('the compiled build (npm run build first)', () => {
  it('answers --help and routes on the Jakarta graph, with no word about tsx', () => {
    expect(runNode([join(ROOT, 'bin/jejaring.js'), '--help'])).toContain('jejaring serve');
    const route = JSON.parse(runNode([join(ROOT, 'bin/jejaring.js'), 'route', '106.8229,-6.1862', '106.8456,-6.1754', '--json', '--cache-dir', join(ROOT, '.cache/graphs')]));
    expect(route.distanceM).toBeGreaterThan(2_000);
  }, 300_000);

  it('finds the migrations, the map pages, the bundles and the road graph from the package root', async () => {
    const probe = `
      const [{ loadMigrations }, { WEB_MAP_DIST_DIR }, { JAKARTA_GRAPH }, { RUNNING_FROM_SOURCE }] = await Promise.all([
        import('./dist/api/db/migrate.js'), import('./dist/api/plugins/web-map.js'), import('./dist/cli/commands/serve.js'), import('./dist/api/package-root.js')]);
      console.log(JSON.stringify({ migrations: (await loadMigrations()).length, assets: WEB_MAP_DIST_DIR, graph: JAKARTA_GRAPH, fromSource: RUNNING_FROM_SOURCE }));`;
    const found = JSON.parse(runNode(['--input-type=module', '-e', probe]));
    expect(found).toEqual({ migrations: (await loadMigrations()).length, assets: join(ROOT, 'web-map/dist'), graph: join(ROOT, 'fixtures/osm/jakarta-roads-osm-2012.geojson'), fromSource: false });
  }, 300_000);
});
