// A tar archive held as bytes and handed to PGlite through arrayBuffer() alone, without the copies a Blob makes.
import { readFile } from 'node:fs/promises';

/** A tar image: PGlite reads images and extension bundles through arrayBuffer() only. */
export interface TarImage {
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** `bytes` as a tar image: their own buffer when they span it, else a copy of just them. */
export function tarImageOf(bytes: Uint8Array): TarImage {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
  return { arrayBuffer: async () => buffer };
}

/** The file at `path` as a tar image, without a copy. */
export async function readTarImage(path: string): Promise<TarImage> {
  return tarImageOf(await readFile(path));
}
