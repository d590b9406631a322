// Fault-test world: markets in a row along one latitude, each with a stall and a pangkalan fleet whose couriers are online at the market.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createCourier, createFleet, createMarket, createStall, tokenFor, type Headers } from '../../api/helpers/fixtures.js';

export interface SeededCourier {
  readonly id: string;
  /** The courier's own token header. */
  readonly headers: Headers;
}

export interface SeededMarket {
  readonly id: string;
  readonly stallId: string;
  readonly lon: number;
  readonly couriers: readonly SeededCourier[];
}

/** Creates `count` markets 0.03° apart with `couriersPerMarket` online pangkalan couriers each (positions reported at the market). */
export async function seedPangkalanMarkets(app: FastifyInstance, options: { count: number; couriersPerMarket: number; name: string }): Promise<SeededMarket[]> {
  const markets: SeededMarket[] = [];
  for (let i = 0; i < options.count; i++) {
    const lon = 106.70 + i * 0.03;
    const market = await createMarket(app, { name: `${options.name} ${i}`, location: { lon, lat: -6.2408 } });
    const stall = await createStall(app, market.id, { location: { lon: lon + 0.0002, lat: -6.2409 } });
    const fleet = await createFleet(app, { kind: 'pangkalan', name: `Pangkalan ${i}`, market_ids: [market.id] });
    const couriers: SeededCourier[] = [];
    for (let k = 0; k < options.couriersPerMarket; k++) {
      const courier = await createCourier(app, fleet.headers, { home_market_id: market.id, name: `Kurir ${i}-${k}` });
      const headers = await tokenFor(app, 'courier', { courierId: courier.id, fleetId: fleet.fleet.id });
      const fix = { positions: [{ lon, lat: -6.2415, recorded_at: new Date().toISOString() }] };
      expect((await app.inject({ method: 'POST', url: `/v1/couriers/${courier.id}/positions`, headers, payload: fix })).statusCode).toBeLessThan(300);
      expect((await app.inject({ method: 'POST', url: `/v1/couriers/${courier.id}/online`, headers })).statusCode).toBeLessThan(300);
      couriers.push({ id: courier.id, headers });
    }
    markets.push({ id: market.id, stallId: stall.id, lon, couriers });
  }
  return markets;
}

/** Courier id → its token header, over every seeded market. */
export function courierHeaders(markets: readonly SeededMarket[]): Map<string, Headers> {
  return new Map(markets.flatMap((m) => m.couriers.map((c) => [c.id, c.headers] as const)));
}
