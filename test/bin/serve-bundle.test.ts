// The compiled `serve` is one bundle (bin/bundle-serve.js): dist/cli/commands/serve.js re-exports it, and every module
// it locates from its own URL (the package root, worker modules, createRequire) is a compiled file that exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildState } from '../../bin/build-state.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE_DIR = join(ROOT, 'dist/cli/commands/serve');
/** Only a build of the sources as they are says what the build does now. */
const FRESH = buildState(ROOT) === 'fresh';

describe.skipIf(!FRESH)('the serve bundle (npm run build first)', () => {
  it('replaces the compiled serve module with a re-export of the bundle', () => {
    expect(readFileSync(join(ROOT, 'dist/cli/commands/serve.js'), 'utf8')).toContain("export * from './serve/serve.js';");
    expect(existsSync(join(BUNDLE_DIR, 'serve.js'))).toBe(true);
  });

  it('finds each compiled module it names by its own URL, and loads no typebox module from node_modules', () => {
    const named: string[] = [];
    for (const file of readdirSync(BUNDLE_DIR).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(BUNDLE_DIR, file), 'utf8');
      for (const [, relative] of code.matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) named.push(relative);
      expect(code).not.toMatch(/from "typebox/);
    }
    expect(named.length).toBeGreaterThanOrEqual(4); // package root, PGlite image, solve and contract workers, …
    const base = pathToFileURL(join(BUNDLE_DIR, 'serve.js'));
    expect(named.filter((relative) => !existsSync(new URL(relative, base)))).toEqual([]);
    expect(named.every((relative) => relative.startsWith('../../../'))).toBe(true); // compiled files under dist/
  });
});
