// The simulated world of one scenario, drawn once from the seed so every policy faces the same orders and couriers:
// stalls, timed orders (with the customer's refusal drawn up front) and couriers (shifts, starts, no-shows).
import { offsetPoint } from '../geo.js';
import type { LonLat, RoutingProvider } from '../routing/routing-provider.js';
import type { DispatchCourier, DispatchOrder } from '../dispatch/dispatch-types.js';
import type { FleetKind } from '../model/problem-input.js';
import type { ResolvedScenario } from './scenario.js';
import { stream, type SimRandom } from './sim-random.js';

/** Local midnight (WIB, UTC+7) of the simulated day, epoch ms. */
export const DAY_START_MS = Date.UTC(2026, 0, 5) - 7 * 3_600_000;
export const HOUR_MS = 3_600_000;

export interface SimOrder {
  readonly order: DispatchOrder;
  readonly marketId: string;
  readonly placedAtMs: number;
  /** The customer will refuse the goods at the door (an exchange follows). */
  readonly refuses: boolean;
}

export interface SimCourier {
  readonly courier: DispatchCourier;
  readonly marketId: string;
  readonly fleetId: string;
  readonly kind: FleetKind;
  readonly start: LonLat;
  readonly shiftStartMs: number;
  readonly shiftEndMs: number;
  readonly noShow: boolean;
  readonly acceptProbability: number;
  readonly responseS: readonly [number, number];
  readonly feeShare: number;
  readonly perHourRp: number;
}

export interface World {
  readonly scenario: ResolvedScenario;
  readonly stalls: ReadonlyMap<string, readonly LonLat[]>;
  /** Sorted by placement time. */
  readonly orders: readonly SimOrder[];
  readonly couriers: readonly SimCourier[];
}

const atHour = (h: number): number => DAY_START_MS + Math.round(h * HOUR_MS);

/** Places a point on the road network (the routing provider's nearest); redraws up to 5 times when off the network. */
async function placed(routing: RoutingProvider, draw: () => LonLat, fallback: LonLat): Promise<LonLat> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const p = draw();
    try {
      const [snap] = await routing.nearest(p, 1);
      if (snap && snap.snapDistanceM < 300) return [round6(snap.location[0]), round6(snap.location[1])];
    } catch { /* off the network: draw again */ }
  }
  return fallback;
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

function ring(rng: SimRandom, centre: LonLat, minM: number, maxM: number): LonLat {
  const rangeM = Math.sqrt(rng.uniform(minM * minM, maxM * maxM));
  return offsetPoint(centre, rng.uniform(0, 2 * Math.PI), rangeM);
}

/** Orders per local hour for a market: explicit, or the daily total spread over the hourly share (exact total). */
export function hourlyCounts(scenario: ResolvedScenario, market: ResolvedScenario['markets'][number]): number[] {
  const { startHour, endHour } = scenario.day;
  const open = (h: number): number => Math.max(0, Math.min(h + 1, endHour) - Math.max(h, startHour)); // share of hour h open
  if (market.ordersPerHour) return market.ordersPerHour.map((n, h) => Math.round(n * open(h)));
  const weights = scenario.demand.hourlyShare.map((w, h) => w * open(h));
  const total = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let given = 0;
  for (const w of weights) {
    cumulative += total > 0 ? (w / total) * (market.ordersPerDay ?? 0) : 0;
    const n = Math.round(cumulative) - given;
    counts.push(n);
    given += n;
  }
  return counts;
}

