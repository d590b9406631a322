// The simulated world of one scenario, drawn once from the seed so every policy faces the same orders and couriers:
// stalls, timed orders (with the customer's refusal drawn up front) and couriers (shifts, starts, no-shows); the explicit
// orders and couriers of a replayed day join them as listed.
import { InputError } from '../errors.js';
import { offsetPoint } from '../geo.js';
import type { LonLat, RoutingProvider } from '../routing/routing-provider.js';
import type { DispatchCourier, DispatchOrder } from '../dispatch/dispatch-types.js';
import type { FleetKind } from '../model/problem-input.js';
import type { ResolvedScenario } from './scenario.js';
import { prngStream, type Prng } from '../random/prng.js';
import type { ReplayCourier } from './replay-couriers.js';
import type { ReplayOrder } from './replay-day.js';
import { assertOnRoads } from './road-reach.js';
import { withNotice } from './pre-orders.js';

/** Local midnight (WIB, UTC+7) of the simulated day, epoch ms. */
export const DAY_START_MS = Date.UTC(2026, 0, 5) - 7 * 3_600_000;
export const HOUR_MS = 3_600_000;

export interface SimOrder {
  readonly order: DispatchOrder;
  readonly marketId: string;
  /** When the customer placed it, or when a pre-order is due: click-to-door counts from here. */
  readonly placedAtMs: number;
  /** When the market hears of it: before `placedAtMs` for a pre-order (`demand.noticeMin`); absent: at `placedAtMs`. */
  readonly knownAtMs?: number;
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
/** A courier's settings when its fleet (or its line of a recorded day) does not give them. */
const KIND_DEFAULTS: Readonly<Record<FleetKind, { capacityKg: number; cashFloatRp: number; acceptProbability: number; feeShare: number }>> = {
  pangkalan: { capacityKg: 40, cashFloatRp: 600_000, acceptProbability: 0.97, feeShare: 1 },
  ojol: { capacityKg: 25, cashFloatRp: 400_000, acceptProbability: 0.85, feeShare: 0.8 },
};
/** Cash a COD customer pays beyond the goods: the delivery fee, as the courier collects it. */
const COD_FEE_RP = 10_000;

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

function ring(rng: Prng, centre: LonLat, minM: number, maxM: number): LonLat {
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
  // A replayed point off the road network is refused before anything runs, naming its row or field.
  await assertOnRoads(routing, [
    ...scenario.orders.flatMap((o) => [
      { lon: o.lon, lat: o.lat, field: o.pointField },
      ...o.pickups.map((p) => ({ lon: p.lon, lat: p.lat, field: `${o.source}: stall ${p.stall}` })),
    ]),
    ...scenario.couriers.filter((c) => c.startGiven).map((c) => ({ lon: c.lon, lat: c.lat, field: c.pointField })),
  ].filter(uniquePoint()));
  const stalls = new Map<string, LonLat[]>();
  const orders: SimOrder[] = [];
  for (const market of scenario.markets) {
    const rng = prngStream(scenario.seed, `market:${market.id}`);
    const readyRng = prngStream(scenario.seed, `ready:${market.id}`); // its own stream: days without ready times draw as before
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
            codRp: cod ? goodsRp + COD_FEE_RP : 0, windowEndMs: placedAtMs + Math.round(demand.windowMin * 60_000),
          },
          maxInBagS: Math.round(demand.maxInBagMin * 60),
        };
        orders.push({ order, marketId: market.id, placedAtMs, refuses: rng.chance(demand.refusalProbability) });
      }
    }
  }
  const drawnIds = new Set(orders.map((o) => o.order.id));
  for (const replayed of scenario.orders) {
    if (drawnIds.has(replayed.id)) throw new InputError('invalid_scenario', `${replayed.source}: order id "${replayed.id}" is also a drawn order's id`, replayed.source);
    orders.push(replayedOrder(scenario, replayed));
  }
  orders.sort((a, b) => a.placedAtMs - b.placedAtMs || (a.order.id < b.order.id ? -1 : 1));
  const couriers = await buildCouriers(scenario, routing);
  const drawnCouriers = new Set(couriers.map((c) => c.courier.id));
  for (const replayed of scenario.couriers) {
    if (drawnCouriers.has(replayed.id)) throw new InputError('invalid_scenario', `${replayed.source}: courier id "${replayed.id}" is also a drawn courier's id`, replayed.source);
    couriers.push(replayedCourier(scenario, replayed));
  }
  return { scenario, stalls, orders: withNotice(orders, scenario.demand.noticeMin * 60_000), couriers };
}

