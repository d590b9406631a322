// Streaming clip of an OSM extract (.osm.pbf, or .osm XML) to the highway ways inside a ClipRegion.
// Memory holds only the nodes inside the region and the kept ways, so it follows the clipped area, not the extract.
import { createReadStream, statSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { InputError } from '../../errors.js';
import type { RoadWay, RoadWaySet, WayPoint } from '../road-way.js';
import { ClipRegion } from './clip-region.js';
import { CoordinateTable } from './coordinate-table.js';
import { readPbfBlobs } from './pbf-blobs.js';
import { type BlockCounts, decodePrimitiveBlock, type PrimitiveSink } from './pbf-primitive-block.js';
import { decodeUtf8, ProtoReader } from './proto-reader.js';

/** What a clip read and kept. */
export interface ClipStats {
  readonly nodesRead: number;
  readonly waysRead: number;
  readonly relationsRead: number;
  /** Nodes inside the region (any node, not only road nodes). */
  readonly nodesInside: number;
  /** `highway` ways with at least two nodes inside, and the road lines kept from them (a way leaving and re-entering gives several). */
  readonly highwayWaysKept: number;
  readonly roadLinesKept: number;
  readonly fileBytes: number;
  /** Bytes held by the node table at the end (it grows by doubling with the nodes inside). */
  readonly nodeTableBytes: number;
}

export interface ClippedRoads extends RoadWaySet {
  readonly stats: ClipStats;
}

export interface ClipOptions {
  /** Called every few megabytes with bytes read so far and the file size. */
  readonly onProgress?: (bytesRead: number, fileBytes: number) => void;
}

/** PBF header features this reader understands; any other required feature is refused. */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

/** Collects nodes inside the region and cuts highway ways into their runs of inside nodes. */
class ClipCollector implements PrimitiveSink {
  readonly wayKey = 'highway';
  readonly table = new CoordinateTable();
  readonly ways: RoadWay[] = [];
  highwayWaysKept = 0;
  sawWay = false;

  constructor(private readonly region: ClipRegion) {}

  nodes(ids: Float64Array, lons: Float64Array, lats: Float64Array, count: number): void {
    if (this.sawWay) throw new Error('nodes come after ways: the extract is not sorted; sort it first (`osmium sort in.osm.pbf -o sorted.osm.pbf`)');
    const region = this.region, table = this.table;
    for (let i = 0; i < count; i++) if (region.contains(lons[i], lats[i])) table.set(ids[i], lons[i], lats[i]);
  }

  node(id: number, lon: number, lat: number): void {
    if (this.sawWay) throw new Error('nodes come after ways: the extract is not sorted; sort it first (`osmium sort in.osm.pbf -o sorted.osm.pbf`)');
    if (this.region.contains(lon, lat)) this.table.set(id, lon, lat);
  }

  /** A way is worth its tags when two consecutive nodes are inside (a run of at least two). */
  wantsWay(refs: Float64Array, refCount: number): boolean {
    this.sawWay = true;
    let previousInside = false;
    for (let i = 0; i < refCount; i++) {
      const inside = this.table.find(refs[i]) >= 0;
      if (inside && previousInside) return true;
      previousInside = inside;
    }
    return false;
  }

  way(_id: number, tags: Record<string, string>, refs: ArrayLike<number>, refCount: number): void {
    this.sawWay = true;
    const table = this.table;
    let run: WayPoint[] = [];
    let kept = false;
    for (let i = 0; i < refCount; i++) {
      const slot = table.find(refs[i]);
      if (slot < 0) {
        if (run.length >= 2) { this.ways.push({ coordinates: run, tags }); kept = true; }
        if (run.length > 0) run = [];
        continue;
      }
      run.push([table.lon(slot), table.lat(slot)]);
    }
    if (run.length >= 2) { this.ways.push({ coordinates: run, tags }); kept = true; }
    if (kept) this.highwayWaysKept++;
  }
}

function checkPbfHeader(data: Uint8Array): void {
  const r = new ProtoReader(data);
  while (!r.done) {
    const key = r.key();
    if (key === 34) {
      const feature = decodeUtf8(r.bytes());
      if (!SUPPORTED_FEATURES.has(feature)) throw new Error(`the PBF file requires "${feature}", which this reader does not support`);
    } else r.skip(key & 7);
  }
}

async function clipPbf(path: string, collector: ClipCollector, counts: BlockCounts, fileBytes: number, options: ClipOptions): Promise<void> {
  let blobs = 0, sawHeader = false, nextReport = 0;
  for (const blob of readPbfBlobs(path)) {
    if (blob.type === 'OSMHeader') { checkPbfHeader(blob.data); sawHeader = true; }
    else if (blob.type === 'OSMData') {
      if (!sawHeader) throw new Error('OSMData before the OSMHeader block: not an OSM PBF file');
      decodePrimitiveBlock(blob.data, collector, counts);
    }
    if (options.onProgress && blob.fileOffset >= nextReport) { options.onProgress(blob.fileOffset, fileBytes); nextReport = blob.fileOffset + 16 * 1024 * 1024; }
    if (++blobs % 32 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (!sawHeader) throw new Error('no OSMHeader block: not an OSM PBF file');
}

/** One streaming pass over an OSM XML file, handing nodes or ways to the collector. */
async function xmlPass(path: string, pass: 'nodes' | 'ways', collector: ClipCollector, counts: BlockCounts): Promise<void> {
  const parser = new SaxesParser();
  let sawRoot = false;
  let way: { refs: number[]; tags: Record<string, string>; deleted: boolean } | undefined;
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    const deleted = a.visible === 'false' || a.action === 'delete';
    if (tag.name === 'osm') sawRoot = true;
    else if (tag.name === 'node') {
      if (pass === 'nodes') { counts.nodes++; if (!deleted) collector.node(Number(a.id), Number(a.lon), Number(a.lat)); }
    } else if (tag.name === 'way') {
      if (pass === 'ways') { counts.ways++; way = { refs: [], tags: {}, deleted }; }
    } else if (tag.name === 'relation') {
      if (pass === 'ways') counts.relations++;
    } else if (way && tag.name === 'nd') way.refs.push(Number(a.ref));
    else if (way && tag.name === 'tag' && a.k !== undefined) way.tags[a.k] = a.v ?? '';
  });
  parser.on('closetag', (tag) => {
    if (tag.name !== 'way' || !way) return;
    if (!way.deleted && way.tags.highway !== undefined && collector.wantsWay(Float64Array.from(way.refs), way.refs.length)) collector.way(0, way.tags, way.refs, way.refs.length);
    way = undefined;
  });
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) parser.write(chunk as string);
  parser.close();
  if (!sawRoot) throw new Error('no <osm> root element');
}

