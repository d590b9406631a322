// Property-based fuzzing of the Socket.IO gateway: hostile handshakes are refused with a stable code (never
// `internal`), hostile courier commands are acknowledged with a 4xx-style code and write nothing, unknown events
// are ignored, foreign browser origins are turned away; the server keeps answering throughout.
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestSocket } from '../e2e/helpers/sockets.js';
import { seedMarket, startLiveApp, type LiveApp, type SeededMarket } from '../e2e/helpers/live-app.js';
import { tokenFor } from '../api/helpers/fixtures.js';
import { hostileString, hostileValue } from './helpers/hostile.js';
import { totalRows } from './helpers/routes.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const REFUSALS = new Set(['unauthorized', 'invalid_credentials', 'token_expired', 'forbidden', 'not_found', 'validation_failed', 'rate_limited']);
const POINT = { lon: 106.8453, lat: -6.1745 };

let live: LiveApp;
let market: SeededMarket;

beforeAll(async () => {
  live = await startLiveApp();
  market = await seedMarket(live, 'Pasar Fuzz', POINT, 1);
}, 60_000);
afterAll(async () => {
  await live?.app.close();
});

/** Emits `event` with `payload` and waits for the ack (or 2 s without one). */
function ask(socket: TestSocket, event: string, payload: unknown): Promise<{ ok: boolean; code?: string } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 2_000);
    socket.socket.emit(event, payload, (ack: { ok: boolean; code?: string }) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

describe('Socket.IO fuzz', () => {
  it('hostile handshake credentials and market lists are refused with a stable code, never internal', async () => {
    const adminToken = live.admin.authorization.slice('Bearer '.length);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/dispatch', '/courier') as fc.Arbitrary<'/dispatch' | '/courier'>, hostileValue, fc.oneof(hostileValue, fc.array(hostileString, { maxLength: 3 })), fc.boolean(), async (ns, token, marketIds, realToken) => {
        const auth = { token: realToken ? adminToken : token, marketIds, lastSeq: 0 };
        const outcome: { ok: boolean; replayError?: unknown; code?: string } = await connect(live.baseUrl, ns, auth).then(
          async (socket) => {
            const replayError = await new Promise<unknown>((resolve) => {
              socket.socket.once('error.replay', resolve);
              void socket.ready.then(() => resolve(null));
              setTimeout(() => resolve('no ready within 5 s'), 5_000);
            });
            socket.close();
            return { ok: true, replayError };
          },
          (error: { code?: string }) => ({ ok: false, code: error.code }),
        );
        if (outcome.ok) expect(outcome.replayError, JSON.stringify(auth).slice(0, 200)).toBeNull();
        else expect(REFUSALS.has(String(outcome.code)), `${ns} ${JSON.stringify(auth).slice(0, 200)} → ${outcome.code}`).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 120_000);

  it('hostile courier commands are acknowledged with a refusal code and write nothing', async () => {
    const courier = await connect(live.baseUrl, '/courier', { token: market.couriers[0].token });
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('offer.accept', 'offer.decline', 'courier.position'), fc.oneof(hostileValue, fc.record({ offerId: hostileString, reason: hostileValue, lon: hostileValue, lat: hostileValue, at: hostileValue })), async (event, payload) => {
          const before = await totalRows(live.app);
          const ack = await ask(courier, event, payload);
          expect(ack, `${event} got no ack`).not.toBeNull();
          if (ack!.ok) return; // a usable position (numbers in strings) is recorded: that is not a refusal
          expect(REFUSALS.has(String(ack!.code)) || ack!.code === 'illegal_transition', `${event} ${JSON.stringify(payload)?.slice(0, 200)} → ${JSON.stringify(ack)}`).toBe(true);
          expect(await totalRows(live.app)).toEqual(before);
        }),
        { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
      );
      // Unknown events and events without an ack callback are ignored; the connection and the server stay up.
      for (const name of ['__proto__', 'constructor', 'admin.drop', 'x'.repeat(5_000)]) courier.socket.emit(name, { a: 1 });
      courier.socket.emit('courier.position', { lon: 'x' });
      const ack = await ask(courier, 'offer.accept', { offerId: 'ofr_nope' });
      expect(ack?.ok).toBe(false);
      expect(courier.socket.connected).toBe(true);
    } finally {
      courier.close();
    }
  }, 120_000);

  it('a browser handshake from a foreign origin is refused; same host and no origin are let in', async () => {
    const token = (await tokenFor(live.app, 'admin')).authorization.slice('Bearer '.length);
    const attempt = (origin: string | undefined) =>
      new Promise<string>((resolve) => {
        const socket = io(`${live.baseUrl}/dispatch`, { auth: { token }, transports: ['polling'], reconnection: false, forceNew: true, extraHeaders: origin ? { origin } : {} });
        socket.once('connect', () => { socket.disconnect(); resolve('connected'); });
        socket.once('connect_error', (error) => { socket.disconnect(); resolve(error.message); });
      });
    expect(await attempt('https://evil.example')).not.toBe('connected');
    expect(await attempt(live.baseUrl)).toBe('connected');
    expect(await attempt(undefined)).toBe('connected');
  }, 30_000);
});
