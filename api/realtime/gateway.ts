// Socket.IO gateway: `/dispatch` (a room per market, a room per fleet) and `/courier` (a room per courier), handshake
// auth with the REST credentials and scopes, replay from the event log on reconnect (`auth.lastSeq`), live events
// from the committed-event hub, ephemeral position and KPI streams (throttled), and courier commands with acks.
import type { FastifyInstance } from 'fastify';
import { Server, type Namespace, type Socket } from 'socket.io';
import { ApiError } from '../errors.js';
import { globalPlugin } from '../plugins/global-plugin.js';
import type { Principal } from '../auth/principal.js';
import type { RealtimeAck, RealtimeEnvelope, RealtimeReady } from '../schemas/realtime.js';
import type { EventRecord } from '../store/events-store.js';
import { courierRoom, courierRooms, dispatchRooms, fleetRoom, marketRoom, toEnvelope } from './envelope.js';
import { firstForbidden } from '../plugins/input-guard.js';
import { guardCommand } from './command-guard.js';
import { originGuard } from './origin-check.js';
import { authenticateSocket, socketError, visibleMarkets } from './socket-auth.js';
import { recheckSocket, watchCredentials } from './credential-watch.js';
import { proxyTrust } from '../auth/client-address.js';
import { replayTo } from './replay.js';
import { deliver, streamOf } from './socket-stream.js';
import { registerPlannerNamespace } from './planner-namespace.js';

export interface EphemeralEvent {
  readonly type: string;
  readonly marketId: string | null;
  readonly courierId: string | null;
  readonly payload: Record<string, unknown>;
}

/** A courier command handler: gets the socket's principal and the payload, returns the ack data or throws ApiError. */
export type CourierCommand = (principal: Principal, payload: unknown) => Promise<unknown>;

export interface RealtimeGateway {
  readonly io: Server;
  /** Streams an event that is not logged (positions are throttled per courier). */
  publishEphemeral(event: EphemeralEvent): void;
  /** Registers a command couriers may send on `/courier` (e.g. `offer.accept`). */
  handleCourierCommand(name: string, handler: CourierCommand): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: RealtimeGateway;
  }
}

export interface RealtimePluginOptions extends Record<string, unknown> {
  /** At most one `courier.position` per courier per this many ms (default 1000). */
  readonly positionThrottleMs?: number;
  /** Events replayed per page (default 500). */
  readonly replayPageSize?: number;
  /** Browser origins allowed besides the server's own host (the REST CORS list). */
  readonly corsOrigins?: readonly string[];
  /** Addresses of reverse proxies whose X-Forwarded-For names the client (default: none). */
  readonly trustedProxies?: readonly string[];
  /** Every open socket's credential is checked again this often (ms, default 10 000): expiry and remote revocations. */
  readonly credentialSweepMs?: number;
}

interface Principled {
  principal: Principal;
  marketIds: string[];
}