/**
 * The `highway` ways of an extract clipped to `region`: each way is cut to its runs of at least two nodes inside.
 * PBF files are read in one pass (nodes must precede ways, as in every sorted extract); XML in two.
 * Errors: `graph_unknown_format` (extension), `graph_unreadable` (missing, corrupt, unsorted or unsupported file).
 */
export async function clipOsmExtract(path: string, region: ClipRegion, options: ClipOptions = {}): Promise<ClippedRoads> {
  const lower = path.toLowerCase();
  const isPbf = lower.endsWith('.pbf');
  if (!isPbf && !lower.endsWith('.osm') && !lower.endsWith('.osm.xml')) {
    throw new InputError('graph_unknown_format', `extract ${path}: unknown format, expected .osm.pbf, .osm or .osm.xml`, 'file');
  }
  const collector = new ClipCollector(region);
  const counts: BlockCounts = { nodes: 0, ways: 0, relations: 0 };
  let fileBytes = 0;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size === 0) throw new Error('the file is empty');
    fileBytes = info.size;
    if (isPbf) await clipPbf(path, collector, counts, fileBytes, options);
    else {
      await xmlPass(path, 'nodes', collector, counts);
      collector.sawWay = false;
      await xmlPass(path, 'ways', collector, counts);
    }
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError('graph_unreadable', `extract ${path} cannot be clipped: ${(cause as Error).message}`, 'file', { cause });
  }
  const stats: ClipStats = {
    nodesRead: counts.nodes, waysRead: counts.ways, relationsRead: counts.relations, nodesInside: collector.table.size,
    highwayWaysKept: collector.highwayWaysKept, roadLinesKept: collector.ways.length, fileBytes,
    nodeTableBytes: collector.table.capacity * 24,
  };
  return { ways: collector.ways, source: path, stats };
}
