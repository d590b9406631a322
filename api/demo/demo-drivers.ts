// Simulated couriers: answer offers after a short think (mostly yes), ride their route along the road geometry at a
// demo speed, report positions, arrive, pick every item (now and then one is missing) and deliver with COD.
import type { FastifyInstance } from 'fastify';
import type { RoutingProvider } from '../../engine/index.js';
import type { EventRecord } from '../store/events-store.js';
import type { DemoRandom } from './jakarta-day.js';
import { call, type DemoCourier, type DemoWorld } from './demo-seed.js';

export interface DriverOptions {
  /** Riding speed (m/s) times the demo's fast-forward. */
  readonly speedMps: number;
  /** Position reports while riding, ms. */
  readonly tickMs: number;
  readonly acceptShare: number;
  /** Couriers a person drives from the courier page: the simulation leaves them alone. */
  readonly manual: ReadonlySet<string>;
}

/** A simulated pause that never holds the process open: a stopping server exits without waiting for couriers' rides. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export class DemoDrivers {
  private readonly riding = new Set<string>();
  private stopped = false;

  constructor(private readonly app: FastifyInstance, private readonly world: DemoWorld, private readonly routing: RoutingProvider, private readonly rng: DemoRandom, private readonly options: DriverOptions) {}

  stop(): void {
    this.stopped = true;
  }

  /** Reacts to committed events: offers to answer, accepted routes to ride. */
  onEvent(record: EventRecord): void {
    const courierId = record.courierId;
    if (this.stopped || !courierId || this.options.manual.has(courierId) || !this.world.couriers.has(courierId)) return;
    if (record.type === 'offer.created') {
      const offerId = String(record.payload.offer_id);
      const accept = this.rng.next() < this.options.acceptShare;
      void sleep(this.rng.intBetween(1_500, 6_000)).then(() => this.answer(offerId, accept));
    } else if (record.type === 'offer.accepted' && !this.riding.has(courierId)) {
      void this.ride(this.world.couriers.get(courierId)!);
    }
  }

  private async answer(offerId: string, accept: boolean): Promise<void> {
    if (this.stopped) return;
    try {
      await call(this.app, 'POST', `/v1/offers/${offerId}/${accept ? 'accept' : 'decline'}`, this.world.admin, accept ? undefined : { reason: 'sedang istirahat' });
    } catch {
      // the offer expired or was withdrawn meanwhile: nothing to do
    }
  }

  /** Rides every open stop of the courier's active route, in order, until it has none. */
  private async ride(courier: DemoCourier): Promise<void> {
    this.riding.add(courier.id);
    try {
      for (;;) {
        if (this.stopped) return;
        const route = await call(this.app, 'GET', `/v1/couriers/${courier.id}/route`, this.world.admin).catch(() => null);
        const stop = route?.stops?.find((s: any) => (s.kind === 'pickup' || s.kind === 'delivery') && (s.status === 'pending' || s.status === 'arrived'));
        if (!stop) return;
        if (stop.status === 'pending') {
          await this.driveTo(courier, stop.location.lon, stop.location.lat);
          await call(this.app, 'POST', `/v1/stops/${stop.id}/arrive`, this.world.admin);
        }
        await sleep(this.rng.intBetween(1_000, 3_000));
        await this.serve(stop);
      }
    } catch (error) {
      this.app.log.debug({ err: error, courier: courier.id }, 'demo courier stopped riding');
    } finally {
      this.riding.delete(courier.id);
    }
  }

  private async serve(stop: any): Promise<void> {
    const order = await call(this.app, 'GET', `/v1/orders/${stop.order_id}`, this.world.admin);
    if (stop.kind === 'pickup') {
      const items = order.items.filter((i: any) => i.stall_id === stop.stall_id && i.outcome === 'pending')
        .map((i: any) => ({ item_id: i.id, outcome: this.rng.next() < 0.05 ? 'missing' : 'picked' }));
      await call(this.app, 'POST', `/v1/stops/${stop.id}/pickup`, this.world.admin, { items });
    } else {
      await call(this.app, 'POST', `/v1/stops/${stop.id}/deliver`, this.world.admin, { cod_collected_rp: order.cod_total_rp });
    }
  }

  /** Moves along the road geometry, one position report per tick. */
  private async driveTo(courier: DemoCourier, lon: number, lat: number): Promise<void> {
    const path = await this.routing.route([[courier.lon, courier.lat], [lon, lat]]).then((r) => r.geometry.coordinates).catch(() => [[courier.lon, courier.lat], [lon, lat]] as [number, number][]);
    const stepM = (this.options.speedMps * this.options.tickMs) / 1000;
    let carriedM = 0;
    for (let i = 1; i < path.length && !this.stopped; i++) {
      const [aLon, aLat] = path[i - 1];
      const [bLon, bLat] = path[i];
      const legM = Math.hypot((bLon - aLon) * 110_320 * Math.cos((aLat * Math.PI) / 180), (bLat - aLat) * 110_574);
      for (let doneM = stepM - carriedM; doneM < legM; doneM += stepM) {
        const f = doneM / legM;
        await this.report(courier, aLon + (bLon - aLon) * f, aLat + (bLat - aLat) * f);
        await sleep(this.options.tickMs);
      }
      carriedM = (carriedM + legM) % stepM;
    }
    await this.report(courier, lon, lat);
  }

  /** Reports a position (also used to keep idle couriers fresh). */
  async report(courier: DemoCourier, lon: number, lat: number): Promise<void> {
    courier.lon = lon;
    courier.lat = lat;
    await call(this.app, 'POST', `/v1/couriers/${courier.id}/positions`, this.world.admin, { positions: [{ lon, lat, recorded_at: new Date().toISOString() }] }).catch(() => undefined);
  }

  /** Idle couriers drift a little so their positions never go stale. */
  async keepAlive(): Promise<void> {
    for (const courier of this.world.couriers.values()) {
      if (this.stopped || this.riding.has(courier.id)) continue;
      await this.report(courier, courier.lon + this.rng.uniform(-0.0002, 0.0002), courier.lat + this.rng.uniform(-0.0002, 0.0002));
    }
  }
}
