// Seeded random small problems for solver tests: Euclidean matrices, multi-pickup orders, windows, setup, bag limits.
import type { CourierInput, OrderInput, ProblemInput } from '../../../engine/model/problem-input.js';
import { Prng } from '../../../engine/random/prng.js';

export interface RandomProblemOptions {
  readonly orders?: number;
  readonly couriers?: number;
  readonly maxPickups?: number;
  /** Window width, s (large: loose windows). */
  readonly windowS?: number;
  readonly maxInBagS?: number;
  readonly setupS?: number;
  readonly softTimeWindows?: boolean;
  readonly fixedCost?: number;
  /** The market point and the stalls form one market: walked between, parking paid on entering. */
  readonly market?: boolean;
  /** Click-to-door and told-hour terms priced: orders placed before their stalls open, every other one told an hour. */
  readonly serviceTerms?: boolean;
}

/** A random problem on a 10 km square, one second per metre / 10 (36 km/h). */
export function randomProblem(seed: number, opts: RandomProblemOptions = {}): ProblemInput {
  const rng = new Prng(seed);
  const orderCount = opts.orders ?? 8;
  const courierCount = opts.couriers ?? 3;
  const points: [number, number][] = [[5000, 5000]];
  const market = 0;
  const stalls = new Set<number>([market]);
  const orders: OrderInput[] = [];
  for (let o = 0; o < orderCount; o++) {
    const pickups = [];
    const k = 1 + rng.int(opts.maxPickups ?? 3);
    const open = 8 * 3600 + rng.int(3600);
    for (let q = 0; q < k; q++) {
      // Stalls cluster around the market; some share a location.
      const loc = rng.next() < 0.3 && points.length > 1 ? 1 + rng.int(points.length - 1) : points.push([4500 + rng.int(1000), 4500 + rng.int(1000)]) - 1;
      stalls.add(loc);
      pickups.push({ id: `o${o}p${q}`, locationId: `L${loc}`, serviceS: 60 + rng.int(120), window: { earliestS: open, latestS: open + (opts.windowS ?? 4 * 3600) }, load: [1 + rng.int(5), 10000 * (1 + rng.int(10))] });
    }
    const home = points.push([rng.int(10000), rng.int(10000)]) - 1;
    const due = open + 1800 + rng.int(3600);
    orders.push({
      id: `o${o}`, pickups,
      delivery: { id: `o${o}d`, locationId: `L${home}`, serviceS: 120, window: { earliestS: open, latestS: due + (opts.windowS ?? 4 * 3600) }, codRp: 50000 },
      ...(opts.maxInBagS !== undefined ? { maxInBagS: opts.maxInBagS } : {}),
      ...(opts.serviceTerms ? { createdS: open - rng.int(1800), ...(o % 2 === 0 ? { toldArrivalS: open + 300 + rng.int(1200) } : {}) } : {}),
    });
  }
  const couriers: CourierInput[] = [];
  for (let c = 0; c < courierCount; c++) {
    const at = rng.next() < 0.5 ? market : points.push([rng.int(10000), rng.int(10000)]) - 1;
    couriers.push({
      id: `c${c}`, fleet: c % 2 === 0 ? 'pangkalan' : 'ojol', startLocationId: `L${at}`, startS: 8 * 3600,
      ...(c % 2 === 0 ? { endLocationId: `L${market}` } : {}),
      shift: { earliestS: 7 * 3600, latestS: 18 * 3600 }, capacity: [12 + rng.int(8), 600000],
      speedFactor: c % 3 === 2 ? 1.25 : 1, costPerKm: 500, fixedCost: opts.fixedCost ?? 0,
    });
  }
  const n = points.length;
  const durationS = new Array<number>(n * n);
  const distanceM = new Array<number>(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
      distanceM[i * n + j] = d;
      durationS[i * n + j] = d / 10;
    }
  }
  return {
    loadDimensions: ['weightKg', 'cashRp'],
    // Metres east and north of a point in Jakarta (for walking inside the market).
    locations: points.map(([x, y], i) => ({ id: `L${i}`, ...(opts.market ? { lon: 106.84 + x / 110_000, lat: -6.17 + y / 110_000 } : {}) })),
    ...(opts.market ? { markets: [{ id: 'pasar', locationIds: [...stalls].map((l) => `L${l}`), walkingSpeedMps: 1, parkingS: 120 }] } : {}),
    matrix: { durationS, distanceM },
    setupS: opts.setupS ?? 90,
    orders, couriers,
    objective: {
      softTimeWindows: opts.softTimeWindows ?? false,
      ...(opts.serviceTerms ? { clickToDoor: { costPerS: 0.5, targetS: 1800, overTargetCostPerS: 3 }, toldHour: { slackS: 300, costPerS: 6 } } : {}),
    },
  };
}
