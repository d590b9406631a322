import { describe, expect, it } from 'vitest';
import { marketToWorkFor, type MarketLoad } from '../../../engine/index.js';

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
