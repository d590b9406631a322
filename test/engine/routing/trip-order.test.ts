// Trip ordering by the project's solver: the optimum on small asymmetric instances (brute force) for every OSRM trip
// shape, fixed ends kept, and on a 40-stop instance a tour no worse than nearest neighbour.
import { describe, expect, it } from 'vitest';
import { orderCost, tripOrder, type TripShape } from '../../../engine/routing/osrm-service/trip-order.js';
import { seededRandom } from '../graph/ch/random-graph.js';

/** Travel costs between random points on a plane, with a random one-way surcharge (asymmetric, like a road graph). */
function randomCosts(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const xy = Array.from({ length: n }, () => [random() * 1000, random() * 1000]);
  const cost = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i !== j) cost[i * n + j] = Math.round(Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]) + random() * 200);
  }
  return cost;
}

function bruteForce(cost: Float64Array, n: number, shape: TripShape): number {
  const headFixed = shape.roundtrip || shape.fixFirst;
  let best = Infinity;
  const visit = (order: number[], left: number[]): void => {
    if (left.length === 0) {
      if (headFixed && order[0] !== 0) return;
      if (shape.fixLast && order[n - 1] !== n - 1) return;
      best = Math.min(best, orderCost(order, cost, n, shape.roundtrip));
      return;
    }
    left.forEach((stop, k) => visit([...order, stop], [...left.slice(0, k), ...left.slice(k + 1)]));
  };
  visit([], Array.from({ length: n }, (_, i) => i));
  return best;
}

const SHAPES: TripShape[] = [
  { roundtrip: true, fixFirst: false, fixLast: false },
  { roundtrip: true, fixFirst: true, fixLast: true },
  { roundtrip: false, fixFirst: true, fixLast: false },
  { roundtrip: false, fixFirst: true, fixLast: true },
  { roundtrip: false, fixFirst: false, fixLast: true },
];

describe('tripOrder (solver)', () => {
  it('finds the optimum of 7-stop asymmetric instances for every trip shape, fixed ends in place', () => {
    for (const seed of [1, 2, 3]) {
      const n = 7, cost = randomCosts(n, seed);
      for (const shape of SHAPES) {
        const order = tripOrder(cost, n, shape);
        expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
        if (shape.roundtrip || shape.fixFirst) expect(order[0]).toBe(0);
        if (shape.fixLast) expect(order[n - 1]).toBe(n - 1);
        expect(orderCost(order, cost, n, shape.roundtrip), JSON.stringify(shape)).toBe(bruteForce(cost, n, shape));
      }
    }
  });

  it('orders 40 stops no worse than nearest neighbour, and two stops trivially', () => {
    const n = 40, cost = randomCosts(n, 7);
    const order = tripOrder(cost, n, SHAPES[0]);
    expect(new Set(order).size).toBe(n);
    const left = new Set(Array.from({ length: n - 1 }, (_, i) => i + 1));
    const greedy = [0];
    while (left.size) {
      const at = greedy[greedy.length - 1];
      const next = [...left].reduce((a, b) => (cost[at * n + b] < cost[at * n + a] ? b : a));
      greedy.push(next);
      left.delete(next);
    }
    expect(orderCost(order, cost, n, true)).toBeLessThanOrEqual(orderCost(greedy, cost, n, true));
    expect(tripOrder(Float64Array.of(0, 5, 7, 0), 2, SHAPES[0])).toEqual([0, 1]);
  });

  it('keeps unreachable pairs last in line: a stop only reachable from one other follows it', () => {
    const n = 4, cost = randomCosts(n, 5);
    for (let i = 0; i < n; i++) if (i !== 2) cost[i * n + 3] = Infinity; // 3 is reached from 2 only
    const order = tripOrder(cost, n, SHAPES[2]);
    expect(order.indexOf(3)).toBe(order.indexOf(2) + 1);
  });
});
