// Public surface of engine/graph (re-exported by engine/index.ts).
export type { RoadGraph } from './road-graph.js';
export type { RoadWay, RoadWaySet, WayPoint } from './road-way.js';
export { buildRoadGraph, buildRoadGraphWithStats, type RoadGraphStats, type BuildOptions } from './build-road-graph.js';
export { loadRoadGraph } from './load-road-graph.js';
export { readRoadWays, ROAD_FILE_EXTENSIONS } from './readers/read-road-ways.js';
export { Snapper, assertLonLat, type SnapResult, type SnapperOptions, type SnapQuery } from './snapper.js';
export { PROFILES, getProfile, wayRule, motorbikeProfile, carProfile, type RoadProfile, type WayRule } from './profiles/index.js';
export { encodeArrayBundle, decodeArrayBundle, saveArrayBundle, loadArrayBundle, type BundleArray, type BundleHeader } from './array-bundle.js';
export { roadGraphToArrays, roadGraphFromArrays } from './road-graph-arrays.js';
export { IndexedMinHeap } from './binary-heap.js';
export { contractHierarchy, type ContractOptions } from './ch/contract.js';
export type { ContractionHierarchy } from './ch/contraction-hierarchy.js';
export { ChQuery, type ChPath } from './ch/ch-query.js';
export { BucketTable } from './ch/bucket-table.js';
export { phantomNode, directKey, type PhantomNode, type EdgePosition, type EdgeOccupancy } from './ch/phantom.js';
export { DISTANCE_SPAN, pathKey, keyDurationDs, keyDistanceDm, keyToSeconds, keyToMetres } from './ch/path-key.js';
export { OneToManyDijkstra, dijkstraTableKeys } from './dijkstra.js';
export {
  loadOrBuildGraph, buildPreparedGraph, readGraphCache, writeGraphCache, graphCachePath, hashFile,
  GRAPH_CACHE_FORMAT_VERSION, DEFAULT_GRAPH_CACHE_DIR, type PreparedGraph, type LoadedGraph, type GraphCacheOptions,
} from './graph-cache.js';
export { isValidLonLat } from '../geo.js';
export { clipOsmExtract, type ClipStats, type ClippedRoads, type ClipOptions } from './readers/clip-osm-extract.js';
export { readClipBoundary, parseBbox, boundaryFromGeoJson, type ClipBoundary } from './readers/clip-boundary.js';
export { ClipRegion } from './readers/clip-region.js';
export { writeRoadGeoJson } from './readers/write-road-geojson.js';
export { readPbfBlobs, type PbfBlob } from './readers/pbf-blobs.js';
export { decodePrimitiveBlock, type PrimitiveSink, type BlockCounts } from './readers/pbf-primitive-block.js';
