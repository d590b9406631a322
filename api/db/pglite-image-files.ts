// Starts an in-memory PGlite database from a tar image by writing its files straight into PGlite's file system in a pre-run step,
// as views of the image (no copies), where PGlite's loadDataDir copied each file twice and looked every folder up
// again for each file (about 0.4 CPU-s of a start from the 50 MB migrated image).
import { type Extension, PGlite } from '@electric-sql/pglite';
import { tarEntries, type EmscriptenFs } from './postgis-bundle.js';
type PreRun = (mod: { FS: EmscriptenFs }) => void;

/** Writes the image's folders and files under `root`; files keep the image's bytes as their contents. */
function unpack(fs: EmscriptenFs, image: Uint8Array, root: string): void {
  const made = new Set<string>();
  const folder = (path: string): void => {
    if (made.has(path)) return;
    if (!fs.analyzePath(path).exists) fs.mkdirTree(path);
    made.add(path);
  };
  folder(root);
  for (const entry of tarEntries(image)) {
    const path = `${root}/${entry.path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
    if (entry.type === '5') folder(path);
    else if (entry.type === '0' || entry.type === '\0') {
      folder(path.slice(0, path.lastIndexOf('/')));
      fs.writeFile(path, entry.data, { canOwn: true });
    }
  }
}

/**
 * A PGlite "extension" that only adds the pre-run step writing `image` (a dumped data directory) into PGDATA, which
 * PGlite then finds and resumes. Postgres writes into the files in place: `image` must not be used again.
 */
export function imageFiles(image: Uint8Array): Extension {
  return {
    name: 'jejaringImageFiles',
    setup: async (_pg, emscriptenOpts) => {
      const opts = emscriptenOpts as { preRun?: PreRun | PreRun[] };
      const preRun = opts.preRun === undefined ? [] : Array.isArray(opts.preRun) ? opts.preRun : [opts.preRun];
      const write: PreRun = (mod) => unpack(mod.FS, image, PGlite.paths.PGDATA);
      return { emscriptenOpts: { ...opts, preRun: [...preRun, write] } };
    },
  };
}
