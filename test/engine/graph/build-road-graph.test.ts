// RoadGraph builder on hand-drawn maps: segment edges and weights, oneways, coincident-node merge, main network first, road classes, empty input.
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, buildRoadGraphWithStats } from '../../../engine/graph/build-road-graph.js';
import type { RoadGraph } from '../../../engine/graph/road-graph.js';
import { asciiRoadMap } from './ascii-road-map.js';

/** Directed edges as "from>to" strings over node letters, found by matching node coordinates. */
function edgeLetters(graph: RoadGraph, at: (n: string) => [number, number], letters: string): string[] {
  const letterOf = (id: number): string => [...letters].find((l) => at(l)[0] === graph.lon[id] && at(l)[1] === graph.lat[id]) ?? '?';
  const out: string[] = [];
  for (let u = 0; u < graph.nodeCount; u++) for (let e = graph.firstEdge[u]; e < graph.firstEdge[u + 1]; e++) out.push(`${letterOf(u)}>${letterOf(graph.target[e])}`);
  return out.sort();
}

/** Rounded to the 1e-7° grid the builder stores, so coordinates compare exactly. */
const grid = (p: [number, number]): [number, number] => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];

describe('buildRoadGraph', () => {
  it('turns a two-way street into two directed edges per segment with haversine length and class speed', () => {
    const map = asciiRoadMap('a-b-c', [{ nodes: 'abc', tags: { highway: 'residential', name: 'Gang Mawar' } }], { gridM: 5 });
    const graph = buildRoadGraph(map.ways, 'motorbike');
    const at = (n: string) => grid(map.at(n));
    expect(graph.nodeCount).toBe(3);
    expect(graph.edgeCount).toBe(4);
    expect(edgeLetters(graph, at, 'abc')).toEqual(['a>b', 'b>a', 'b>c', 'c>b']);
    for (let e = 0; e < graph.edgeCount; e++) {
      expect(graph.distanceDm[e]).toBeGreaterThanOrEqual(99); // 10 m between letters two columns apart
      expect(graph.distanceDm[e]).toBeLessThanOrEqual(101);
      expect(graph.durationDs[e]).toBe(Math.round((graph.distanceDm[e] / 10 / (20 / 3.6)) * 10)); // 20 km/h
      expect(graph.names[graph.nameIndex[e]]).toBe('Gang Mawar');
    }
    expect(graph.names[0]).toBe('');
    expect(graph.profile).toBe('motorbike');
    expect(graph.firstEdge[graph.nodeCount]).toBe(graph.edgeCount);
  });

  it('keeps oneway direction; the main network (largest strongly connected component) comes first, islands and fringes after it', () => {
    const map = asciiRoadMap(
      ['a---b---e', '|   |', 'd---c', '', '        x-y'].join('\n'),
      [
        { nodes: 'abcda', tags: { oneway: 'yes' } }, // a loop: strongly connected
        { nodes: 'be', tags: { oneway: 'yes' } }, // dead-end oneway spur: e can be reached but not left
        { nodes: 'xy' }, // a separate island
      ],
    );
    const { graph, stats } = buildRoadGraphWithStats(map.ways, 'motorbike');
    const at = (n: string) => grid(map.at(n));
    expect(edgeLetters(graph, at, 'abcdexy')).toEqual(['a>b', 'b>c', 'b>e', 'c>d', 'd>a', 'x>y', 'y>x']);
    expect(stats).toMatchObject({ waysRead: 3, waysRoutable: 3, nodesMerged: 7, componentCount: 3, nodeCount: 7, edgeCount: 7, mainNodeCount: 4 });
    expect(graph.mainNodeCount).toBe(4);
    const mainLetters = Array.from({ length: graph.nodeCount }, (_, id) => [...'abcdexy'].find((l) => at(l)[0] === graph.lon[id] && at(l)[1] === graph.lat[id]));
    expect(mainLetters.slice(0, 4).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(mainLetters.slice(4).sort()).toEqual(['e', 'x', 'y']);
  });

  it('keeps the profile’s road classes per edge (gang: living_street and granted footways for motorbikes)', () => {
    const map = asciiRoadMap('a-b-c', [
      { nodes: 'ab', tags: { highway: 'living_street' } },
      { nodes: 'bc', tags: { highway: 'residential' } },
    ]);
    const graph = buildRoadGraph(map.ways, 'motorbike');
    const at = (n: string) => grid(map.at(n));
    const letterOf = (id: number) => [...'abc'].find((l) => at(l)[0] === graph.lon[id] && at(l)[1] === graph.lat[id]);
    const classOf = (letters: string): number[] => {
      const out: number[] = [];
      for (let u = 0; u < graph.nodeCount; u++) for (let e = graph.firstEdge[u]; e < graph.firstEdge[u + 1]; e++) {
        if (`${letterOf(u)}${letterOf(graph.target[e])}` === letters) out.push(graph.roadClass[e]);
      }
      return out;
    };
    const gangBit = 1 << 2; // motorbike roadClasses: toll, motorway, gang
    expect(classOf('ab')).toEqual([gangBit]);
    expect(classOf('ba')).toEqual([gangBit]);
    expect(classOf('bc')).toEqual([0]);
  });

  it('merges vertices that coincide after rounding to 1e-7 degrees, and only those', () => {
    const map = asciiRoadMap('a-b-c', [{ nodes: 'ab' }, { nodes: 'bc' }]);
    const [bLon, bLat] = map.at('b');
    const ways = [
      { ...map.ways[0], coordinates: [map.at('a'), [bLon + 2e-8, bLat - 2e-8] as const] },
      { ...map.ways[1], coordinates: [[bLon - 2e-8, bLat + 2e-8] as const, map.at('c')] },
    ];
    expect(buildRoadGraph(ways, 'motorbike').nodeCount).toBe(3);
    const apart = [ways[0], { ...ways[1], coordinates: [[bLon + 3e-7, bLat] as const, map.at('c')] }];
    expect(() => buildRoadGraph(apart, 'motorbike').nodeCount).not.toThrow();
    expect(buildRoadGraph(apart, 'motorbike')).toMatchObject({ nodeCount: 4, mainNodeCount: 2 }); // two islands of two nodes: one is the main network
  });

  it('drops ways the profile cannot use and keeps them for a profile that can', () => {
    const map = asciiRoadMap('a---b\n|   |\nd---c', [
      { nodes: 'ab' },
      { nodes: 'bc' },
      { nodes: 'cd', tags: { highway: 'motorway' } },
      { nodes: 'da' },
    ]);
    expect(buildRoadGraph(map.ways, 'motorbike').edgeCount).toBe(6); // path d-a-b-c: the c-d motorway is dropped
    const car = buildRoadGraph(map.ways, 'car');
    expect(car.nodeCount).toBe(4);
    expect(car.edgeCount).toBe(7); // motorway implies oneway c→d
  });

  it('throws graph_empty naming the source when nothing is routable', () => {
    const map = asciiRoadMap('a-b', [{ nodes: 'ab', tags: { highway: 'footway' } }]);
    expect(() => buildRoadGraph(map.ways, 'motorbike', { source: 'kampung.osm' })).toThrowError(
      expect.objectContaining({ code: 'graph_empty', message: expect.stringContaining('kampung.osm') }),
    );
    expect(() => buildRoadGraph([], 'car')).toThrowError(expect.objectContaining({ code: 'graph_empty' }));
    const oneway = asciiRoadMap('a-b', [{ nodes: 'ab', tags: { oneway: 'yes' } }]);
    expect(() => buildRoadGraph(oneway.ways, 'car')).toThrowError(expect.objectContaining({ code: 'graph_empty' }));
  });

  it('breaks a way at an invalid vertex instead of joining across it', () => {
    const map = asciiRoadMap('a-b-c', [{ nodes: 'abc' }]);
    const broken = [{ ...map.ways[0], coordinates: [map.at('a'), map.at('b'), [Number.NaN, 95] as const, map.at('c')] }];
    const graph = buildRoadGraph(broken, 'motorbike');
    expect(graph.nodeCount).toBe(2); // a-b kept; c, a lone vertex once the b–c link is broken, has no road
    expect(graph.edgeCount).toBe(2);
  });

  it('rejects an unknown profile by name', () => {
    const map = asciiRoadMap('a-b', [{ nodes: 'ab' }]);
    expect(() => buildRoadGraph(map.ways, 'becak')).toThrowError(expect.objectContaining({ code: 'unknown_profile' }));
  });

  it('numbers nodes the same whatever order the ways come in', () => {
    const map = asciiRoadMap('a-b-c\n|   |\nd---e', [{ nodes: 'abc' }, { nodes: 'ce' }, { nodes: 'ed' }, { nodes: 'da' }]);
    const one = buildRoadGraph(map.ways, 'motorbike');
    const two = buildRoadGraph([...map.ways].reverse(), 'motorbike');
    expect(Array.from(two.lon)).toEqual(Array.from(one.lon));
    expect(Array.from(two.target)).toEqual(Array.from(one.target));
    expect(Array.from(two.durationDs)).toEqual(Array.from(one.durationDs));
  });
});
