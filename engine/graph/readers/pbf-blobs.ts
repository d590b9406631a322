// Streams the blobs of an .osm.pbf file one at a time (length-prefixed BlobHeader + Blob) and inflates their payload.
import { closeSync, openSync, readSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { decodeUtf8, ProtoReader } from './proto-reader.js';

/** Largest BlobHeader and Blob the PBF specification allows (64 KiB and 32 MiB). */
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;

/** One decompressed blob: `OSMHeader` or `OSMData`, with its payload bytes. */
export interface PbfBlob {
  readonly type: string;
  readonly data: Uint8Array;
  /** Bytes of the file consumed so far (after this blob), for progress reports. */
  readonly fileOffset: number;
}

/** Reads exactly `length` bytes at `position` into `target`, or throws on a short file. */
function readFully(fd: number, target: Uint8Array, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, target, done, length - done, position + done);
    if (n === 0) throw new Error(`truncated PBF file at byte ${position + done}`);
    done += n;
  }
}

function blobHeaderOf(bytes: Uint8Array): { type: string; dataSize: number } {
  const r = new ProtoReader(bytes);
  let type = '', dataSize = -1;
  while (!r.done) {
    const key = r.key();
    if (key === 10) type = decodeUtf8(r.bytes());
    else if (key === 24) dataSize = r.varint();
    else r.skip(key & 7);
  }
  if (!type || dataSize < 0) throw new Error('PBF BlobHeader without type or datasize');
  return { type, dataSize };
}

const zstdDecompress = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Buffer }).zstdDecompressSync;

function payloadOf(bytes: Uint8Array): Uint8Array {
  const r = new ProtoReader(bytes);
  while (!r.done) {
    const key = r.key();
    if (key === 10) return r.bytes(); // raw
    if (key === 26) return inflateSync(r.bytes()); // zlib_data
    if (key === 58 && zstdDecompress) return zstdDecompress(r.bytes()); // zstd_data (Node with zstd)
    if (key === 34 || key === 42 || key === 50 || key === 58) {
      throw new Error(`PBF blob compression ${({ 34: 'lzma', 42: 'bzip2', 50: 'lz4', 58: 'zstd' } as Record<number, string>)[key]} is not supported; recompress with \`osmium cat -o out.osm.pbf in.osm.pbf\``);
    }
    r.skip(key & 7);
  }
  throw new Error('PBF blob without data');
}

/** Yields each blob of `path` decompressed, reading the file sequentially with bounded buffers. */
export function* readPbfBlobs(path: string): Generator<PbfBlob> {
  const fd = openSync(path, 'r');
  try {
    const lengthBytes = new Uint8Array(4);
    let position = 0;
    let blobBuffer = new Uint8Array(1 << 20);
    for (;;) {
      const n = readSync(fd, lengthBytes, 0, 4, position);
      if (n === 0) return;
      if (n < 4) throw new Error(`truncated PBF file at byte ${position}`);
      const headerLength = ((lengthBytes[0] << 24) | (lengthBytes[1] << 16) | (lengthBytes[2] << 8) | lengthBytes[3]) >>> 0;
      if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) throw new Error(`not an OSM PBF file (blob header length ${headerLength} at byte ${position})`);
      const headerBytes = new Uint8Array(headerLength);
      readFully(fd, headerBytes, headerLength, position + 4);
      const header = blobHeaderOf(headerBytes);
      if (header.dataSize > MAX_BLOB_BYTES) throw new Error(`PBF blob of ${header.dataSize} bytes exceeds the 32 MiB limit`);
      if (blobBuffer.length < header.dataSize) blobBuffer = new Uint8Array(header.dataSize);
      readFully(fd, blobBuffer, header.dataSize, position + 4 + headerLength);
      position += 4 + headerLength + header.dataSize;
      yield { type: header.type, data: payloadOf(blobBuffer.subarray(0, header.dataSize)), fileOffset: position };
    }
  } finally {
    closeSync(fd);
  }
}
