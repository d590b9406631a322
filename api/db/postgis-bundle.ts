// PostGIS for PGlite without raster, topology, the TIGER geocoder and the upgrade scripts: PGlite unpacks the whole
// extension bundle and compiles every library in it on each start, and jejaring only ever creates the core extension at
// the installed version, so a cached bundle of just that starts seconds faster.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { readTarImage, tarImageOf, type TarImage } from './tar-image.js';

/**
 * Parts of the PostGIS bundle jejaring never loads: the other extensions (their libraries, control files and SQL
 * scripts), the upgrade paths from other versions (`postgis--unpackaged--…`, `postgis--ANY--…`, `postgis--3.5.0--ANY`),
 * and the scripts for installing without CREATE EXTENSION (`share/postgresql/contrib/`). CREATE EXTENSION postgis
 * needs only postgis.control and `postgis--<version>.sql`.
 */
const UNUSED_PARTS = /^(postgis_raster|postgis_topology|postgis_tiger_geocoder|rtpostgis|topology|uninstall_|postgis--(unpackaged|ANY|TEMPLATED|\d+\.\d+\.\d+--)|legacy|postgis_upgrade|postgis_comments|postgis_proc_set_search_path|spatial_ref_sys|sfcgal|postgis\.sql$)/;

const BLOCK = 512;

/** Where an entry's data ends, rounded up to whole blocks. */
const paddedSize = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;

function readString(block: Uint8Array, start: number, length: number): string {
  const bytes = block.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

/** One entry of a tar archive: its path, type flag, bytes from its header on (with its extended headers) and data. */
export interface TarEntry {
  readonly path: string;
  readonly type: string;
  readonly raw: Uint8Array;
  readonly data: Uint8Array;
}

/** The entries of tar archive `tar`, as views into it (no copies). Extended headers (pax, GNU long name) go with the entry after them. */
export function* tarEntries(tar: Uint8Array): Generator<TarEntry> {
  let pendingFrom = -1;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(readString(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]);
    const end = offset + BLOCK + paddedSize(size);
    if (end > tar.length) throw new Error('truncated tar archive');
    if (type === 'x' || type === 'L' || type === 'g') {
      if (pendingFrom < 0) pendingFrom = offset;
    } else {
      const prefix = readString(header, 345, 155);
      const path = prefix ? `${prefix}/${readString(header, 0, 100)}` : readString(header, 0, 100);
      yield { path, type, raw: tar.subarray(pendingFrom < 0 ? offset : pendingFrom, end), data: tar.subarray(offset + BLOCK, offset + BLOCK + size) };
      pendingFrom = -1;
    }
    offset = end;
  }
}

/**
 * The tar archive `tar` without the entries whose file name matches `drop`. Kept entries are copied byte for byte
 * (headers, extended headers and data), so whatever PGlite's reader accepted before it accepts now.
 */
export function tarWithout(tar: Uint8Array, drop: RegExp): Uint8Array {
  const kept: Uint8Array[] = [];
  for (const entry of tarEntries(tar)) {
    const name = entry.path.replace(/\/$/, '').split('/').pop() ?? '';
    if (!drop.test(name)) kept.push(entry.raw);
  }
  kept.push(new Uint8Array(2 * BLOCK));
  return Buffer.concat(kept);
}

