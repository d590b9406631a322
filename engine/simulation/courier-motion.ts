// How a simulated courier moves: each leg walked between two stalls of one market or ridden on the roads (the hour's
// traffic, its own speed and noise, parking on riding into a market), and where a courier is part-way along a leg (on
// its road, as a GPS fix would put it).
import { STALL_WALKING } from '../dispatch/stall-walking.js';
import type { LonLat, RoutingProvider } from '../routing/routing-provider.js';
import { nearerEnd, RoadPaths, type PathPoint } from './road-path.js';
import type { Agent } from './sim-types.js';
import { StallFloor } from './stall-floor.js';
import { TravelModel } from './travel.js';
import type { World } from './world.js';

type CourierLeg = NonNullable<Agent['leg']>;

export class CourierMotion {
  private readonly travel: TravelModel;
  private readonly floor: StallFloor;
  private readonly paths: RoadPaths;

  constructor(world: World, routing: RoutingProvider) {
    const { disruptions, markets } = world.scenario;
    this.travel = new TravelModel(routing, disruptions.speedFactorByHour, disruptions.travelNoise);
    this.paths = new RoadPaths(routing);
    // The pasar itself, whatever the policy assumes: stalls are walked between, the motorbike parked once on entering.
    this.floor = new StallFloor(markets.map((m) => [
      ...(world.stalls.get(m.id) ?? []),
      ...world.orders.filter((x) => x.marketId === m.id).flatMap((x) => x.order.pickups.map((p): LonLat => [p.lon, p.lat])),
    ]), STALL_WALKING);
  }

  /** Duration (ms) and ridden metres of a's next leg from where it is to `to`, departing at `departMs`. */
  async legTo(a: Agent, to: LonLat, departMs: number): Promise<{ durationMs: number; distanceM: number }> {
    const walkMs = this.floor.walkMs(a.pos, to);
    if (walkMs !== undefined) return { durationMs: walkMs, distanceM: 0 };
    const ridden = await this.travel.leg(a.pos, to, departMs, a.draws.rides, a.sim.courier.speedFactor ?? 1);
    return { durationMs: ridden.durationMs + this.floor.parkingMs(a.pos, to), distanceM: ridden.distanceM };
  }

  /** Where `leg` has brought its courier at `nowMs`: along the road when ridden, the nearer end of a walk between stalls. */
  async along(leg: CourierLeg, nowMs: number): Promise<PathPoint> {
    const share = (nowMs - leg.departMs) / Math.max(1, leg.arriveMs - leg.departMs);
    return leg.distanceM > 0 ? this.paths.at(leg.from, leg.to, share) : nearerEnd(leg.from, leg.to, share);
  }

  /** The courier's reported position at `nowMs`, as a GPS fix would give it: on a ride, the point of its road reached. */
  async positionOf(a: Agent, nowMs: number): Promise<{ lon: number; lat: number; atMs: number }> {
    const p = a.state === 'riding' && a.leg ? (await this.along(a.leg, nowMs)).point : a.pos;
    return { lon: p[0], lat: p[1], atMs: nowMs };
  }
}