/** Each point once (a stall serves many orders). */
function uniquePoint(): (p: { lon: number; lat: number }) => boolean {
  const seen = new Set<string>();
  return (p) => {
    const key = `${p.lon},${p.lat}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

/** An order of a recorded day as listed; what a sheet does not record (service times, a refusal) is drawn from its own stream. */
function replayedOrder(scenario: ResolvedScenario, o: ReplayOrder): SimOrder {
  const { demand } = scenario;
  const rng = prngStream(scenario.seed, `replay:${o.id}`);
  const orderedAtMs = atHour(o.atHour);
  // A booked order is heard of when ordered; its goods are ready, and its wait and promise count, from the booked hour.
  const placedAtMs = o.bookedForHour !== undefined ? atHour(o.bookedForHour) : orderedAtMs;
  const readyHour = (p: ReplayOrder['pickups'][number]): number | undefined =>
    o.bookedForHour === undefined ? p.readyAtHour : Math.max(p.readyAtHour ?? o.bookedForHour, o.bookedForHour);
  const pickups = o.pickups.map((p, j) => ({
    id: `${o.id}-p${j}`, lon: p.lon, lat: p.lat, serviceS: Math.round(rng.between(demand.stallServiceS)), weightKg: p.weightKg, valueRp: p.valueRp,
    ...(readyHour(p) !== undefined ? { readyAtMs: atHour(readyHour(p)!) } : {}),
  }));
  const goodsRp = pickups.reduce((s, p) => s + p.valueRp, 0);
  const order: DispatchOrder = {
    id: o.id, pickups,
    delivery: {
      id: `${o.id}-d`, lon: o.lon, lat: o.lat, serviceS: Math.round(rng.between(demand.deliveryServiceS)),
      codRp: o.cod ? goodsRp + COD_FEE_RP : 0, windowEndMs: placedAtMs + Math.round(o.promiseMin * 60_000),
    },
    maxInBagS: Math.round(demand.maxInBagMin * 60),
    ...(o.bookedForHour !== undefined ? { placedAtMs } : {}),
  };
  const booked = o.bookedForHour !== undefined ? { knownAtMs: orderedAtMs } : {};
  return { order, marketId: o.market, placedAtMs, ...booked, refuses: rng.chance(demand.refusalProbability) };
}

/** A courier of a recorded day: shows up for the listed shift at the listed start (a pangkalan courier's base is its market). */
function replayedCourier(scenario: ResolvedScenario, c: ReplayCourier): SimCourier {
  const market = scenario.markets.find((m) => m.id === c.market)!;
  const pangkalan = c.kind === 'pangkalan';
  const courier: DispatchCourier = {
    id: c.id, fleet: c.kind, capacityKg: c.capacityKg ?? KIND_DEFAULTS[c.kind].capacityKg, cashFloatRp: c.cashFloatRp ?? KIND_DEFAULTS[c.kind].cashFloatRp,
    shiftEndMs: atHour(c.shift[1]), homeMarket: pangkalan,
    ...(c.speedFactor !== undefined ? { speedFactor: c.speedFactor } : {}),
    ...(pangkalan ? { base: { lon: market.lon, lat: market.lat } } : {}),
  };
  return {
    courier, marketId: c.market, fleetId: `${c.market}-${c.kind}`, kind: c.kind, start: [c.lon, c.lat],
    shiftStartMs: atHour(c.shift[0]), shiftEndMs: atHour(c.shift[1]), noShow: false,
    acceptProbability: c.acceptProbability ?? KIND_DEFAULTS[c.kind].acceptProbability, responseS: c.responseS ?? [5, 35],
    feeShare: c.pay?.feeShare ?? KIND_DEFAULTS[c.kind].feeShare, perHourRp: c.pay?.perHourRp ?? 0,
  };
}

async function buildCouriers(scenario: ResolvedScenario, routing: RoutingProvider): Promise<SimCourier[]> {
  const couriers: SimCourier[] = [];
  const markets = new Map(scenario.markets.map((m) => [m.id, m]));
  for (const fleet of scenario.fleets) {
    const rng = prngStream(scenario.seed, `fleet:${fleet.id}`);
    const market = markets.get(fleet.market)!;
    const centre: LonLat = [market.lon, market.lat];
    const pangkalan = fleet.kind === 'pangkalan';
    const [fromH, toH] = fleet.shift ?? [scenario.day.startHour, scenario.day.endHour];
    for (let i = 0; i < fleet.couriers; i++) {
      const start = await placed(routing, () => (pangkalan ? ring(rng, centre, 0, 60) : ring(rng, centre, 200, fleet.startRadiusM ?? 2_500)), centre);
      const courier: DispatchCourier = {
        id: `${fleet.id}-${i + 1}`, fleet: fleet.kind, capacityKg: fleet.capacityKg ?? KIND_DEFAULTS[fleet.kind].capacityKg,
        cashFloatRp: fleet.cashFloatRp ?? KIND_DEFAULTS[fleet.kind].cashFloatRp, shiftEndMs: atHour(toH), homeMarket: pangkalan,
        ...(fleet.speedFactor !== undefined ? { speedFactor: fleet.speedFactor } : {}),
        ...(pangkalan ? { base: { lon: market.lon, lat: market.lat } } : {}),
      };
      couriers.push({
        courier, marketId: market.id, fleetId: fleet.id, kind: fleet.kind, start, shiftStartMs: atHour(fromH), shiftEndMs: atHour(toH),
        noShow: rng.chance(scenario.disruptions.noShowProbability), acceptProbability: fleet.acceptProbability ?? KIND_DEFAULTS[fleet.kind].acceptProbability,
        responseS: fleet.responseS ?? [5, 35], feeShare: fleet.pay?.feeShare ?? KIND_DEFAULTS[fleet.kind].feeShare, perHourRp: fleet.pay?.perHourRp ?? 0,
      });
    }
  }
  return couriers;
}
