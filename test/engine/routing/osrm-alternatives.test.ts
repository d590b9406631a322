// alternatives on hand-drawn maps: the via-node method finds a second route when one is at most 15 % slower and
// mostly apart from the best, none when the only other way is far slower; limits and coordinate counts as OSRM.
import { describe, expect, it } from 'vitest';
import { buildRoadGraph } from '../../../engine/graph/build-road-graph.js';
import { contractHierarchy } from '../../../engine/graph/ch/contract.js';
import { OsrmService } from '../../../engine/routing/osrm-service/osrm-service.js';
import { asciiRoadMap } from '../graph/ascii-road-map.js';

const serviceOf = (ways: Parameters<typeof buildRoadGraph>[0]): OsrmService => {
  const graph = buildRoadGraph(ways, 'motorbike');
  return new OsrmService({ graph, ch: contractHierarchy(graph) });
};
type Routes = { routes: { duration: number; distance: number; legs: { steps: unknown[] }[] }[]; waypoints: unknown[] };

describe('alternatives (via-node method)', () => {
  // s–a–b–c–t along the top (200 m between a and c); a–d–e–f–c a detour 20 m longer, e with a spur to g.
  const near = asciiRoadMap([
    's--a---------b----------c--t',
    '   |                    |',
    '   d---------e----------f',
    '             |',
    '             g',
  ].join('\n'), [{ nodes: 'sabct' }, { nodes: 'adefc' }, { nodes: 'eg' }]);
  const service = serviceOf(near.ways);
  const route = (alternatives: number, coordinates = [near.at('s'), near.at('t')]) =>
    service.route({ coordinates, alternatives, overview: 'false' }) as unknown as Routes;

  it('adds the slightly slower, separate way as a second route, one leg each', () => {
    const { routes } = route(1);
    expect(routes).toHaveLength(2);
    expect(routes[1].duration).toBeGreaterThan(routes[0].duration);
    expect(routes[1].duration).toBeLessThanOrEqual(routes[0].duration * 1.15);
    expect(routes[1].distance - routes[0].distance).toBeCloseTo(40, -1); // down 20 m at a and up 20 m at c
    for (const r of routes) expect(r.legs).toHaveLength(1);
  });

  it('answers the best route alone without alternatives, and between more than two coordinates (as OSRM)', () => {
    expect(route(0).routes).toHaveLength(1);
    expect(route(2, [near.at('s'), near.at('b'), near.at('t')]).routes).toHaveLength(1);
  });

  it('never returns more alternatives than admissible ones, and refuses more than --max-alternatives', () => {
    expect(route(3).routes).toHaveLength(2);
    expect(() => route(4)).toThrow(expect.objectContaining({ code: 'TooBig' }));
  });

  it('finds none when the other way is far slower', () => {
    const far = asciiRoadMap([
      's--a---------c--t', '   |         |', '   |         |', '   |         |', '   |         |', '   |         |',
      '   |         |', '   d----e----f', '        |', '        g',
    ].join('\n'), [{ nodes: 'sact' }, { nodes: 'adefc' }, { nodes: 'eg' }]);
    const routes = (serviceOf(far.ways).route({ coordinates: [far.at('s'), far.at('t')], alternatives: 1, overview: 'false' }) as unknown as Routes).routes;
    expect(routes).toHaveLength(1);
  });
});
