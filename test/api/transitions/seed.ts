// Scenario builder for transition tests: market, fleets and keys through the API; couriers, stalls, orders, routes and stops in SQL.

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { newId } from '../../../api/ids.js';
import { createOffer } from '../../../api/transitions/offer-create.js';
import { createFleet, createMarket, tokenFor, type Headers } from '../helpers/fixtures.js';

export interface SeedFleet {
  id: string;
  headers: Headers;
  webhookSecret: string | null;
}

export interface SeedOrder {
  id: string;
  /** Item ids per stall code ('fish', 'veg'). */
  items: Record<string, string[]>;
}

export interface SeedRoute {
  id: string;
  /** Stop ids per order: pickups by stall code, then the delivery. */
  stops: Record<string, { pickups: Record<string, string>; delivery: string }>;
}

/** A market with two stalls and one customer; fleets and couriers on demand. */
export class Scenario {
  private planVersion = 0;
  private constructor(
    readonly app: FastifyInstance,
    readonly marketId: string,
    readonly stalls: Record<string, string>,
    readonly customerId: string,
  ) {}

  static async create(app: FastifyInstance): Promise<Scenario> {
    const market = await createMarket(app);
    const stalls: Record<string, string> = {};
    for (const [code, lon] of [['fish', 106.7771], ['veg', 106.7766]] as const) {
      stalls[code] = newId('stl');
      await app.db.query(
        `INSERT INTO stalls (id, market_id, name, stall_code, location) VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, -6.2409), 4326)::geography)`,
        [stalls[code], market.id, `Kios ${code}`, code.toUpperCase(), lon],
      );
    }
    const customerId = newId('cus');
    await app.db.query(
      `INSERT INTO customers (id, market_id, name, phone, address, landmark) VALUES ($1, $2, 'Ibu Sari', '+628123456789', ST_SetSRID(ST_MakePoint(106.7801, -6.2452), 4326)::geography, 'pagar hijau')`,
      [customerId, market.id],
    );
    return new Scenario(app, market.id, stalls, customerId);
  }

  async fleet(overrides: Record<string, unknown> = {}): Promise<SeedFleet> {
    const { fleet, headers, webhookSecret } = await createFleet(this.app, { market_ids: [this.marketId], ...overrides });
    return { id: fleet.id, headers, webhookSecret };
  }

  /** A courier of `fleetId` in `status`; returns its id and a courier token. */
  async courier(fleetId: string, status = 'idle'): Promise<{ id: string; headers: Headers }> {
    const id = newId('cou');
    await this.app.db.query(`INSERT INTO couriers (id, fleet_id, name, status, home_market_id) VALUES ($1, $2, $3, $4, $5)`, [id, fleetId, `Kurir ${id.slice(-4)}`, status, this.marketId]);
    return { id, headers: await tokenFor(this.app, 'courier', { courierId: id, fleetId }) };
  }

  /** An order with 2 fish items (30,000 + 60,000 Rp) and 1 veg item (3 × 5,000 Rp), fee 10,000 Rp. */
  async order(status = 'batched'): Promise<SeedOrder> {
    const id = newId('ord');
    await this.app.db.query(
      `INSERT INTO orders (id, market_id, customer_id, status, delivery_location, delivery_note, goods_total_rp, fee_rp, cod_total_rp, weight_kg)
       VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint(106.7801, -6.2452), 4326)::geography, 'rumah no. 7', 105000, 10000, 115000, 2.5)`,
      [id, this.marketId, this.customerId, status],
    );
    const items: Record<string, string[]> = { fish: [], veg: [] };
    const lines = [['fish', 'ikan kembung', 2, 15000, 1], ['fish', 'udang', 1, 60000, 0.5], ['veg', 'kangkung', 3, 5000, 1]] as const;
    for (const [position, [stall, name, quantity, price, weight]] of lines.entries()) {
      const itemId = newId('itm');
      items[stall].push(itemId);
      await this.app.db.query(
        `INSERT INTO order_items (id, order_id, stall_id, position, name, quantity, unit, unit_price_rp, weight_kg) VALUES ($1, $2, $3, $4, $5, $6, 'pcs', $7, $8)`,
        [itemId, id, this.stalls[stall], position, name, quantity, price, weight],
      );
    }
    return { id, items };
  }

