// Credentials on sockets: revocation and expiry reach open sockets (disconnect, and every command checks again),
// wrong handshake secrets share the REST failure budget (no scrypt per guess), the default namespace is closed.
import type { FastifyInstance } from 'fastify';
import { io } from 'socket.io-client';
import { beforeAll, expect, it } from 'vitest';
import { HaversineProvider, solve } from '../../engine/index.js';
import type { BuildAppOptions } from '../../api/app.js';
import { describeEachBackend } from '../api/helpers/backends.js';
import { admin, createCourier, createFleet } from '../api/helpers/fixtures.js';
import { connect, type TestSocket } from '../e2e/helpers/sockets.js';

const LIMIT = 5;

function ask(socket: TestSocket, event: string, payload: unknown): Promise<{ ok: boolean; code?: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 5_000);
    socket.socket.emit(event, payload, (ack: { ok: boolean; code?: string }) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

/** Resolves with the `auth.revoked` code once the server has closed `socket`. */
function droppedBy(socket: TestSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket stayed open')), 5_000);
    let code = '';
    socket.socket.once('auth.revoked', (notice: { code: string }) => (code = notice.code));
    socket.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(`${reason}:${code}`);
    });
  });
}

const handshakeCode = (baseUrl: string, ns: '/dispatch' | '/courier', token: string) =>
  connect(baseUrl, ns, { token }).then((s) => (s.close(), 'connected'), (error: { code?: string }) => String(error.code));

describeEachBackend('credentials on open sockets', (ctx) => {
  let app: FastifyInstance;
  let baseUrl: string;
  /** The same but with no sweep within a test's time: only the per-command check can catch the credential. */
  let unswept: FastifyInstance;
  let unsweptUrl: string;
  const options: Omit<BuildAppOptions, 'db'> = {
    authCacheTtlMs: 0,
    rateLimit: { authFailuresPerMinute: LIMIT },
    realtime: { credentialSweepMs: 200 },
    dispatch: { routing: new HaversineProvider(), solve: (problem, opts) => solve(problem, { ...opts, timeLimitMs: undefined, maxIterations: 50 }) },
  };
  beforeAll(async () => {
    app = await ctx.buildApp(options);
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    unswept = await ctx.buildApp({ ...options, realtime: { credentialSweepMs: 3_600_000 } });
    unsweptUrl = await unswept.listen({ host: '127.0.0.1', port: 0 });
  });

  async function courierToken(ttlS = 3600): Promise<{ id: string; token: string; expiresAtMs?: number }> {
    const { fleet, headers } = await createFleet(app);
    const courier = await createCourier(app, headers);
    if (ttlS < 60) {
      const issued = await app.auth.issueToken({ role: 'courier', subjectId: courier.id, courierId: courier.id, fleetId: fleet.id, ttlS }, null);
      return { id: issued.claims.jti, token: issued.token, expiresAtMs: issued.claims.exp * 1000 };
    }
    const res = await app.inject({ method: 'POST', url: '/v1/tokens', headers: await admin(app), payload: { role: 'courier', courier_id: courier.id, ttl_s: ttlS } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const position = { lon: 106.8, lat: -6.2 };

  it('DELETE /v1/tokens/{id} disconnects the open courier socket; a new handshake is refused', async () => {
    const { id, token } = await courierToken();
    const socket = await connect(baseUrl, '/courier', { token });
    await socket.ready;
    expect(await ask(socket, 'courier.position', position)).toMatchObject({ ok: true });
    const dropped = droppedBy(socket);
    const res = await app.inject({ method: 'DELETE', url: `/v1/tokens/${id}`, headers: await admin(app) });
    expect(res.statusCode).toBe(204);
    expect(await dropped).toBe('io server disconnect:invalid_credentials');
    expect(await handshakeCode(baseUrl, '/courier', token)).toBe('invalid_credentials');
  });

  it('a revocation written by another node refuses the next command (offer.accept too) and closes the socket', async () => {
    const { id, token } = await courierToken();
    const socket = await connect(unsweptUrl, '/courier', { token });
    await socket.ready;
    await app.db.query('UPDATE tokens SET revoked_at = now() WHERE id = $1', [id]);
    const dropped = droppedBy(socket);
    expect(await ask(socket, 'offer.accept', { offerId: 'off_00000000000000000000000000' })).toMatchObject({ ok: false, code: 'invalid_credentials' });
    expect(await dropped).toMatch(/^io server disconnect/);
  });

  it('an expired token gets token_expired on its next command', async () => {
    // A few seconds of life (expiry is in whole seconds), so a slow handshake on a busy machine still gets in first.
    const { token, expiresAtMs } = await courierToken(3);
    const socket = await connect(unsweptUrl, '/courier', { token });
    await socket.ready;
    const dropped = droppedBy(socket);
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAtMs! - Date.now()) + 100));
    expect(await ask(socket, 'courier.position', position)).toMatchObject({ ok: false, code: 'token_expired' });
    expect(await dropped).toBe('io server disconnect:token_expired');
  });

  it('a dispatcher stream whose token is revoked elsewhere is closed by the sweep', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/tokens', headers: await admin(app), payload: { role: 'dispatcher' } });
    const { id, token } = res.json();
    const socket = await connect(baseUrl, '/dispatch', { token });
    await socket.ready;
    const dropped = droppedBy(socket);
    await app.db.query('UPDATE tokens SET revoked_at = now() WHERE id = $1', [id]);
    expect(await dropped).toBe('io server disconnect:invalid_credentials');
  });

  it('wrong handshake secrets spend the address budget: then rate_limited without scrypt, while a valid token still connects', async () => {
    const { key } = await createFleet(app);
    const before = app.auth.keyHashChecks();
    const codes: string[] = [];
    for (let i = 0; i < LIMIT + 5; i++) codes.push(await handshakeCode(baseUrl, '/dispatch', `${key.slice(0, -6)}${String(i).padStart(6, '0')}`));
    expect(codes.slice(0, LIMIT)).toEqual(Array(LIMIT).fill('invalid_credentials'));
    expect(codes.slice(LIMIT)).toEqual(Array(5).fill('rate_limited'));
    expect(app.auth.keyHashChecks() - before).toBe(LIMIT);
    const adminToken = (await admin(app)).authorization.slice('Bearer '.length);
    expect(await handshakeCode(baseUrl, '/dispatch', adminToken)).toBe('connected');
  });

  it('the default namespace refuses every connection', async () => {
    const adminToken = (await admin(app)).authorization.slice('Bearer '.length);
    const code = await new Promise<string>((resolve) => {
      const socket = io(baseUrl, { auth: { token: adminToken }, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.once('connect', () => (socket.disconnect(), resolve('connected')));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => (socket.disconnect(), resolve(String(error.data?.code))));
    });
    expect(code).toBe('not_found');
  });
});
