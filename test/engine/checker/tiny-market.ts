// A hand-built four-location market (base A, stalls S1 and S2, home H) and a hand-computed plan for checker tests.
import type { PlannedRoute, ProblemInput, Solution } from '../../../engine/model/problem-input.js';

// Travel seconds between A, S1, S2, H (symmetric); distance is five metres per second of travel.
const SECONDS = [
  [0, 100, 100, 600],
  [100, 0, 50, 500],
  [100, 50, 0, 550],
  [600, 500, 550, 0],
];

export function tinyProblem(): ProblemInput {
  const durationS = SECONDS.flat();
  return {
    loadDimensions: ['weightKg', 'cashRp'],
    locations: [{ id: 'A' }, { id: 'S1' }, { id: 'S2' }, { id: 'H' }],
    matrix: { durationS, distanceM: durationS.map((s) => s * 5) },
    setupS: 60,
    orders: [
      {
        id: 'o1',
        pickups: [
          { id: 'p1', locationId: 'S1', serviceS: 120, load: [2, 50_000] },
          { id: 'p2', locationId: 'S2', serviceS: 60, load: [3, 30_000] },
        ],
        delivery: { id: 'd1', locationId: 'H', serviceS: 90, window: { earliestS: 1000, latestS: 2000 }, codRp: 90_000 },
        maxInBagS: 1200,
      },
      {
        id: 'o2',
        pickups: [{ id: 'p3', locationId: 'S1', serviceS: 60, load: [3, 10_000] }],
        delivery: { id: 'd2', locationId: 'H', serviceS: 60, codRp: 20_000 },
        unassignedCost: 5000,
      },
    ],
    couriers: [
      { id: 'c1', fleet: 'pangkalan', startLocationId: 'A', startS: 0, endLocationId: 'A', shift: { earliestS: 0, latestS: 5000 }, capacity: [10, 100_000], fixedCost: 100, costPerKm: 2 },
      { id: 'c2', fleet: 'ojol', startLocationId: 'S2', startS: 0, shift: { earliestS: 0, latestS: 5000 }, capacity: [10, 100_000] },
    ],
  };
}

/** c1 serves o1 (p1, p2, d1); o2 is unassigned. Every number worked out by hand in the comments. */
export function tinySolution(): Solution {
  const route: PlannedRoute = {
    courierId: 'c1',
    stops: [
      // A→S1 100 s, setup 60: service 160–280.
      { stopId: 'p1', orderId: 'o1', kind: 'pickup', locationId: 'S1', arrivalS: 100, serviceStartS: 160, departureS: 280, lateS: 0, loadAfter: [2, 50_000] },
      // S1→S2 50 s, setup 60: service 390–450.
      { stopId: 'p2', orderId: 'o1', kind: 'pickup', locationId: 'S2', arrivalS: 330, serviceStartS: 390, departureS: 450, lateS: 0, loadAfter: [5, 80_000] },
      // S2→H 550 s, setup 60 → 1060 (window opens 1000): service 1060–1150.
      { stopId: 'd1', orderId: 'o1', kind: 'delivery', locationId: 'H', arrivalS: 1000, serviceStartS: 1060, departureS: 1150, lateS: 0, loadAfter: [0, 0] },
    ],
    // H→A 600 s: back at 1750; 100 + 50 + 550 + 600 = 1300 s of travel = 6500 m.
    startS: 0,
    endS: 1750,
    durationS: 1750,
    distanceM: 6500,
  };
  // fixed 100; duration 3600 per hour × 1750 s = 1750; distance 2 per km × 6.5 km = 13; o2 unassigned 5000.
  return {
    routes: [route],
    unassigned: [{ orderId: 'o2', reason: 'not_inserted' }],
    cost: { unassigned: 5000, lateness: 0, fixed: 100, duration: 1750, distance: 13, stability: 0, total: 6863 },
  };
}
