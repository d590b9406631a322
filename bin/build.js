#!/usr/bin/env node
// `npm run build` (run by `npm install` and `npm ci` through prepare): compiles the TypeScript to dist/, bundles what
// `serve` loads into one module (bin/bundle-serve.js) and the web map into web-map/dist, then writes dist/build.json so
// bin/jejaring.js knows the build matches the sources.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP } from './build-state.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** Runs one build step with node; stops the build with its exit code when it fails. */
function step(label, args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`build: ${label} failed\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`build: ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const startedAtMs = Date.now();
rmSync(join(ROOT, 'dist'), { recursive: true, force: true }); // no compiled leftovers of deleted sources
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
step('TypeScript → dist/', [tsc, '-p', 'tsconfig.build.json']);
step('serve bundle → dist/cli/commands/serve.js', ['bin/bundle-serve.js']);
step('web map → web-map/dist/', ['--import', 'tsx', 'web-map/build.ts', '--minify']);
mkdirSync(join(ROOT, 'dist'), { recursive: true });
writeFileSync(join(ROOT, BUILD_STAMP), `${JSON.stringify({ startedAtMs, builtAt: new Date().toISOString() })}\n`);
