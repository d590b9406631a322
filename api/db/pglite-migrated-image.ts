// A cached PGlite image taken after the migrations: a new database (in memory, or an empty data folder) starts from it
// instead of from the base image plus every migration (about 2 CPU-seconds of SQL on each `--memory` start).
import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadMigrations } from './migrate.js';
import { cachedImage, pgliteImageName } from './pglite-image.js';
import type { TarImage } from './tar-image.js';

/**
 * The file name of the image after the migrations in `migrationsDir`: the base image's name (the PGlite and PostGIS
 * versions) and a hash of every migration's file name and text, so an added or edited migration makes a new image.
 */
export async function migratedImageName(migrationsDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const migration of await loadMigrations(migrationsDir)) hash.update(`${migration.name}\0${migration.sql}\0`);
  return `${pgliteImageName().replace(/\.tar$/, '')}-migrated-${hash.digest('hex').slice(0, 16)}.tar`;
}

/**
 * The migrated image from `imageDir`, made by `build` (a database from the base image, migrated, dumped) when missing;
 * making one removes the images of other migrations (each is tens of megabytes).
 */
export async function loadMigratedImage(imageDir: string, migrationsDir: string, build: () => Promise<TarImage>): Promise<TarImage> {
  const name = await migratedImageName(migrationsDir);
  return cachedImage(join(imageDir, name), async () => {
    const image = await build();
    const stem = `${name.slice(0, name.lastIndexOf('-migrated-'))}-migrated-`;
    const others = (await readdir(imageDir).catch(() => [])).filter((f) => f.startsWith(stem) && f.endsWith('.tar') && f !== name);
    await Promise.all(others.map((f) => rm(join(imageDir, f), { force: true })));
    return image;
  });
}
