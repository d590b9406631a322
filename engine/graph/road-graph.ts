// RoadGraph: a routable road network compiled to compressed-row (CSR) typed arrays, the form every query runs on.

/**
 * Directed road graph in CSR form. Node ids are dense 0..nodeCount-1; the outgoing edges of node u are
 * the edge indices firstEdge[u] .. firstEdge[u+1]-1. A two-way road appears as two directed edges.
 * Nodes 0..mainNodeCount-1 form the main network (the largest strongly connected component: every one reaches every
 * other); the nodes after them lie on road islands and one-way fringes that cannot reach it or be reached from it both
 * ways. They are kept, as OSRM keeps them, so a point on an island snaps there and gets no route instead of no road.
 */
export interface RoadGraph {
  readonly nodeCount: number;
  /** Nodes below this id are the main network (largest strongly connected component). */
  readonly mainNodeCount: number;
  readonly edgeCount: number;
  /** Per node (length nodeCount + 1): index of its first outgoing edge. */
  readonly firstEdge: Uint32Array;
  /** Per edge: the node it leads to. */
  readonly target: Uint32Array;
  /** Per edge: travel time in deciseconds (integer, at least 1). */
  readonly durationDs: Uint32Array;
  /** Per edge: length in decimetres (integer, at least 1). */
  readonly distanceDm: Uint32Array;
  /** Per edge: index into `names` of the street name ('' for unnamed roads). */
  readonly nameIndex: Uint32Array;
  /** Per edge: bit mask of the profile's road classes (`RoadProfile.roadClasses`, bit i = i-th class), for `exclude`. */
  readonly roadClass: Uint8Array;
  /** Per node: WGS84 longitude and latitude, degrees. */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Street names, deduplicated; index 0 is ''. */
  readonly names: readonly string[];
  /** The profile the weights were computed for, e.g. 'motorbike'. */
  readonly profile: string;
}