  /** A planned route over `orders`: for each order a pickup at fish, one at veg, then its delivery. */
  async route(orders: SeedOrder[]): Promise<SeedRoute> {
    this.planVersion += 1;
    const planId = newId('pln');
    await this.app.db.query('INSERT INTO plans (id, market_id, version) VALUES ($1, $2, $3)', [planId, this.marketId, this.planVersion]);
    const id = newId('rte');
    await this.app.db.query('INSERT INTO routes (id, plan_id, market_id, distance_m, duration_s) VALUES ($1, $2, $3, 4200, 1500)', [id, planId, this.marketId]);
    const stops: SeedRoute['stops'] = {};
    let position = 0;
    const insert = async (kind: string, orderId: string, stallId: string | null, lonLat: [number, number]) => {
      const stopId = newId('stp');
      await this.app.db.query(
        `INSERT INTO stops (id, route_id, position, kind, order_id, stall_id, location) VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326)::geography)`,
        [stopId, id, position++, kind, orderId, stallId, lonLat[0], lonLat[1]],
      );
      return stopId;
    };
    for (const order of orders) {
      const pickups: Record<string, string> = {};
      for (const stall of ['fish', 'veg']) pickups[stall] = await insert('pickup', order.id, this.stalls[stall], [106.777, -6.2409]);
      stops[order.id] = { pickups, delivery: '' };
    }
    for (const order of orders) stops[order.id].delivery = await insert('delivery', order.id, null, [106.7801, -6.2452]);
    return { id, stops };
  }

  /** Offers `route` to `courierId` through the store the dispatch loop uses. */
  async offer(routeId: string, courierId: string, expiresInS = 120): Promise<string> {
    const { offerId } = await this.app.tx((tx) => createOffer(tx, { routeId, courierId, expiresAt: new Date(Date.now() + expiresInS * 1000) }));
    return offerId;
  }

  async status(table: 'orders' | 'couriers' | 'offers' | 'stops' | 'routes', id: string): Promise<string> {
    const found = await this.app.db.query<{ status: string }>(`SELECT status FROM ${table} WHERE id = $1`, [id]);
    return found.rows[0]?.status;
  }

  /** POST with JSON (or no) body. */
  post(url: string, headers: Headers, payload?: unknown): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  }

  /** The courier arrives at each of the order's stalls and picks every item there. */
  async pickedUp(stops: SeedRoute['stops'][string], order: SeedOrder, courier: { headers: Headers }): Promise<void> {
    for (const stall of Object.keys(stops.pickups)) {
      await this.post(`/v1/stops/${stops.pickups[stall]}/arrive`, courier.headers);
      await this.post(`/v1/stops/${stops.pickups[stall]}/pickup`, courier.headers, { items: order.items[stall].map((id) => ({ item_id: id, outcome: 'picked' })) });
    }
  }

  /** The courier arrives at the order's door and delivers, collecting the seeded order's COD; the deliver response. */
  async delivered(stops: SeedRoute['stops'][string], courier: { headers: Headers }) {
    await this.post(`/v1/stops/${stops.delivery}/arrive`, courier.headers);
    return this.post(`/v1/stops/${stops.delivery}/deliver`, courier.headers, { cod_collected_rp: 115000 });
  }

  /** A courier and a colleague of its fleet, and two orders accepted on the courier's route. */
  async twoOrdersOnOneCourier() {
    const fleet = await this.fleet();
    const courier = await this.courier(fleet.id);
    const colleague = await this.courier(fleet.id);
    const [first, second] = [await this.order(), await this.order()];
    return { courier, colleague, first, second, route: await this.assigned([first, second], courier) };
  }

  /** Offer + accept in one go: the courier is on its route. */
  async assigned(orders: SeedOrder[], courier: { id: string; headers: Headers }): Promise<SeedRoute> {
    const route = await this.route(orders);
    const offerId = await this.offer(route.id, courier.id);
    const res = await this.post(`/v1/offers/${offerId}/accept`, courier.headers);
    if (res.statusCode !== 200) throw new Error(`accept failed: ${res.body}`);
    return route;
  }
}
