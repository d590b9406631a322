// Visiting order for OSRM's trip service, found by the project's solver: the trip becomes one courier whose orders are
// the stops (each picked up at the start, delivered at its stop), so the solver orders the deliveries; the start and
// end may be fixed, the tour closed or open.
import type { OrderInput, ProblemInput } from '../../model/problem-input.js';
import { solve } from '../../solver/solve.js';

export interface TripShape {
  readonly roundtrip: boolean;
  readonly fixFirst: boolean;
  readonly fixLast: boolean;
}

/** Solver budget: annealing iterations per stop, and a CPU-time cap for the largest trips. */
const ITERATIONS_PER_STOP = 20;
const MAX_SOLVE_CPU_MS = 1_000;

/** Total cost of visiting `order` (row-major `cost`, n × n; Infinity where unreachable). */
export function orderCost(order: readonly number[], cost: Float64Array, n: number, roundtrip: boolean): number {
  let total = 0;
  for (let k = 1; k < order.length; k++) total += cost[order[k - 1] * n + order[k]];
  if (roundtrip && order.length > 1) total += cost[order[order.length - 1] * n + order[0]];
  return total;
}

/** The cost matrix transposed (the trip read backwards). */
function transposed(cost: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = cost[i * n + j];
  return out;
}

/**
 * `start`, then every stop other than `start` and `end` in the order the solver finds on `cost` for a courier that
 * ends its route at `end` (null: at its last stop). Unreachable pairs are priced far above any route, so they are
 * used only when nothing else is possible. `end` itself is not listed.
 */
function solvedPath(cost: Float64Array, n: number, start: number, end: number | null): number[] {
  let finiteMax = 0;
  for (const c of cost) if (Number.isFinite(c) && c > finiteMax) finiteMax = c;
  const unreachable = finiteMax * n + 1e6;
  const durationS = Array.from(cost, (c) => (Number.isFinite(c) ? c : unreachable));
  const stops = Array.from({ length: n }, (_, i) => i).filter((i) => i !== start && i !== end);
  if (stops.length === 0) return [start];
  const orders: OrderInput[] = stops.map((i) => ({
    id: `o${i}`,
    pickups: [{ id: `p${i}`, locationId: `s${start}`, serviceS: 0, load: [1] }],
    delivery: { id: `d${i}`, locationId: `s${i}`, serviceS: 0, codRp: 0 },
  }));
  const problem: ProblemInput = {
    loadDimensions: ['stops'],
    locations: Array.from({ length: n }, (_, i) => ({ id: `s${i}` })),
    matrix: { durationS, distanceM: new Float64Array(n * n) },
    orders,
    couriers: [{
      id: 'trip', fleet: 'ojol', startLocationId: `s${start}`, startS: 0, ...(end === null ? {} : { endLocationId: `s${end}` }),
      shift: { earliestS: 0, latestS: unreachable * (n + 1) }, capacity: [n], costPerHour: 3600, costPerKm: 0,
    }],
  };
  const { solution } = solve(problem, { maxIterations: ITERATIONS_PER_STOP * n, cpuTimeLimitMs: MAX_SOLVE_CPU_MS, seed: 1 });
  const visited = solution.routes[0]?.stops.filter((s) => s.kind === 'delivery').map((s) => Number(s.locationId.slice(1))) ?? [];
  if (visited.length !== stops.length) throw new Error(`trip solver left ${stops.length - visited.length} stops out`);
  return [start, ...visited];
}

/** The best visiting order found; starts at stop 0 for round trips and when the first is fixed, ends at n-1 when the last is. */
export function tripOrder(cost: Float64Array, n: number, shape: TripShape): number[] {
  if (n <= 1) return n === 1 ? [0] : [];
  const last = n - 1;
  // A round trip may start anywhere: it starts at stop 0 and returns there; with the last fixed it runs 0 … n-1 and
  // the closing leg n-1 → 0 is the same whatever the order.
  if (shape.roundtrip) return shape.fixLast ? [...solvedPath(cost, n, 0, last), last] : solvedPath(cost, n, 0, 0);
  if (shape.fixFirst) return shape.fixLast ? [...solvedPath(cost, n, 0, last), last] : solvedPath(cost, n, 0, null);
  // Only the end fixed: the path read backwards starts there.
  return solvedPath(transposed(cost, n), n, last, null).reverse();
}
