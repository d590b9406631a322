// Vitest global setup: builds the cached PGlite base image and the map bundle once, before the workers start.
import { loadPgliteImage } from '../../api/db/pglite-image.js';
import { buildWebMap, WEB_MAP_DIST } from '../../web-map/build.js';

export default async function prepareSuite(): Promise<void> {
  await Promise.all([loadPgliteImage(), buildWebMap({ outDir: WEB_MAP_DIST })]);
}