export default globalPlugin<RealtimePluginOptions>('jejaring-realtime', async (app: FastifyInstance, options) => {
  const throttleMs = options.positionThrottleMs ?? 1000;
  const pageSize = options.replayPageSize ?? 500;
  const io = new Server(app.server, { serveClient: false, cors: { origin: false }, allowRequest: originGuard(options.corsOrigins ?? []) });
  const dispatchNs = io.of('/dispatch');
  const courierNs = io.of('/courier');
  const trust = proxyTrust(options.trustedProxies ?? []);
  // The default namespace serves nothing: refuse it rather than hold anonymous connections.
  io.of('/').use((_socket, next) => next(socketError(new ApiError('not_found', 'connect to /dispatch, /courier or /planner'))));
  const stopPlanner = registerPlannerNamespace(app, io, trust);
  const stopWatching = watchCredentials(app, [dispatchNs, courierNs, io.of('/planner')], options.credentialSweepMs ?? 10_000);
  const commands = new Map<string, CourierCommand>();
  let latestSeq = 0;

  const deliverTo = (ns: Namespace, rooms: string[], envelope: RealtimeEnvelope): void => {
    for (const room of rooms) {
      for (const id of ns.adapter.rooms.get(room) ?? []) {
        const socket = ns.sockets.get(id);
        if (socket) deliver(socket, envelope);
      }
    }
  };
  const unsubscribe = app.events.subscribe((records: readonly EventRecord[]) => {
    for (const record of records) {
      latestSeq = Math.max(latestSeq, record.seq);
      const envelope = toEnvelope(record, false);
      deliverTo(dispatchNs, dispatchRooms(record), envelope);
      deliverTo(courierNs, courierRooms(record), envelope);
    }
  });

  const emitEphemeral = (event: EphemeralEvent): void => {
    const envelope: RealtimeEnvelope = { seq: latestSeq, type: event.type, marketId: event.marketId, courierId: event.courierId, orderId: null, at: new Date().toISOString(), replay: false, payload: event.payload };
    if (event.marketId) dispatchNs.to(marketRoom(event.marketId)).emit(event.type, envelope);
    if (event.courierId) courierNs.to(courierRoom(event.courierId)).emit(event.type, envelope);
  };
  const lastPositionMs = new Map<string, number>(); // courier id → when its last position went out (ms)
  const heldPositions = new Map<string, EphemeralEvent>(); // courier id → newest position not yet sent
  const flushTimer = setInterval(() => {
    const nowMs = Date.now();
    for (const [courierId, event] of heldPositions) {
      if (nowMs - (lastPositionMs.get(courierId) ?? 0) < throttleMs) continue;
      heldPositions.delete(courierId);
      lastPositionMs.set(courierId, nowMs);
      emitEphemeral(event);
    }
  }, Math.max(50, Math.floor(throttleMs / 2)));
  flushTimer.unref();

  const gateway: RealtimeGateway = {
    io,
    publishEphemeral(event) {
      if (event.type !== 'courier.position' || !event.courierId) return emitEphemeral(event);
      const nowMs = Date.now();
      if (nowMs - (lastPositionMs.get(event.courierId) ?? 0) >= throttleMs && !heldPositions.has(event.courierId)) {
        lastPositionMs.set(event.courierId, nowMs);
        emitEphemeral(event);
      } else {
        heldPositions.set(event.courierId, event);
      }
    },
    handleCourierCommand(name, handler) {
      commands.set(name, guardCommand(name, handler, app.log));
    },
  };
  app.decorate('realtime', gateway);

  function ready(socket: Socket, state: Principled, replayed: number): void {
    const p = state.principal;
    const payload: RealtimeReady = { role: p.role, marketIds: state.marketIds, courierId: p.courierId, fleetId: p.fleetId, replayed, lastSeq: streamOf(socket).lastSentSeq };
    socket.emit('ready', payload);
  }

  const lastSeqOf = (socket: Socket): number | undefined => {
    const raw = (socket.handshake.auth as { lastSeq?: unknown }).lastSeq;
    return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : undefined;
  };

  // Handshake payloads pass the same value guard as REST bodies (a NUL or lone surrogate in marketIds broke replay).
  const handshakeGuard = (socket: Socket, next: (err?: Error) => void): void => {
    const bad = firstForbidden(socket.handshake.auth, '/auth');
    next(bad ? socketError(new ApiError('validation_failed', `the handshake value at ${bad} is not acceptable`)) : undefined);
  };
  dispatchNs.use(handshakeGuard);
  courierNs.use(handshakeGuard);
  dispatchNs.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown; marketIds?: unknown };
    authenticateSocket(app, socket, trust)
      .then(async (principal) => {
        if (principal.role === 'courier') throw new ApiError('forbidden', 'couriers use the /courier namespace');
        const requested = Array.isArray(auth.marketIds) ? auth.marketIds.filter((m): m is string => typeof m === 'string') : undefined;
        const marketIds = principal.role === 'fleet' ? [] : await visibleMarkets(app, principal, requested);
        socket.data.principled = { principal, marketIds } satisfies Principled;
        next();
      })
      .catch((error: unknown) => next(socketError(error)));
  });
  dispatchNs.on('connection', (socket) => {
    const state = socket.data.principled as Principled;
    const rooms = state.marketIds.map(marketRoom);
    if (state.principal.fleetId && state.principal.role === 'fleet') rooms.push(fleetRoom(state.principal.fleetId));
    streamOf(socket).replaying = true;
    void socket.join(rooms);
    const filter = state.principal.role === 'fleet' ? { fleetId: state.principal.fleetId! } : { marketIds: state.marketIds };
    replayTo(app, socket, lastSeqOf(socket), filter, pageSize)
      .then((count) => {
        latestSeq = Math.max(latestSeq, streamOf(socket).lastSentSeq);
        ready(socket, state, count);
      })
      .catch((error: unknown) => socket.emit('error.replay', { code: 'internal', message: String(error) }));
  });

  courierNs.use((socket, next) => {
    authenticateSocket(app, socket, trust)
      .then((principal) => {
        if (principal.role !== 'courier' || !principal.courierId) throw new ApiError('forbidden', 'the /courier namespace is for courier tokens');
        socket.data.principled = { principal, marketIds: [] } satisfies Principled;
        next();
      })
      .catch((error: unknown) => next(socketError(error)));
  });
  courierNs.on('connection', (socket) => {
    const state = socket.data.principled as Principled;
    streamOf(socket).replaying = true;
    void socket.join(courierRoom(state.principal.courierId!));
    for (const [name, handler] of commands) {
      socket.on(name, (payload: unknown, ack?: (answer: RealtimeAck) => void) => {
        recheckSocket(app, socket)
          .then(() => handler(state.principal, payload))
          .then((data) => ack?.({ ok: true, data }))
          .catch((error: unknown) => {
            const code = error instanceof ApiError ? error.code : ((error as { code?: string })?.code ?? 'internal');
            ack?.({ ok: false, code, message: error instanceof Error ? error.message : String(error) });
          });
      });
    }
    replayTo(app, socket, lastSeqOf(socket), { courierId: state.principal.courierId! }, pageSize)
      .then((count) => {
        latestSeq = Math.max(latestSeq, streamOf(socket).lastSentSeq);
        ready(socket, state, count);
      })
      .catch((error: unknown) => socket.emit('error.replay', { code: 'internal', message: String(error) }));
  });

  app.addHook('preClose', async () => {
    clearInterval(flushTimer);
    unsubscribe();
    stopPlanner();
    stopWatching();
    io.disconnectSockets(true);
  });
  app.addHook('onClose', async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
});
