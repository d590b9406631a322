// Hierarchies of the graph without some road classes (OSRM's `exclude`): read from beside the graph cache, or
// contracted on a worker thread and written there, at start-up, so no request contracts one.
import { contractOnWorker } from '../../graph/ch/contract-on-worker.js';
import type { ContractionHierarchy } from '../../graph/ch/contraction-hierarchy.js';
import { readHierarchyCache, writeHierarchyCache } from '../../graph/graph-cache.js';
import type { RoadProfile } from '../../graph/profiles/index.js';
import type { RoadGraph } from '../../graph/road-graph.js';

/** The graph without the edges of some road classes (same nodes, so node ids and coordinates stay). */
export function withoutClasses(graph: RoadGraph, mask: number): RoadGraph {
  const keep: number[] = [];
  const firstEdge = new Uint32Array(graph.nodeCount + 1);
  for (let u = 0; u < graph.nodeCount; u++) {
    for (let e = graph.firstEdge[u]; e < graph.firstEdge[u + 1]; e++) if ((graph.roadClass[e] & mask) === 0) keep.push(e);
    firstEdge[u + 1] = keep.length;
  }
  const pick = <T extends Uint32Array | Uint8Array>(from: T): T => {
    const out = new (from.constructor as new (n: number) => T)(keep.length);
    for (let i = 0; i < keep.length; i++) out[i] = from[keep[i]];
    return out;
  };
  return {
    ...graph, edgeCount: keep.length, firstEdge, target: pick(graph.target), durationDs: pick(graph.durationDs),
    distanceDm: pick(graph.distanceDm), nameIndex: pick(graph.nameIndex), roadClass: pick(graph.roadClass),
  };
}

/** Every non-empty combination of the class bits in `present` (the masks an `exclude` can make a difference with). */
export function exclusionMasks(present: number): number[] {
  const out: number[] = [];
  for (let mask = present; mask > 0; mask = (mask - 1) & present) out.push(mask);
  return out.sort((a, b) => a - b);
}

/** The class names of a mask, joined with `+` (a file-name part). */
export function maskNames(profile: RoadProfile, mask: number): string {
  return profile.roadClasses.filter((_, bit) => mask & (1 << bit)).map((rule) => rule.name).join('+');
}

/** Beside a graph cache file: the file of its hierarchy without the classes of `mask`. */
export function exclusionCachePath(graphCachePath: string, profile: RoadProfile, mask: number): string {
  return `${graphCachePath.replace(/\.jjgraph$/, '')}.exclude-${maskNames(profile, mask)}.jjch`;
}

/** How an exclusion's hierarchy was made ready. */
export type ExclusionOrigin = 'cache' | 'worker';

/**
 * The hierarchy of `graph` (already without the excluded classes): read from `cachePath` when it holds one for
 * `key`, else contracted on a worker thread and written there (a failed write only loses the cache).
 */
export async function loadOrContractExclusion(graph: RoadGraph, cachePath: string, key: string): Promise<{ ch: ContractionHierarchy; origin: ExclusionOrigin }> {
  if (cachePath) {
    try {
      return { ch: await readHierarchyCache(cachePath, key, graph.profile, graph.nodeCount), origin: 'cache' };
    } catch {
      // missing, stale or damaged: contract again
    }
  }
  const ch = await contractOnWorker(graph);
  if (cachePath) await writeHierarchyCache(cachePath, ch, key, graph.profile).catch(() => undefined);
  return { ch, origin: 'worker' };
}
