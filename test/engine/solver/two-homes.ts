// A hand-checkable problem for the service-term tests: market M with the stalls, homes H1 and H2 600 s from it and
// 60 s apart, one order to each home (a 60 s stall, a 60 s door) and two couriers at the market.
import type { ObjectiveInput, OrderInput, ProblemInput } from '../../../engine/model/problem-input.js';

const SECONDS = [
  [0, 600, 600],
  [600, 0, 60],
  [600, 60, 0],
];

/** `extra(n)` adds fields to order `o${n}` (n = 1, 2). */
export function twoHomes(objective: ObjectiveInput, extra: (n: number) => Partial<OrderInput> = () => ({})): ProblemInput {
  const durationS = SECONDS.flat();
  const order = (n: number): OrderInput => ({
    id: `o${n}`,
    pickups: [{ id: `p${n}`, locationId: 'M', serviceS: 60, load: [2] }],
    delivery: { id: `d${n}`, locationId: `H${n}`, serviceS: 60, codRp: 0 },
    ...extra(n),
  });
  const courier = (id: string) => ({ id, fleet: 'pangkalan' as const, startLocationId: 'M', startS: 0, shift: { earliestS: 0, latestS: 10_000 }, capacity: [40] });
  return {
    loadDimensions: ['weightKg'],
    locations: [{ id: 'M' }, { id: 'H1' }, { id: 'H2' }],
    matrix: { durationS, distanceM: durationS.map((s) => s * 5) },
    orders: [order(1), order(2)],
    couriers: [courier('c1'), courier('c2')],
    objective,
  };
}
