// Builds a RoadGraph from road ways: graphology to assemble and clean (merge coincident nodes, find the largest
// strongly connected component), then compiled to CSR typed arrays: the main network first, Hilbert-ordered node ids.
import { MultiDirectedGraph } from 'graphology';
import { InputError } from '../errors.js';
import { COORDINATE_SCALE, haversineM, isValidLonLat } from '../geo.js';
import { hilbertOrder } from './hilbert.js';
import { getProfile, wayRule, type RoadProfile } from './profiles/index.js';
import type { RoadGraph } from './road-graph.js';
import type { RoadWay } from './road-way.js';
import { stronglyConnectedComponents } from './strongly-connected.js';

interface NodeAttributes { lon: number; lat: number }
interface EdgeAttributes { durationDs: number; distanceDm: number; nameIndex: number; roadClass: number }
type BuildGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** What the build kept and dropped, for logs and tests. */
export interface RoadGraphStats {
  readonly waysRead: number;
  readonly waysRoutable: number;
  /** Nodes after merging coincident coordinates. */
  readonly nodesMerged: number;
  readonly edgesMerged: number;
  /** Strongly connected components. */
  readonly componentCount: number;
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Nodes of the main network (the largest strongly connected component); the others lie on islands and fringes. */
  readonly mainNodeCount: number;
}

export interface BuildOptions {
  /** Names the input in error messages (a file path). */
  readonly source?: string;
}

/** Merge key of a coordinate: both axes rounded to the 1e-7° grid. */
function nodeKey(lonE7: number, latE7: number): string {
  return `${lonE7}:${latE7}`;
}

/** Adds the routable ways to a directed multigraph; one node per distinct rounded coordinate, one edge per segment and direction. */
function assemble(ways: readonly RoadWay[], profile: RoadProfile, names: string[]): { graph: BuildGraph; routable: number } {
  const graph: BuildGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  const nameIndexOf = new Map<string, number>([['', 0]]);
  let routable = 0;
  for (const way of ways) {
    const rule = wayRule(way.tags, profile);
    if (!rule || (!rule.forward && !rule.backward)) continue;
    routable++;
    const name = (way.tags.name ?? '').trim();
    let nameIndex = nameIndexOf.get(name);
    if (nameIndex === undefined) {
      nameIndex = names.length;
      names.push(name);
      nameIndexOf.set(name, nameIndex);
    }
    const speedMs = rule.speedKmh / 3.6;
    let prevKey: string | undefined;
    let prevLon = 0, prevLat = 0;
    for (const [rawLon, rawLat] of way.coordinates) {
      if (!isValidLonLat(rawLon, rawLat)) {
        prevKey = undefined;
        continue;
      }
      const lonE7 = Math.round(rawLon * COORDINATE_SCALE), latE7 = Math.round(rawLat * COORDINATE_SCALE);
      const lon = lonE7 / COORDINATE_SCALE, lat = latE7 / COORDINATE_SCALE;
      const key = nodeKey(lonE7, latE7);
      if (!graph.hasNode(key)) graph.addNode(key, { lon, lat });
      if (prevKey !== undefined && prevKey !== key) {
        const distanceM = haversineM(prevLon, prevLat, lon, lat);
        const attributes: EdgeAttributes = {
          distanceDm: Math.max(1, Math.round(distanceM * 10)),
          durationDs: Math.max(1, Math.round((distanceM / speedMs) * 10)),
          nameIndex,
          roadClass: rule.classMask,
        };
        if (rule.forward) graph.addEdge(prevKey, key, attributes);
        if (rule.backward) graph.addEdge(key, prevKey, { ...attributes });
      }
      prevKey = key;
      prevLon = lon;
      prevLat = lat;
    }
  }
  return { graph, routable };
}

/** The set of node keys in the largest strongly connected component (ties: the one found first), and the component count. */
function largestStrongComponent(graph: BuildGraph): { main: Set<string>; count: number } {
  const keys = graph.nodes();
  const indexOf = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) indexOf.set(keys[i], i);
  /** Temporary CSR over the build graph (node i = keys[i]). */
  const firstEdge = new Uint32Array(keys.length + 1);
  for (let i = 0; i < keys.length; i++) firstEdge[i + 1] = firstEdge[i] + graph.outDegree(keys[i]);
  const target = new Uint32Array(firstEdge[keys.length]);
  for (let i = 0; i < keys.length; i++) {
    let e = firstEdge[i];
    graph.forEachOutEdge(keys[i], (_edge, _attributes, _source, to) => {
      target[e++] = indexOf.get(to)!;
    });
  }
  const { componentOf, count } = stronglyConnectedComponents(firstEdge, target);
  /** Per component id: its node count. */
  const size = new Uint32Array(count);
  for (let i = 0; i < keys.length; i++) size[componentOf[i]]++;
  let best = 0;
  for (let c = 1; c < count; c++) if (size[c] > size[best]) best = c;
  const main = new Set<string>();
  for (let i = 0; i < keys.length; i++) if (componentOf[i] === best) main.add(keys[i]);
  return { main, count };
}

