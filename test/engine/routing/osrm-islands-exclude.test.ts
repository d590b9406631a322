// The OSRM service on hand-drawn maps: road islands are kept and snapped to as OSRM does (NoRoute, null cells), and
// `exclude` leaves out a road class for snapping, routes and tables (unknown classes: InvalidValue, as OSRM).
import { describe, expect, it } from 'vitest';
import { buildRoadGraph } from '../../../engine/graph/build-road-graph.js';
import { contractHierarchy } from '../../../engine/graph/ch/contract.js';
import { OsrmService } from '../../../engine/routing/osrm-service/osrm-service.js';
import { asciiRoadMap } from '../graph/ascii-road-map.js';

const serviceOf = (ways: Parameters<typeof buildRoadGraph>[0]): OsrmService => {
  const graph = buildRoadGraph(ways, 'motorbike');
  return new OsrmService({ graph, ch: contractHierarchy(graph) });
};
const codeOf = (call: () => unknown): string => {
  try {
    call();
    return 'Ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('road islands', () => {
  // a–b–c–d is the main network; x–y an island street 20 m north of it, joined to nothing.
  const map = asciiRoadMap(['      x-y', '', 'a---b---c---d'].join('\n'), [{ nodes: 'abcd' }, { nodes: 'xy' }]);
  const service = serviceOf(map.ways);
  const near = (node: string, dLat = 0): [number, number] => [map.at(node)[0] + 0.00002, map.at(node)[1] + dLat];
  const onIsland = near('x', 0.00001); // 1 m north of the island street, 21 m from the main street

  it('keeps the island in the graph after the main network', () => {
    expect(service.graph.mainNodeCount).toBe(4);
    expect(service.graph.nodeCount).toBe(6);
  });

  it('snaps a point to its island only when its radius leaves no main road; then there is no route', () => {
    const free = service.route({ coordinates: [onIsland, near('d')] }) as { waypoints: { distance: number }[] };
    expect(free.waypoints[0].distance).toBeGreaterThan(15); // moved to the main street, as OSRM without radiuses
    expect(codeOf(() => service.route({ coordinates: [onIsland, near('d')], radiuses: [5, null] }))).toBe('NoRoute');
    expect(codeOf(() => service.route({ coordinates: [onIsland, near('d')], radiuses: [0.5, null] }))).toBe('NoSegment');
  });

  it('routes along an island when every point is on it, and answers null table cells across', () => {
    const along = service.route({ coordinates: [onIsland, near('y', 0.00001)] }) as { routes: { distance: number }[] };
    expect(along.routes[0].distance).toBeGreaterThan(0);
    expect(along.routes[0].distance).toBeLessThan(25);
    const table = service.table({ coordinates: [near('a'), near('d'), onIsland], radiuses: [null, null, 5], annotations: ['duration', 'distance'] }) as { durations: (number | null)[][]; distances: (number | null)[][] };
    expect(table.durations.map((row) => row.map((cell) => cell === null))).toEqual([[false, false, true], [false, false, true], [true, true, false]]);
    expect(table.durations[2][2]).toBe(0);
  });

  it('nearest finds the island road (OSRM’s nearest has no main-network rule)', () => {
    const nearest = service.nearest({ coordinates: [onIsland] }) as { waypoints: { distance: number }[] };
    expect(nearest.waypoints[0].distance).toBeLessThan(2);
  });
});

describe('exclude', () => {
  // a–b–e–c: 230 m of residential street round a block; a–g–c: its 30 m gang (living_street) straight across.
  const map = asciiRoadMap(['a---------b', 'g         |', '|         |', 'c---------e'].join('\n'), [
    { nodes: 'abec' },
    { nodes: 'agc', tags: { highway: 'living_street' } },
  ]);
  const service = serviceOf(map.ways);
  const [a, c, g] = [map.at('a'), map.at('c'), map.at('g')];
  type RouteBody = { routes: { distance: number; duration: number }[]; waypoints: { location: [number, number]; distance: number }[] };

  it('routes around the excluded class and snaps off it', () => {
    const through = service.route({ coordinates: [a, c] }) as RouteBody;
    const around = service.route({ coordinates: [a, c], exclude: ['gang'] }) as RouteBody;
    expect(around.routes[0].distance).toBeGreaterThan(through.routes[0].distance + 5);
    expect(around.routes[0].distance).toBeCloseTo(230, -1); // round the block
    const fromGang = service.route({ coordinates: [g, c], exclude: ['gang'] }) as RouteBody;
    expect(fromGang.waypoints[0].distance).toBeGreaterThan(5); // the gang is not a road for this request
  });

  it('tables leave it out too, and classes absent from the graph change nothing', () => {
    const keys = { coordinates: [a, c], annotations: ['distance'] as 'distance'[] };
    const plain = service.table(keys) as { distances: number[][] };
    const noGang = service.table({ ...keys, exclude: ['gang'] }) as { distances: number[][] };
    expect(noGang.distances[0][1]).toBeGreaterThan(plain.distances[0][1] + 5);
    expect(service.table({ ...keys, exclude: ['toll', 'motorway'] })).toEqual(plain);
  });

  it('refuses a class the profile does not define with OSRM’s InvalidValue', () => {
    expect(() => service.route({ coordinates: [a, c], exclude: ['ferry'] })).toThrowError(expect.objectContaining({ code: 'InvalidValue', message: 'Exclude flag combination is not supported.' }));
  });
});
