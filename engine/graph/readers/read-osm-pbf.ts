// Reads road ways from an OpenStreetMap .osm.pbf file (streaming, via osm-pbf-parser-node).
import { createOSMStream } from 'osm-pbf-parser-node';
import type { RoadWaySet } from '../road-way.js';
import { NodeStore } from './node-store.js';

interface PbfNode { type: 'node'; id: number; lon: number; lat: number }
interface PbfWay { type: 'way'; id: number; refs: number[]; tags?: Record<string, string> }

/** All `highway` ways of a PBF file with their node coordinates. Throws what the parser throws (callers wrap it). */
export async function readOsmPbf(path: string): Promise<RoadWaySet> {
  const store = new NodeStore();
  const stream = createOSMStream(path, { withTags: { node: false, way: true, relation: false }, withInfo: false });
  for await (const item of stream) {
    const entity = item as PbfNode | PbfWay | { type?: undefined };
    if (entity.type === 'node') store.addNode(entity.id, entity.lon, entity.lat);
    else if (entity.type === 'way') store.addWay(entity.refs, entity.tags ?? {});
  }
  return { ways: store.resolveWays(), source: path };
}