export async function buildWorld(scenario: ResolvedScenario, routing: RoutingProvider): Promise<World> {
  const { demand, day } = scenario;
  const stalls = new Map<string, LonLat[]>();
  const orders: SimOrder[] = [];
  for (const market of scenario.markets) {
    const rng = stream(scenario.seed, `market:${market.id}`);
    const readyRng = stream(scenario.seed, `ready:${market.id}`); // its own stream: days without ready times draw as before
    const centre: LonLat = [market.lon, market.lat];
    const list = market.stalls
      ? market.stalls.map((s) => [s.lon, s.lat] as LonLat)
      : Array.from({ length: market.stallCount! }, () => ring(rng, centre, 5, market.stallRadiusM ?? 150));
    stalls.set(market.id, list);
    const [minM, maxM] = market.deliveryRadiusM ?? [300, 3_000];
    const counts = hourlyCounts(scenario, market);
    let n = 0;
    for (let h = 0; h < 24; h++) {
      const fromH = Math.max(h, day.startHour);
      const toH = Math.min(h + 1, day.endHour);
      for (let k = 0; k < counts[h]; k++) {
        const id = `${market.id}-${++n}`;
        const placedAtMs = atHour(rng.uniform(fromH, toH));
        const stallCount = Math.min(list.length, rng.weighted(demand.stallsPerOrderWeights) + 1);
        const pickups = rng.sample(list.length, stallCount).map((s, j) => ({
          id: `${id}-p${j}`, lon: list[s][0], lat: list[s][1], serviceS: Math.round(rng.between(demand.stallServiceS)),
          weightKg: Math.round(rng.between(demand.weightKgPerStall) * 10) / 10, valueRp: Math.round(rng.between(demand.valueRpPerStall) / 500) * 500,
          ...(demand.readyAfterMin ? { readyAtMs: placedAtMs + Math.round(readyRng.between(demand.readyAfterMin) * 60_000) } : {}),
        }));
        const home = await placed(routing, () => ring(rng, centre, minM, maxM), centre);
        const goodsRp = pickups.reduce((s, p) => s + p.valueRp, 0);
        const cod = rng.chance(demand.codShare);
        const order: DispatchOrder = {
          id, pickups,
          delivery: {
            id: `${id}-d`, lon: home[0], lat: home[1], serviceS: Math.round(rng.between(demand.deliveryServiceS)),
            codRp: cod ? goodsRp + 10_000 : 0, windowEndMs: placedAtMs + Math.round(demand.windowMin * 60_000),
          },
          maxInBagS: Math.round(demand.maxInBagMin * 60),
        };
        orders.push({ order, marketId: market.id, placedAtMs, refuses: rng.chance(demand.refusalProbability) });
      }
    }
  }
  orders.sort((a, b) => a.placedAtMs - b.placedAtMs || (a.order.id < b.order.id ? -1 : 1));
  return { scenario, stalls, orders, couriers: await buildCouriers(scenario, routing) };
}

async function buildCouriers(scenario: ResolvedScenario, routing: RoutingProvider): Promise<SimCourier[]> {
  const couriers: SimCourier[] = [];
  const markets = new Map(scenario.markets.map((m) => [m.id, m]));
  for (const fleet of scenario.fleets) {
    const rng = stream(scenario.seed, `fleet:${fleet.id}`);
    const market = markets.get(fleet.market)!;
    const centre: LonLat = [market.lon, market.lat];
    const pangkalan = fleet.kind === 'pangkalan';
    const [fromH, toH] = fleet.shift ?? [scenario.day.startHour, scenario.day.endHour];
    for (let i = 0; i < fleet.couriers; i++) {
      const start = await placed(routing, () => (pangkalan ? ring(rng, centre, 0, 60) : ring(rng, centre, 200, fleet.startRadiusM ?? 2_500)), centre);
      const courier: DispatchCourier = {
        id: `${fleet.id}-${i + 1}`, fleet: fleet.kind, capacityKg: fleet.capacityKg ?? (pangkalan ? 40 : 25),
        cashFloatRp: fleet.cashFloatRp ?? (pangkalan ? 600_000 : 400_000), shiftEndMs: atHour(toH), homeMarket: pangkalan,
        ...(fleet.speedFactor !== undefined ? { speedFactor: fleet.speedFactor } : {}),
        ...(pangkalan ? { base: { lon: market.lon, lat: market.lat } } : {}),
      };
      couriers.push({
        courier, marketId: market.id, fleetId: fleet.id, kind: fleet.kind, start, shiftStartMs: atHour(fromH), shiftEndMs: atHour(toH),
        noShow: rng.chance(scenario.disruptions.noShowProbability), acceptProbability: fleet.acceptProbability ?? (pangkalan ? 0.97 : 0.85),
        responseS: fleet.responseS ?? [5, 35], feeShare: fleet.pay?.feeShare ?? (pangkalan ? 1 : 0.8), perHourRp: fleet.pay?.perHourRp ?? 0,
      });
    }
  }
  return couriers;
}
