#!/usr/bin/env node
// jejaring command-line entry: runs the compiled JavaScript in dist/ (built by `npm install` or `npm run build`).
// Without a build, or when a source changed after it, it runs the TypeScript sources through tsx (a development
// checkout; slower to start) and says so; JEJARING_ENTRY=dist or =source chooses explicitly.
import { fileURLToPath } from 'node:url';
import { buildState } from './build-state.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `dist` or `source`, and a note for stderr when the choice is not the compiled build. */
async function chooseEntry() {
  const asked = process.env.JEJARING_ENTRY;
  if (asked && asked !== 'dist' && asked !== 'source') throw new Error(`JEJARING_ENTRY must be dist or source, got ${asked}`);
  const state = buildState(ROOT);
  if (asked === 'dist' && state === 'missing') throw new Error(`JEJARING_ENTRY=dist but jejaring is not built: run npm run build in ${ROOT}`);
  if (asked) return { entry: asked };
  if (state === 'fresh') return { entry: 'dist' };
  const why = state === 'missing' ? 'jejaring is not built' : 'the sources changed after the last build';
  try {
    await import('tsx/esm/api');
  } catch {
    if (state === 'stale') return { entry: 'dist', note: `jejaring: ${why}, and tsx is not installed: running the old build (npm run build)\n` };
    throw new Error(`${why} and tsx is not installed: run npm install (or npm run build) in ${ROOT}`);
  }
  return { entry: 'source', note: `jejaring: ${why}; running the TypeScript sources through tsx (npm run build starts faster)\n` };
}

let chosen;
try {
  chosen = await chooseEntry();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
if (chosen.note) process.stderr.write(chosen.note);
let main;
if (chosen.entry === 'dist') {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
