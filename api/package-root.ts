// The package's root folder, the same whether this file runs as TypeScript source or compiled under dist/.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `start` holding jejaring's package.json (dist/ has none, so it is skipped). */
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'jejaring') return dir;
    } catch {
      // no package.json here
    }
    if (dirname(dir) === dir) throw new Error(`jejaring's package.json is not above ${start}`);
  }
}

/** Absolute path of the package root: fixtures/, api/db/migrations/, web-map/ and bin/ are found from here. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** An absolute path inside the package, e.g. `fromPackageRoot('fixtures/osm')`. */
export function fromPackageRoot(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}

/** True when this code runs as TypeScript sources (tests, tsx), false when it runs compiled from dist/. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');
