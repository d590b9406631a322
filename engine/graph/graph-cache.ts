// Graph cache: the preprocessed graph (RoadGraph + contraction hierarchy) in one array bundle, keyed by input hash,
// profile and format version, so a restart skips parsing and contraction.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError } from '../errors.js';
import { type BundleArray, loadArrayBundle, saveArrayBundle } from './array-bundle.js';
import { contractHierarchy, type ContractOptions } from './ch/contract.js';
import type { ContractionHierarchy } from './ch/contraction-hierarchy.js';
import { getProfile } from './profiles/index.js';
import { roadGraphFromArrays, roadGraphToArrays } from './road-graph-arrays.js';
import type { RoadGraph } from './road-graph.js';

/** Bumped whenever the cached arrays or their meaning change; older files are rebuilt. */
export const GRAPH_CACHE_FORMAT_VERSION = 3;
export const DEFAULT_GRAPH_CACHE_DIR = '.cache/graphs';

/** A road graph ready for queries. */
export interface PreparedGraph {
  readonly graph: RoadGraph;
  readonly ch: ContractionHierarchy;
}

export interface GraphCacheOptions {
  readonly profile?: string;
  /** Where cache files live (default `.cache/graphs`); `false` disables the cache. */
  readonly cacheDir?: string | false;
  readonly contract?: ContractOptions;
}

export interface LoadedGraph extends PreparedGraph {
  /** 'cache' when read from a cache file, 'built' when parsed and contracted now. */
  readonly origin: 'cache' | 'built';
  /** The cache file used or written ('' when caching is off). */
  readonly cachePath: string;
  /** sha256 of the input file's bytes, hex. */
  readonly inputHash: string;
  /** Why an existing cache file was not used ('' when none or when it was used). */
  readonly rebuildReason: string;
}

const CH_FIELDS = ['rank', 'upFirst', 'upTarget', 'upKey', 'upMiddle', 'downFirst', 'downTarget', 'downKey', 'downMiddle'] as const;
const CH_TYPES = { rank: Uint32Array, upFirst: Uint32Array, upTarget: Uint32Array, upKey: Float64Array, upMiddle: Int32Array,
  downFirst: Uint32Array, downTarget: Uint32Array, downKey: Float64Array, downMiddle: Int32Array } as const;

/** Hex sha256 of a file; InputError `graph_unreadable` when it cannot be read. */
export async function hashFile(path: string): Promise<string> {
  try {
    return createHash('sha256').update(await readFile(path)).digest('hex');
  } catch (cause) {
    throw new InputError('graph_unreadable', `road file ${path} cannot be read: ${(cause as Error).message}`, 'file', { cause });
  }
}

/** The cache file path for one input file, hash and profile. */
export function graphCachePath(cacheDir: string, graphPath: string, inputHash: string, profile: string): string {
  const stem = basename(graphPath).replace(/[^A-Za-z0-9._-]/g, '_');
  return join(cacheDir, `${stem}.${profile}.${inputHash.slice(0, 16)}.v${GRAPH_CACHE_FORMAT_VERSION}.jjgraph`);
}

/** Parses and contracts `graphPath` (no cache). The readers load lazily: serving from the cache never imports them. */
export async function buildPreparedGraph(graphPath: string, profile: string, contract?: ContractOptions): Promise<PreparedGraph> {
  const { loadRoadGraph } = await import('./load-road-graph.js');
  const { graph } = await loadRoadGraph(graphPath, profile);
  return { graph, ch: contractHierarchy(graph, contract) };
}

/** Loads the prepared graph from the cache, or builds and caches it. A corrupt or stale cache file is rebuilt. */
export async function loadOrBuildGraph(graphPath: string, options: GraphCacheOptions = {}): Promise<LoadedGraph> {
  const profile = getProfile(options.profile ?? 'motorbike').name;
  const inputHash = await hashFile(graphPath);
  const cacheDir = options.cacheDir === undefined ? DEFAULT_GRAPH_CACHE_DIR : options.cacheDir;
  const cachePath = cacheDir === false ? '' : graphCachePath(cacheDir, graphPath, inputHash, profile);
  let rebuildReason = '';
  if (cachePath) {
    try {
      const prepared = await readGraphCache(cachePath, inputHash, profile);
      return { ...prepared, origin: 'cache', cachePath, inputHash, rebuildReason };
    } catch (error) {
      rebuildReason = (error as Error).message;
      if ((error as { code?: string }).code === 'bundle_not_found') rebuildReason = '';
    }
  }
  const prepared = await buildPreparedGraph(graphPath, profile, options.contract);
  if (cachePath && cacheDir !== false) {
    await mkdir(cacheDir, { recursive: true });
    await writeGraphCache(cachePath, prepared, inputHash, profile);
  }
  return { ...prepared, origin: 'built', cachePath, inputHash, rebuildReason };
}

