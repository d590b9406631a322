// bin/build-state.js: a build is fresh until a source it compiles or bundles changes after the build started.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildState, BUILD_STAMP } from '../../bin/build-state.js';

const roots: string[] = [];
afterEach(() => { for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true }); });

/** A package skeleton whose every input was last modified at `mtimeS` (seconds since the epoch). */
function skeleton(mtimeS: number): string {
  const root = mkdtempSync(join(tmpdir(), 'jejaring-build-state-'));
  roots.push(root);
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'engine/index.ts', 'api/app.ts', 'cli/main.ts',
    'benchmarks/roads.ts', 'web-map/src/dispatcher.ts', 'web-map/styles/map.css', 'web-map/pages/courier.html']) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), mtimeS, mtimeS);
  }
  return root;
}

const stamp = (root: string, startedAtMs: number): void => {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, BUILD_STAMP), JSON.stringify({ startedAtMs }));
};

describe('buildState', () => {
  it('is missing without a stamp, fresh after a build, stale once a compiled or bundled source changes', () => {
    const root = skeleton(1_000);
    expect(buildState(root)).toBe('missing');
    stamp(root, 2_000_000);
    expect(buildState(root)).toBe('fresh');
    utimesSync(join(root, 'web-map/styles/map.css'), 3_000, 3_000);
    expect(buildState(root)).toBe('stale');
  });

  it('counts a change to an engine file, a benchmark or the build configuration', () => {
    for (const file of ['engine/index.ts', 'benchmarks/roads.ts', 'tsconfig.build.json']) {
      const root = skeleton(1_000);
      stamp(root, 2_000_000);
      utimesSync(join(root, file), 2_001, 2_001);
      expect(buildState(root), file).toBe('stale');
    }
  });

  it('ignores files read at run time from the sources (pages), and an unreadable stamp is missing', () => {
    const root = skeleton(1_000);
    stamp(root, 2_000_000);
    utimesSync(join(root, 'web-map/pages/courier.html'), 3_000, 3_000);
    expect(buildState(root)).toBe('fresh');
    writeFileSync(join(root, BUILD_STAMP), 'not json');
    expect(buildState(root)).toBe('missing');
  });
});
