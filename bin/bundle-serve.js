#!/usr/bin/env node
// Build step after tsc: bundles the compiled modules `jejaring serve` loads (with typebox) into dist/cli/commands/serve/
// and makes dist/cli/commands/serve.js a re-export of it, so a start reads about 15 files instead of 1,100 (a CPU-second
// on Node 20, which has no module compile cache). Other packages stay external; the rest of dist/ stays as tsc wrote it.
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const ENTRY = join(DIST, 'cli/commands/serve.js');
/** The bundle's folder: its entry and the modules split off it (loaded on demand), all side by side. */
const OUT_DIR = join(DIST, 'cli/commands/serve');
/** First line of the re-export that replaces tsc's serve.js. */
const SHIM_MARK = '// serve bundle:';
/** Packages compiled into the bundle: typebox is about 680 small modules; its fastify type provider shares its copy. */
const BUNDLED_PACKAGES = new Set(['typebox', '@fastify/type-provider-typebox']);

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const posix = (path) => path.split(sep).join('/');

/**
 * Bundled modules keep their own `import.meta.url` (package root, worker modules beside them, createRequire): each
 * becomes the module's compiled file, found from the bundle's own URL, so the dist/ tree can still move as a whole.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(DIST + sep)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'js' };
      const url = `new URL(${JSON.stringify(posix(relative(OUT_DIR, args.path)))}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

/**
 * Packages stay external except the bundled ones; an external import must name the same file from the bundle's folder
 * as from the module that imports it (true for dist/, checked for the bundled packages' own imports).
 */
const externals = {
  name: 'externals',
  setup(build) {
    const resolvedFrom = (dir, specifier) => {
      try {
        return createRequire(join(dir, 'index.js')).resolve(specifier);
      } catch {
        return null;
      }
    };
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || BUNDLED_PACKAGES.has(packageOf(args.path))) return undefined;
      if (!args.resolveDir.startsWith(DIST + sep) && resolvedFrom(args.resolveDir, args.path) !== resolvedFrom(OUT_DIR, args.path)) {
        return { errors: [{ text: `${args.path}, imported by ${args.importer}, is another file when imported from ${OUT_DIR}` }] };
      }
      return { path: args.path, external: true };
    });
  },
};

if ((await readFile(ENTRY, 'utf8')).startsWith(SHIM_MARK)) {
  process.stderr.write(`${ENTRY} is already the bundle's re-export: compile with tsc first (npm run build)\n`);
  process.exit(1);
}
const { build } = await import('esbuild');
const result = await build({
  entryPoints: { serve: ENTRY },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  keepNames: true,
  sourcemap: true, // chained through tsc's maps: --enable-source-maps names the TypeScript lines
  write: false,
  outdir: OUT_DIR,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  plugins: [externals, ownUrl],
  logLevel: 'warning',
  legalComments: 'none',
});
await rm(OUT_DIR, { recursive: true, force: true });
await mkdir(OUT_DIR, { recursive: true });
for (const file of result.outputFiles) await writeFile(file.path, file.contents);
await rm(`${ENTRY}.map`, { force: true }); // tsc's map of the module the re-export replaces
await writeFile(ENTRY, `${SHIM_MARK} ${posix(relative(DIST, OUT_DIR))}/ (bin/bundle-serve.js)\nexport * from './serve/serve.js';\n`);