/** Writes a prepared graph as an array bundle. */
export async function writeGraphCache(path: string, prepared: PreparedGraph, inputHash: string, profile: string): Promise<void> {
  const arrays: Record<string, BundleArray> = roadGraphToArrays(prepared.graph, 'graph.');
  for (const field of CH_FIELDS) arrays[`ch.${field}`] = prepared.ch[field];
  await saveArrayBundle(path, { formatVersion: GRAPH_CACHE_FORMAT_VERSION, inputHash, profile }, arrays);
}

/** Reads a cache file; throws (InputError `bundle_corrupt` / `graph_cache_stale`, NotFoundError) when unusable. */
export async function readGraphCache(path: string, inputHash: string, profile: string): Promise<PreparedGraph> {
  const { header, arrays } = await loadArrayBundle(path);
  if (header.formatVersion !== GRAPH_CACHE_FORMAT_VERSION || header.inputHash !== inputHash || header.profile !== profile) {
    throw new InputError('graph_cache_stale', `graph cache ${path} was built for other input, profile or format`, 'file');
  }
  const graph = roadGraphFromArrays(arrays, profile, 'graph.');
  return { graph, ch: hierarchyFromArrays(arrays, graph.nodeCount, path) };
}

/** The hierarchy stored under `ch.*` in a bundle's arrays; InputError `bundle_corrupt` when missing or inconsistent. */
function hierarchyFromArrays(arrays: Record<string, BundleArray>, nodeCount: number, path: string): ContractionHierarchy {
  const ch = {} as Record<string, BundleArray>;
  for (const field of CH_FIELDS) {
    const array = arrays[`ch.${field}`];
    if (!(array instanceof CH_TYPES[field])) throw new InputError('bundle_corrupt', `graph cache ${path}: array ch.${field} missing or of the wrong type`, 'file');
    ch[field] = array;
  }
  const hierarchy = { nodeCount, ...ch } as unknown as ContractionHierarchy;
  assertHierarchyShape(hierarchy, path);
  return hierarchy;
}

/** Writes a hierarchy alone (one of the graph without some road classes) as an array bundle keyed by `key`. */
export async function writeHierarchyCache(path: string, ch: ContractionHierarchy, key: string, profile: string): Promise<void> {
  const arrays: Record<string, BundleArray> = {};
  for (const field of CH_FIELDS) arrays[`ch.${field}`] = ch[field];
  await saveArrayBundle(path, { formatVersion: GRAPH_CACHE_FORMAT_VERSION, inputHash: key, profile }, arrays);
}

/** Reads a hierarchy written by `writeHierarchyCache` for the same key, profile and node count (else throws). */
export async function readHierarchyCache(path: string, key: string, profile: string, nodeCount: number): Promise<ContractionHierarchy> {
  const { header, arrays } = await loadArrayBundle(path);
  if (header.formatVersion !== GRAPH_CACHE_FORMAT_VERSION || header.inputHash !== key || header.profile !== profile) {
    throw new InputError('graph_cache_stale', `hierarchy cache ${path} was built for another graph, profile or format`, 'file');
  }
  return hierarchyFromArrays(arrays, nodeCount, path);
}

/** Cheap consistency checks so a damaged file is rebuilt instead of answering nonsense. */
function assertHierarchyShape(ch: ContractionHierarchy, path: string): void {
  const n = ch.nodeCount;
  const ok = ch.rank.length === n && ch.upFirst.length === n + 1 && ch.downFirst.length === n + 1
    && ch.upFirst[n] === ch.upTarget.length && ch.upKey.length === ch.upTarget.length && ch.upMiddle.length === ch.upTarget.length
    && ch.downFirst[n] === ch.downTarget.length && ch.downKey.length === ch.downTarget.length && ch.downMiddle.length === ch.downTarget.length;
  let targetsOk = ok;
  for (let e = 0; targetsOk && e < ch.upTarget.length; e++) targetsOk = ch.upTarget[e] < n && ch.upMiddle[e] < n;
  for (let e = 0; targetsOk && e < ch.downTarget.length; e++) targetsOk = ch.downTarget[e] < n && ch.downMiddle[e] < n;
  if (!targetsOk) throw new InputError('bundle_corrupt', `graph cache ${path}: hierarchy arrays are inconsistent`, 'file');
}
