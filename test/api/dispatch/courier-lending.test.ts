import { describe, expect, it } from 'vitest';
import { lendIdleCouriers } from '../../../api/dispatch/courier-lending.js';
import { MarketDispatcher, type DispatchCommand, type DispatchCourier, type DispatchOrder } from '../../../engine/index.js';

const SENEN = { lon: 106.8442, lat: -6.1737 };
const KRAMAT = { lon: 106.8530, lat: -6.1860 }; // 1.7 km away

function host(nowMs: () => number) {
  const markets = new Map([SENEN, KRAMAT].map((at, i) => {
    const id = i === 0 ? 'senen' : 'kramat';
    return [id, { dispatcher: new MarketDispatcher({ marketId: id, ...at, now: nowMs, config: { planOnIdleCourier: false } }) }] as const;
  }));
  const commands: string[] = [];
  return {
    markets, commands,
    courierMarket: new Map<string, string>(),
    courierHome: new Map([['c1', 'senen'], ['c2', 'senen']]),
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

describe('lending idle couriers between the markets of a node', () => {
  it('moves an idle courier of a quiet market into a nearby market whose order has waited with nobody free, then back', async () => {
    let nowMs = Date.UTC(2026, 0, 5, 1);
    const h = host(() => nowMs);
    const senen = h.markets.get('senen')!;
    const kramat = h.markets.get('kramat')!;
    for (const id of ['c1', 'c2']) await h.command(senen, { type: 'courierAvailable', courier: courier(id), position: { ...SENEN, atMs: nowMs } });
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
});
