// Synthetic OSM extracts for `bench clip` and the clip tests: a road network repeated on a grid of tiles, written as .osm.pbf.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { readPbfBlobs, decodePrimitiveBlock, type BlockCounts, type PrimitiveSink } from '../engine/index.js';

/** A road network as flat arrays: nodes (id, lon, lat) and highway ways (tags, refs). */
export interface RoadNetwork {
  readonly nodeIds: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly ways: readonly { readonly id: number; readonly tags: Record<string, string>; readonly refs: Float64Array }[];
}

/** Reads every node and highway way of a sorted .osm.pbf file. */
export function readRoadNetwork(path: string): RoadNetwork {
  const ids: number[] = [], lon: number[] = [], lat: number[] = [];
  const ways: { id: number; tags: Record<string, string>; refs: Float64Array }[] = [];
  const sink: PrimitiveSink = {
    wayKey: 'highway',
    nodes: (nodeIds, lons, lats, count) => { for (let i = 0; i < count; i++) { ids.push(nodeIds[i]); lon.push(lons[i]); lat.push(lats[i]); } },
    wantsWay: () => true,
    way: (id, tags, refs, count) => { ways.push({ id, tags, refs: Float64Array.from(refs.subarray(0, count)) }); },
  };
  const counts: BlockCounts = { nodes: 0, ways: 0, relations: 0 };
  for (const blob of readPbfBlobs(path)) if (blob.type === 'OSMData') decodePrimitiveBlock(blob.data, sink, counts);
  return { nodeIds: Float64Array.from(ids), lon: Float64Array.from(lon), lat: Float64Array.from(lat), ways };
}

/** Growable protobuf writer. */
class ProtoWriter {
  buf: Uint8Array;
  pos = 0;
  constructor(initialBytes = 256) {
    this.buf = new Uint8Array(initialBytes);
  }
  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }
  varint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v >= 128) { this.buf[this.pos++] = (v % 128) | 128; v = Math.floor(v / 128); }
    this.buf[this.pos++] = v;
  }
  svarint(value: number): void {
    this.varint(value >= 0 ? 2 * value : -2 * value - 1);
  }
  key(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }
  bytes(field: number, data: Uint8Array): void {
    this.key(field, 2);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }
  string(field: number, text: string): void {
    this.bytes(field, Buffer.from(text, 'utf8'));
  }
  varintField(field: number, value: number): void {
    this.key(field, 0);
    this.varint(value);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

function packed(values: ArrayLike<number>, count: number, signedDelta: boolean): Uint8Array {
  const w = new ProtoWriter(count * 3 + 16);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    if (signedDelta) { w.svarint(values[i] - previous); previous = values[i]; } else w.varint(values[i]);
  }
  return w.result();
}

/** Appends one blob (BlobHeader + zlib Blob) to the file. */
function writeBlob(fd: number, type: string, payload: Uint8Array): void {
  const blob = new ProtoWriter();
  blob.varintField(2, payload.length);
  blob.bytes(3, deflateSync(payload, { level: 6 }));
  const blobBytes = blob.result();
  const header = new ProtoWriter();
  header.string(1, type);
  header.varintField(3, blobBytes.length);
  const headerBytes = header.result();
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  writeSync(fd, length);
  writeSync(fd, headerBytes);
  writeSync(fd, blobBytes);
}

function primitiveBlock(strings: readonly string[], group: Uint8Array): Uint8Array {
  const table = new ProtoWriter();
  for (const s of strings) table.string(1, s);
  const block = new ProtoWriter();
  block.bytes(1, table.result());
  block.bytes(2, group);
  block.varintField(17, 100);
  return block.result();
}

const BLOCK_ELEMENTS = 8000;

/** Tiles of a network: `columns × rows` copies shifted by `stepLon`/`stepLat` degrees from `origin`, ids offset per tile. */
export interface TileLayout {
  readonly columns: number;
  readonly rows: number;
  readonly stepLon: number;
  readonly stepLat: number;
  /** Where tile (0, 0)'s copy of the network's south-west corner goes, [lon, lat]. */
  readonly origin: readonly [number, number];
}

/** Writes the tiled network as a sorted .osm.pbf (all nodes by id, then all ways by id). Returns the elements written. */
export function writeTiledExtract(path: string, network: RoadNetwork, layout: TileLayout): { nodes: number; ways: number } {
  let minLon = Infinity, minLat = Infinity, maxNodeId = 0, maxWayId = 0;
  for (let i = 0; i < network.lon.length; i++) {
    minLon = Math.min(minLon, network.lon[i]); minLat = Math.min(minLat, network.lat[i]); maxNodeId = Math.max(maxNodeId, network.nodeIds[i]);
  }
  for (const w of network.ways) maxWayId = Math.max(maxWayId, w.id);
  const tiles = layout.columns * layout.rows;
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    const header = new ProtoWriter();
    header.string(4, 'OsmSchema-V0.6');
    header.string(4, 'DenseNodes');
    header.string(5, 'Sort.Type_then_ID');
    header.string(16, 'jejaring bench clip');
    writeBlob(fd, 'OSMHeader', header.result());
    const n = network.nodeIds.length;
    const ids = new Float64Array(BLOCK_ELEMENTS), lats = new Float64Array(BLOCK_ELEMENTS), lons = new Float64Array(BLOCK_ELEMENTS);
    for (let t = 0; t < tiles; t++) {
      const dLon = layout.origin[0] - minLon + (t % layout.columns) * layout.stepLon;
      const dLat = layout.origin[1] - minLat + Math.floor(t / layout.columns) * layout.stepLat;
      for (let start = 0; start < n; start += BLOCK_ELEMENTS) {
        const count = Math.min(BLOCK_ELEMENTS, n - start);
        for (let k = 0; k < count; k++) {
          ids[k] = network.nodeIds[start + k] + t * maxNodeId;
          lons[k] = Math.round((network.lon[start + k] + dLon) * 1e7);
          lats[k] = Math.round((network.lat[start + k] + dLat) * 1e7);
        }
        const dense = new ProtoWriter(1 << 16);
        dense.bytes(1, packed(ids, count, true));
        dense.bytes(8, packed(lats, count, true));
        dense.bytes(9, packed(lons, count, true));
        const group = new ProtoWriter();
        group.bytes(2, dense.result());
        writeBlob(fd, 'OSMData', primitiveBlock([''], group.result()));
      }
    }
    for (let t = 0; t < tiles; t++) {
      for (let start = 0; start < network.ways.length; start += BLOCK_ELEMENTS) {
        const strings = [''];
        const index = new Map<string, number>();
        const indexOf = (s: string): number => {
          let i = index.get(s);
          if (i === undefined) { i = strings.length; strings.push(s); index.set(s, i); }
          return i;
        };
        const group = new ProtoWriter(1 << 16);
        for (const way of network.ways.slice(start, start + BLOCK_ELEMENTS)) {
          const w = new ProtoWriter();
          w.varintField(1, way.id + t * maxWayId);
          const entries = Object.entries(way.tags);
          w.bytes(2, packed(entries.map(([k]) => indexOf(k)), entries.length, false));
          w.bytes(3, packed(entries.map(([, v]) => indexOf(v)), entries.length, false));
          const refs = way.refs.map((r) => r + t * maxNodeId);
          w.bytes(8, packed(refs, refs.length, true));
          group.bytes(3, w.result());
        }
        writeBlob(fd, 'OSMData', primitiveBlock(strings, group.result()));
      }
    }
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  return { nodes: network.nodeIds.length * tiles, ways: network.ways.length * tiles };
}
