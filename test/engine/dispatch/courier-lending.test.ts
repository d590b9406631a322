import { describe, expect, it } from 'vitest';
import { lendIdleCouriers, MarketDispatcher, marketToWorkFor, type DispatchCommand, type DispatchCourier, type DispatchOrder, type MarketLoad } from '../../../engine/index.js';

const policy = { radiusM: 4_000, minWaitMs: 5 * 60_000 };
// Senen, a market 2.2 km east of it and one 8 km south.
const load = (marketId: string, over: Partial<MarketLoad> = {}): MarketLoad => {
  const at = { senen: [106.8442, -6.1737], east: [106.864, -6.1737], south: [106.8442, -6.246] }[marketId]!;
  return { marketId, lon: at[0], lat: at[1], waitingOrders: 0, longestWaitMs: 0, freeCouriers: 0, ...over };
};
const wait = (min: number, orders = 2) => ({ waitingOrders: orders, longestWaitMs: min * 60_000 });

describe('courier lending between markets', () => {
  it('lends an idle courier of a quiet market to a nearby one whose orders have waited with no courier free', () => {
    const loads = [load('senen', { freeCouriers: 2 }), load('east', wait(6)), load('south', wait(30))];
    expect(marketToWorkFor('senen', 'senen', loads, policy)).toBe('east'); // south waits longer but is too far
  });

  it('keeps the courier home while its market has orders waiting, or no other courier free there', () => {
    expect(marketToWorkFor('senen', 'senen', [load('senen', { freeCouriers: 2, ...wait(1, 1) }), load('east', wait(20))], policy)).toBe('senen');
    expect(marketToWorkFor('senen', 'senen', [load('senen', { freeCouriers: 1 }), load('east', wait(20))], policy)).toBe('senen');
  });

  it('lends only once orders have waited long enough, to a market with nobody free', () => {
    expect(marketToWorkFor('senen', 'senen', [load('senen', { freeCouriers: 2 }), load('east', wait(4))], policy)).toBe('senen');
    expect(marketToWorkFor('senen', 'senen', [load('senen', { freeCouriers: 2 }), load('east', { ...wait(9), freeCouriers: 1 })], policy)).toBe('senen');
  });

  it('a lent courier stays while orders wait where it is, and goes home when they are served or home needs it', () => {
    expect(marketToWorkFor('senen', 'east', [load('senen', { freeCouriers: 1 }), load('east', { ...wait(1, 1), freeCouriers: 1 })], policy)).toBe('east');
    expect(marketToWorkFor('senen', 'east', [load('senen', { freeCouriers: 1 }), load('east', { freeCouriers: 1 })], policy)).toBe('senen');
    expect(marketToWorkFor('senen', 'east', [load('senen', { freeCouriers: 1, ...wait(0, 1) }), load('east', { ...wait(9), freeCouriers: 1 })], policy)).toBe('senen');
  });
});

const SENEN_AT = { lon: 106.8442, lat: -6.1737 };
const KRAMAT = { lon: 106.8530, lat: -6.1860 }; // 1.7 km away

function host(nowMs: () => number) {
  const markets = new Map([SENEN_AT, KRAMAT].map((at, i) => {
    const id = i === 0 ? 'senen' : 'kramat';
    return [id, { dispatcher: new MarketDispatcher({ marketId: id, ...at, now: nowMs, config: { planOnIdleCourier: false } }) }] as const;
  }));
  const commands: string[] = [];
  const courierMarket = new Map<string, string>();
  return {
    markets, commands, courierMarket,
    homeOf: () => 'senen',
    moved: (courierId: string, marketId: string) => void courierMarket.set(courierId, marketId),
    async command(market: { dispatcher: MarketDispatcher }, command: DispatchCommand) {
      commands.push(`${market.dispatcher.marketId}:${command.type}`);
      return market.dispatcher.handle(command);
    },
  };
}

