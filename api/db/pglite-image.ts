// A cached PGlite base image (initdb done, PostGIS created): an in-memory database starts from it instead of anew.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { readTarImage, type TarImage } from './tar-image.js';

/** Where base images live unless told otherwise (beside the road-graph cache, git-ignored). */
export const DEFAULT_PGLITE_IMAGE_DIR = '.cache/pglite';

/**
 * Starting PGlite runs initdb and loading PostGIS creates its catalogue: together about 20 s of CPU. Both depend only
 * on the PGlite and PostGIS builds, so their result is kept as a tar image keyed by those versions; migrations are not
 * part of the image and run on every open as before.
 */
export function pgliteImageName(): string {
  return `base-pglite-${installedVersion('@electric-sql/pglite')}-postgis-${installedVersion('@electric-sql/pglite-postgis')}.tar`;
}

/** The version of an installed package (its package.json is not exported, so found above its entry point). */
function installedVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    } catch {
      // no package.json at this level
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the installed version of ${name}`);
    dir = parent;
  }
}

/** Starts a fresh in-memory PGlite with PostGIS and returns its data directory as a tar image. */
async function buildImage(): Promise<Blob> {
  const db = await PGlite.create({ extensions: { postgis } });
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    return await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
}

/** The base image from `imageDir`, built and stored there first when missing. */
export async function loadPgliteImage(imageDir: string = DEFAULT_PGLITE_IMAGE_DIR): Promise<TarImage> {
  return cachedImage(join(imageDir, pgliteImageName()), buildImage);
}

/**
 * The image stored at `path`, built and stored there first when missing. Concurrent callers may each build one; each
 * writes a private file and renames it into place, so a reader never sees a half-written image.
 */
export async function cachedImage(path: string, build: () => Promise<TarImage>): Promise<TarImage> {
  try {
    return await readTarImage(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const image = await build();
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await writeFile(partial, new Uint8Array(await image.arrayBuffer()));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return image;
}
