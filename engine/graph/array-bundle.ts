// ArrayBundle: a set of named typed arrays plus a JSON header in one binary file, loaded with one read as aligned views.
//
// Layout (little-endian): "JJAB" | u32 container version | u32 header length H | header JSON (H bytes, padded with
// spaces to a multiple of 8) | each array's bytes at its recorded offset (a multiple of 8 from the file start).
import { readFile, rename, writeFile } from 'node:fs/promises';
import { InputError, NotFoundError } from '../errors.js';

export type BundleArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Caller metadata stored in the header; the graph cache (graph-cache.ts) keys on these three. */
export interface BundleHeader {
  readonly formatVersion: number;
  readonly inputHash: string;
  readonly profile: string;
  readonly [key: string]: unknown;
}

const MAGIC = 0x4241_4a4a; // "JJAB" read as a little-endian u32
const CONTAINER_VERSION = 1;
const PREFIX_BYTES = 12;
const ALIGN = 8;

const CONSTRUCTORS = {
  Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array,
} as const;
type ArrayType = keyof typeof CONSTRUCTORS;

interface ArrayEntry { name: string; type: ArrayType; offset: number; length: number }
interface StoredHeader { meta: BundleHeader; arrays: ArrayEntry[]; byteLength: number }

const alignUp = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

function typeOf(array: BundleArray): ArrayType {
  const name = array.constructor.name;
  if (!Object.hasOwn(CONSTRUCTORS, name)) throw new InputError('bundle_array_type', `unsupported array type ${name}`, 'arrays');
  return name as ArrayType;
}

/** Serialises the header and arrays into one buffer (see the layout above). */
export function encodeArrayBundle(meta: BundleHeader, arrays: Readonly<Record<string, BundleArray>>): Uint8Array {
  const names = Object.keys(arrays);
  // Offsets depend on the header length, which depends on the offsets' digits: settle with a fixed point.
  let dataStart = alignUp(PREFIX_BYTES + 64);
  for (;;) {
    let offset = dataStart;
    const entries: ArrayEntry[] = names.map((name) => {
      const array = arrays[name];
      const entry = { name, type: typeOf(array), offset, length: array.length };
      offset = alignUp(offset + array.byteLength);
      return entry;
    });
    const header: StoredHeader = { meta, arrays: entries, byteLength: offset };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const needed = alignUp(PREFIX_BYTES + json.length);
    if (needed > dataStart) {
      dataStart = needed;
      continue;
    }
    const out = new Uint8Array(offset);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, CONTAINER_VERSION, true);
    view.setUint32(8, dataStart - PREFIX_BYTES, true);
    out.set(json, PREFIX_BYTES);
    out.fill(0x20, PREFIX_BYTES + json.length, dataStart);
    for (const entry of entries) {
      const array = arrays[entry.name];
      out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), entry.offset);
    }
    return out;
  }
}

/** Views onto `bytes` (copied once only if misaligned). Throws InputError `bundle_corrupt` naming `source`. */
export function decodeArrayBundle(bytes: Uint8Array, source = 'bundle'): { header: BundleHeader; arrays: Record<string, BundleArray> } {
  const corrupt = (why: string): InputError => new InputError('bundle_corrupt', `${source}: not a valid array bundle (${why})`, 'file');
  if (bytes.byteOffset % ALIGN !== 0) bytes = bytes.slice();
  if (bytes.length < PREFIX_BYTES) throw corrupt('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw corrupt('bad magic');
  if (view.getUint32(4, true) !== CONTAINER_VERSION) throw corrupt(`container version ${view.getUint32(4, true)}`);
  const headerLength = view.getUint32(8, true);
  if (PREFIX_BYTES + headerLength > bytes.length) throw corrupt('header past end of file');
  let stored: StoredHeader;
  try {
    stored = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + PREFIX_BYTES, headerLength).toString('utf8')) as StoredHeader;
  } catch {
    throw corrupt('header is not JSON');
  }
  if (!stored || typeof stored.meta !== 'object' || !Array.isArray(stored.arrays) || stored.byteLength !== bytes.length) throw corrupt('header does not match file size');
  const arrays: Record<string, BundleArray> = {};
  for (const entry of stored.arrays) {
    const Ctor = Object.hasOwn(CONSTRUCTORS, entry.type) ? CONSTRUCTORS[entry.type] : undefined;
    if (!Ctor || !Number.isInteger(entry.offset) || !Number.isInteger(entry.length) || entry.offset % ALIGN !== 0) throw corrupt(`bad entry ${entry.name}`);
    if (entry.offset + entry.length * Ctor.BYTES_PER_ELEMENT > bytes.length) throw corrupt(`array ${entry.name} past end of file`);
    arrays[entry.name] = new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + entry.offset, entry.length);
  }
  return { header: stored.meta, arrays };
}

/** Writes the bundle atomically (temporary file, then rename). */
export async function saveArrayBundle(path: string, meta: BundleHeader, arrays: Readonly<Record<string, BundleArray>>): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, encodeArrayBundle(meta, arrays));
  await rename(temporary, path);
}

/** Reads a bundle in one read. NotFoundError `bundle_not_found` when absent; InputError `bundle_corrupt` when malformed. */
export async function loadArrayBundle(path: string): Promise<{ header: BundleHeader; arrays: Record<string, BundleArray> }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError('bundle_not_found', `array bundle ${path} does not exist`, 'file', { cause });
    throw new InputError('bundle_unreadable', `array bundle ${path} cannot be read: ${(cause as Error).message}`, 'file', { cause });
  }
  return decodeArrayBundle(bytes, path);
}