/** Node keys in Hilbert order of their coordinates. */
function inHilbertOrder(graph: BuildGraph, keys: readonly string[]): string[] {
  const rawLon = new Float64Array(keys.length), rawLat = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const a = graph.getNodeAttributes(keys[i]);
    rawLon[i] = a.lon;
    rawLat[i] = a.lat;
  }
  return Array.from(hilbertOrder(rawLon, rawLat), (i) => keys[i]);
}

/**
 * Compiles the build graph to CSR: the main network's nodes first, then the others, each part in Hilbert order;
 * out-edges sorted by (target, duration).
 */
function compile(graph: BuildGraph, main: ReadonlySet<string>, names: string[], profile: string): RoadGraph {
  const all = graph.nodes();
  const keys = [...inHilbertOrder(graph, all.filter((k) => main.has(k))), ...inHilbertOrder(graph, all.filter((k) => !main.has(k)))];
  const n = keys.length;
  const order = Uint32Array.from(keys.keys());
  const rawLon = new Float64Array(n), rawLat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = graph.getNodeAttributes(keys[i]);
    rawLon[i] = a.lon;
    rawLat[i] = a.lat;
  }
  const idOf = new Map<string, number>();
  for (let id = 0; id < n; id++) idOf.set(keys[order[id]], id);

  const firstEdge = new Uint32Array(n + 1);
  const lon = new Float64Array(n), lat = new Float64Array(n);
  for (let id = 0; id < n; id++) {
    lon[id] = rawLon[order[id]];
    lat[id] = rawLat[order[id]];
    firstEdge[id + 1] = firstEdge[id] + graph.outDegree(keys[order[id]]);
  }
  const m = firstEdge[n];
  const target = new Uint32Array(m), durationDs = new Uint32Array(m), distanceDm = new Uint32Array(m), nameIndex = new Uint32Array(m);
  const roadClass = new Uint8Array(m);
  const out: [number, number, number, number, number][] = [];
  for (let id = 0; id < n; id++) {
    out.length = 0;
    graph.forEachOutEdge(keys[order[id]], (_edge, a, _source, to) => {
      out.push([idOf.get(to)!, a.durationDs, a.distanceDm, a.nameIndex, a.roadClass]);
    });
    out.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3] || x[4] - y[4]);
    let e = firstEdge[id];
    for (const [t, d, l, name, classes] of out) {
      target[e] = t;
      durationDs[e] = d;
      distanceDm[e] = l;
      nameIndex[e] = name;
      roadClass[e] = classes;
      e++;
    }
  }
  return { nodeCount: n, mainNodeCount: main.size, edgeCount: m, firstEdge, target, durationDs, distanceDm, nameIndex, roadClass, lon, lat, names, profile };
}

/** Builds the routable graph for `profile` and reports what was kept. Throws InputError `graph_empty` when nothing is routable. */
export function buildRoadGraphWithStats(ways: readonly RoadWay[], profile: RoadProfile | string, options: BuildOptions = {}): { graph: RoadGraph; stats: RoadGraphStats } {
  const resolved = typeof profile === 'string' ? getProfile(profile) : profile;
  const names: string[] = [''];
  const { graph, routable } = assemble(ways, resolved, names);
  const source = options.source ?? 'the given ways';
  if (graph.size === 0) {
    throw new InputError('graph_empty', `${source}: no road is routable for profile "${resolved.name}" (${ways.length} ways read)`, 'file');
  }
  graph.forEachNode((key) => {
    if (graph.degree(key) === 0) graph.dropNode(key); // a lone vertex (a way broken at invalid coordinates): no road
  });
  const nodesMerged = graph.order, edgesMerged = graph.size;
  const { main, count: componentCount } = largestStrongComponent(graph);
  if (main.size < 2) {
    throw new InputError('graph_empty', `${source}: no two roads connect in both directions for profile "${resolved.name}"`, 'file');
  }
  const compiled = compile(graph, main, names, resolved.name);
  return {
    graph: compiled,
    stats: {
      waysRead: ways.length, waysRoutable: routable, nodesMerged, edgesMerged, componentCount,
      nodeCount: compiled.nodeCount, edgeCount: compiled.edgeCount, mainNodeCount: compiled.mainNodeCount,
    },
  };
}

/** Builds the routable RoadGraph of `ways` for `profile` (a RoadProfile or a shipped profile's name). */
export function buildRoadGraph(ways: readonly RoadWay[], profile: RoadProfile | string, options: BuildOptions = {}): RoadGraph {
  return buildRoadGraphWithStats(ways, profile, options).graph;
}