const courier = (id: string): DispatchCourier => ({ id, fleet: 'pangkalan', capacityKg: 40, cashFloatRp: 500_000, homeMarket: true });
const order = (id: string, at: { lon: number; lat: number }): DispatchOrder => ({
  id, pickups: [{ id: `${id}-p`, ...at, serviceS: 120, weightKg: 2, valueRp: 20_000 }],
  delivery: { id: `${id}-d`, lon: at.lon, lat: at.lat + 0.005, serviceS: 60, codRp: 0 },
});

describe('lending idle couriers between running dispatchers', () => {
  it('moves an idle courier of a quiet market into a nearby market whose order has waited with nobody free, then back', async () => {
    let nowMs = Date.UTC(2026, 0, 5, 1);
    const h = host(() => nowMs);
    const senen = h.markets.get('senen')!;
    const kramat = h.markets.get('kramat')!;
    for (const id of ['c1', 'c2']) await h.command(senen, { type: 'courierAvailable', courier: courier(id), position: { ...SENEN_AT, atMs: nowMs } });
    await h.command(kramat, { type: 'orderAdded', order: order('o1', KRAMAT) });
    const policy = { radiusM: 4_000, minWaitMs: 5 * 60_000 };

    nowMs += 4 * 60_000;
    await lendIdleCouriers(h, policy);
    expect(h.commands.filter((c) => c.endsWith('courierOffline'))).toEqual([]); // not waited long enough yet

    nowMs += 2 * 60_000;
    await lendIdleCouriers(h, policy);
    const lent = [...kramat.dispatcher.couriers.keys()];
    expect(lent).toHaveLength(1); // one goes, one stays at Senen
    expect(senen.dispatcher.couriers.get(lent[0])!.status).toBe('offline');
    expect(kramat.dispatcher.couriers.get(lent[0])!.status).toBe('available');
    expect(h.courierMarket.get(lent[0])).toBe('kramat');

    // The order is served elsewhere (here: cancelled); the lent courier goes home.
    await h.command(kramat, { type: 'orderCancelled', orderId: 'o1' });
    await lendIdleCouriers(h, policy);
    expect(kramat.dispatcher.couriers.get(lent[0])!.status).toBe('offline');
    expect(senen.dispatcher.couriers.get(lent[0])!.status).toBe('available');
    expect(h.courierMarket.get(lent[0])).toBe('senen');
  });

  it('carries the courier\'s day earnings both ways, so each market\'s earnings balance sees its whole day', async () => {
    let nowMs = Date.UTC(2026, 0, 5, 1);
    const h = host(() => nowMs);
    const senen = h.markets.get('senen')!;
    const kramat = h.markets.get('kramat')!;
    await h.command(senen, { type: 'courierAvailable', courier: courier('c1'), position: { ...SENEN_AT, atMs: nowMs }, earnedRp: 30_000 });
    await h.command(senen, { type: 'courierAvailable', courier: courier('c2'), position: { ...SENEN_AT, atMs: nowMs }, earnedRp: 20_000 });
    await h.command(kramat, { type: 'orderAdded', order: order('o1', KRAMAT) });
    const policy = { radiusM: 4_000, minWaitMs: 5 * 60_000 };
    nowMs += 6 * 60_000;
    await lendIdleCouriers(h, policy);
    const [lentId] = [...kramat.dispatcher.couriers.keys()];
    const earnedAtSenen = senen.dispatcher.couriers.get(lentId)!.earnedRp!;
    expect(earnedAtSenen).toBeGreaterThan(0);
    expect(kramat.dispatcher.couriers.get(lentId)!.earnedRp).toBe(earnedAtSenen);

    kramat.dispatcher.couriers.get(lentId)!.earnedRp = earnedAtSenen + 12_000; // a delivery at Kramat
    await h.command(kramat, { type: 'orderCancelled', orderId: 'o1' });
    await lendIdleCouriers(h, policy);
    expect(senen.dispatcher.couriers.get(lentId)!.status).toBe('available');
    expect(senen.dispatcher.couriers.get(lentId)!.earnedRp).toBe(earnedAtSenen + 12_000);
  });
});
