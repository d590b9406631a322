// Web-map bundler: esbuild turns the dispatcher and courier entries (+ Leaflet CSS) into browser bundles, in memory or on disk.
import type { OutputFile } from 'esbuild';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder; compiled (dist/web-map/build.js, for `jejaring bench map`) the sources are still read from web-map/. */
const WEB_MAP_DIR = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '.' : '../../web-map/', import.meta.url));
/** Where `npm install` (prepare) and `npm run build:web` put the bundles the server reads. */
export const WEB_MAP_DIST = join(WEB_MAP_DIR, 'dist');

/** Bundle file name (e.g. 'dispatcher.js', 'courier.css') → its bytes and content type. */
export interface WebMapBundle {
  readonly files: ReadonlyMap<string, { readonly body: Uint8Array; readonly contentType: string }>;
  readonly buildMs: number;
}

export interface BuildWebMapOptions {
  /** Minify the output (default false: readable stack traces in tests, still fast). */
  readonly minify?: boolean;
  /** Also write the files to this directory (e.g. web-map/dist); in memory only when absent. */
  readonly outDir?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function contentTypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return CONTENT_TYPES[name.slice(dot)] ?? 'application/octet-stream';
}

/** Bundles `src/dispatcher.ts`, `src/courier.ts` and `src/bench.ts` with their CSS; fast enough to run on every server start. */
export async function buildWebMap(options: BuildWebMapOptions = {}): Promise<WebMapBundle> {
  const started = performance.now();
  const { build } = await import('esbuild'); // loaded only when bundling: serving prebuilt bundles needs no esbuild
  const outdir = WEB_MAP_DIST;
  const result = await build({
    entryPoints: {
      dispatcher: join(WEB_MAP_DIR, 'src/dispatcher.ts'),
      courier: join(WEB_MAP_DIR, 'src/courier.ts'),
      bench: join(WEB_MAP_DIR, 'src/bench.ts'),
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    outdir,
    write: false,
    minify: options.minify ?? false,
    sourcemap: 'linked',
    loader: { '.png': 'dataurl', '.svg': 'dataurl' },
    logLevel: 'silent',
    legalComments: 'none',
  });
  const files = new Map<string, { body: Uint8Array; contentType: string }>();
  for (const file of result.outputFiles as OutputFile[]) {
    const name = relative(outdir, file.path).replaceAll('\\', '/');
    files.set(name, { body: file.contents, contentType: contentTypeOf(name) });
  }
  if (options.outDir) {
    for (const [name, file] of files) {
      const target = join(options.outDir, name);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.body);
    }
  }
  return { files, buildMs: performance.now() - started };
}

/** Newest modification time of the files under `dir` (0 when it is missing). */
async function newestMtimeMs(dir: string): Promise<number> {
  let newest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** True when web-map/dist is missing or older than a source, style or page (a developer edited the map). */
export async function isWebMapStale(outDir: string = WEB_MAP_DIST): Promise<boolean> {
  const builtMs = await newestMtimeMs(outDir);
  if (builtMs === 0) return true;
  const sourcesMs = Math.max(...(await Promise.all(['src', 'styles'].map((d) => newestMtimeMs(join(WEB_MAP_DIR, d))))));
  return sourcesMs > builtMs;
}

/** `npm run build:web`: writes the bundles to web-map/dist. */
export async function run(args: string[]): Promise<number> {
  const bundle = await buildWebMap({ outDir: WEB_MAP_DIST, minify: args.includes('--minify') });
  process.stdout.write(`web-map: ${bundle.files.size} files in ${bundle.buildMs.toFixed(0)} ms → web-map/dist\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await run(process.argv.slice(2));
}
