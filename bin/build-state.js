// Whether dist/ was built from the sources as they are: the build stamps its start time, a later source edit makes it stale.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build compiles or bundles: a file here newer than the stamp means dist/ no longer matches the sources. */
const SOURCE_DIRS = ['engine', 'api', 'cli', 'benchmarks', 'web-map/src', 'web-map/styles'];
const SOURCE_FILE = /\.(ts|css)$/;
const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** The stamp file the build writes last. */
export const BUILD_STAMP = 'dist/build.json';

/** The newest modification time (ms) of the build's inputs under `root`. */
export function newestSourceMtimeMs(root) {
  let newest = 0;
  for (const file of BUILD_INPUTS) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  for (const dir of SOURCE_DIRS) {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && SOURCE_FILE.test(entry.name)) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** `missing` without a stamp, `stale` when a source changed after the build started, else `fresh`. */
export function buildState(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, BUILD_STAMP), 'utf8'));
  } catch {
    return 'missing';
  }
  return typeof stamp.startedAtMs === 'number' && newestSourceMtimeMs(root) < stamp.startedAtMs ? 'fresh' : 'stale';
}