function installedVersion(): string {
  const manifest = fileURLToPath(new URL('../package.json', import.meta.resolve('@electric-sql/pglite-postgis')));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * The path of the core PostGIS bundle in `cacheDir`, made from the installed bundle first when missing (a private
 * file renamed into place, so concurrent starts never read half a bundle). It is a plain tar archive: a start reads
 * its 34 MB in one go instead of inflating them.
 */
export async function corePostgisBundle(cacheDir: string): Promise<string> {
  const path = join(cacheDir, `postgis-core-${installedVersion()}.tar`);
  try {
    await access(path);
    return path;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const full = new URL('./postgis.tar.gz', import.meta.resolve('@electric-sql/pglite-postgis'));
  const core = tarWithout(gunzipSync(await readFile(full)), UNUSED_PARTS);
  await mkdir(cacheDir, { recursive: true });
  const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await writeFile(partial, core);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return path;
}

/** The bytes of the core bundle as the blob-like value PGlite unpacks an extension from (no copy on the way). */
async function readCoreBundle(cacheDir: string): Promise<TarImage> {
  return readTarImage(await corePostgisBundle(cacheDir));
}

/** The part of an Emscripten module's file system that images and bundles are written into. */
export interface EmscriptenFs {
  analyzePath(path: string): { exists: boolean };
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array, options: { canOwn: boolean }): void;
}

/** What the bundle is unpacked into: the Emscripten module's file system under PGlite's prefix. */
interface EmscriptenModule {
  pg_extensions?: Record<string, PromiseLike<unknown>>;
  readonly WASM_PREFIX: string;
  readonly FS: EmscriptenFs & {
    createPreloadedFile(parent: string, name: string, data: Uint8Array, canRead: boolean, canWrite: boolean,
      onload: () => void, onerror: () => void, dontCreateFile: boolean, canOwn: boolean): void;
  };
}
type PreRun = (mod: EmscriptenModule) => void;

/**
 * Unpacks the bundle into the module's file system as PGlite would, but without a copy: each file is handed over as a
 * view of the bundle (canOwn), where PGlite's unpacking copied every file twice (about 0.3 CPU-s for 34 MB). Libraries
 * are compiled before the returned promise settles (Emscripten's preload), as PGlite waits for them. Returns what is
 * left for PGlite to unpack.
 */
async function installBundle(mod: EmscriptenModule, bundle: Promise<TarImage>): Promise<TarImage> {
  const tar = new Uint8Array(await (await bundle).arrayBuffer());
  const compiled: Promise<void>[] = [];
  const directories: Uint8Array[] = [];
  for (const entry of tarEntries(tar)) {
    if (entry.type === '5') directories.push(entry.raw);
    if (entry.type !== '0' && entry.type !== '\0') continue; // directories are made for the files in them
    const path = `${mod.WASM_PREFIX}/${entry.path}`;
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash);
    if (!mod.FS.analyzePath(dir).exists) mod.FS.mkdirTree(dir);
    if (!path.endsWith('.so')) {
      mod.FS.writeFile(path, entry.data, { canOwn: true });
      continue;
    }
    // Compiled now, or else (as PGlite does on failure) stored as a file and compiled by dlopen.
    compiled.push(new Promise<void>((resolve) => mod.FS.createPreloadedFile(dir, path.slice(slash + 1), entry.data, true, true, resolve, () => {
      mod.FS.writeFile(path, entry.data, { canOwn: true });
      resolve();
    }, false, true)));
  }
  await Promise.all(compiled);
  // What PGlite's own unpacking is left: the directories alone (its tar reader refuses an archive of no entries).
  if (directories.length === 0) return tarImageOf(tar.slice()); // a copy: the files installed above own views of `tar`
  return tarImageOf(Buffer.concat([...directories, new Uint8Array(2 * BLOCK)]));
}

/**
 * The PostGIS extension for PGlite, loading the core bundle cached in `cacheDir` instead of the whole one. PGlite
 * would stream a `bundlePath` through gunzip into a Blob of thousands of small chunks and copy it out again (about
 * half a CPU-second for 34 MB); instead the bundle is read while PGlite compiles its own WebAssembly, and a pre-run
 * step of the Emscripten module puts a promise under the extension's name that PGlite's extension loader awaits: it
 * unpacks the bundle then (installBundle) and leaves PGlite an archive of its directories alone.
 */
export function corePostgis(cacheDir: string): Extension {
  return {
    name: 'postgis',
    setup: async (pg, emscriptenOpts) => {
      const bundle = readCoreBundle(cacheDir);
      bundle.catch(() => undefined); // awaited by PGlite's loader, which reports the failure
      const setup = await postgis.setup(pg, emscriptenOpts);
      const opts = setup.emscriptenOpts as { preRun?: PreRun | PreRun[] };
      const handBundle: PreRun = (mod) => {
        if (typeof mod.pg_extensions !== 'object' || mod.pg_extensions === null) throw new Error('PGlite no longer keeps extension bundles in pg_extensions: load PostGIS through bundlePath');
        // A thenable: the unpacking starts when PGlite's loader awaits it, once the runtime and the data folder are up.
        mod.pg_extensions.postgis = { then: (onDone, onFailed) => installBundle(mod, bundle).then(onDone, onFailed) };
      };
      const preRun = opts.preRun === undefined ? [] : Array.isArray(opts.preRun) ? opts.preRun : [opts.preRun];
      return { ...setup, bundlePath: undefined, emscriptenOpts: { ...opts, preRun: [...preRun, handBundle] } };
    },
  };
}
