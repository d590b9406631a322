// Web-map bundler: esbuild turns the dispatcher and courier entries (+ Leaflet CSS) into browser bundles, in memory or on disk.
import { build, type OutputFile } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_MAP_DIR = dirname(fileURLToPath(import.meta.url));

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
  const outdir = join(WEB_MAP_DIR, 'dist');
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

/** `npm run build:web`: writes the bundles to web-map/dist. */
export async function run(args: string[]): Promise<number> {
  const bundle = await buildWebMap({ outDir: join(WEB_MAP_DIR, 'dist'), minify: args.includes('--minify') });
  process.stdout.write(`web-map: ${bundle.files.size} files in ${bundle.buildMs.toFixed(0)} ms → web-map/dist\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await run(process.argv.slice(2));
}
