// Vitest global setup: builds the cached PGlite base image once, before the workers start opening databases.
import { loadPgliteImage } from '../../api/db/pglite-image.js';

export default async function warmPgliteImage(): Promise<void> {
  await loadPgliteImage();
}
