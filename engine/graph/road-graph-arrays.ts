// RoadGraph ↔ named typed arrays, so a graph can travel inside an ArrayBundle (the graph cache) next to other arrays.
import { InputError } from '../errors.js';
import type { BundleArray } from './array-bundle.js';
import type { RoadGraph } from './road-graph.js';

const SEPARATOR = '\u0000';

/** The graph's arrays under `prefix` + field name; street names as UTF-8 bytes joined by NUL. */
export function roadGraphToArrays(graph: RoadGraph, prefix = 'graph.'): Record<string, BundleArray> {
  return {
    [`${prefix}firstEdge`]: graph.firstEdge,
    [`${prefix}target`]: graph.target,
    [`${prefix}durationDs`]: graph.durationDs,
    [`${prefix}distanceDm`]: graph.distanceDm,
    [`${prefix}nameIndex`]: graph.nameIndex,
    [`${prefix}roadClass`]: graph.roadClass,
    [`${prefix}mainNodeCount`]: Uint32Array.of(graph.mainNodeCount),
    [`${prefix}lon`]: graph.lon,
    [`${prefix}lat`]: graph.lat,
    [`${prefix}names`]: new Uint8Array(Buffer.from(graph.names.join(SEPARATOR), 'utf8')),
  };
}

/** Rebuilds a RoadGraph (views, no copies) from arrays written by `roadGraphToArrays`; InputError `bundle_corrupt` if inconsistent. */
export function roadGraphFromArrays(arrays: Readonly<Record<string, BundleArray>>, profile: string, prefix = 'graph.'): RoadGraph {
  const get = <T extends BundleArray>(field: string, Ctor: new (...args: never[]) => T): T => {
    const array = arrays[`${prefix}${field}`];
    if (!(array instanceof Ctor)) throw new InputError('bundle_corrupt', `graph bundle: array ${prefix}${field} missing or of the wrong type`, 'file');
    return array;
  };
  const firstEdge = get('firstEdge', Uint32Array);
  const target = get('target', Uint32Array);
  const nodeCount = firstEdge.length - 1;
  const edgeCount = target.length;
  const main = get('mainNodeCount', Uint32Array);
  const graph: RoadGraph = {
    nodeCount, mainNodeCount: main[0] ?? -1, edgeCount, firstEdge, target,
    durationDs: get('durationDs', Uint32Array),
    distanceDm: get('distanceDm', Uint32Array),
    nameIndex: get('nameIndex', Uint32Array),
    roadClass: get('roadClass', Uint8Array),
    lon: get('lon', Float64Array),
    lat: get('lat', Float64Array),
    names: Buffer.from(get('names', Uint8Array)).toString('utf8').split(SEPARATOR),
    profile,
  };
  const consistent = nodeCount >= 0 && firstEdge[nodeCount] === edgeCount && graph.lon.length === nodeCount && graph.lat.length === nodeCount
    && graph.durationDs.length === edgeCount && graph.distanceDm.length === edgeCount && graph.nameIndex.length === edgeCount
    && graph.roadClass.length === edgeCount && main.length === 1 && graph.mainNodeCount <= nodeCount;
  if (!consistent) throw new InputError('bundle_corrupt', 'graph bundle: array lengths do not agree', 'file');
  return graph;
}
