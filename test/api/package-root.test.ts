// The package root is found from the sources (as here) the same way as from dist/: the folder of jejaring's package.json.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { fromPackageRoot, PACKAGE_ROOT, RUNNING_FROM_SOURCE } from '../../api/package-root.js';

it('is the folder of package.json, and paths inside it resolve from there', () => {
  expect(PACKAGE_ROOT).toBe(resolve(import.meta.dirname, '../..'));
  expect(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).name).toBe('jejaring');
  expect(existsSync(fromPackageRoot('api/db/migrations', '001_core.sql'))).toBe(true);
  expect(RUNNING_FROM_SOURCE).toBe(true);
});
