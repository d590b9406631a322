// Socket.IO connection to a gateway namespace: handshake with the bearer token and the last applied sequence, so a
// reconnecting client is sent what it missed; it keeps trying on its own, also after the server refused a handshake.
import { io, type Socket } from 'socket.io-client';
import type { RealtimeReady } from '../../../api/schemas/realtime.js';
import type { Envelope } from './event-adapter.js';

export interface RealtimeOptions {
  namespace: '/dispatch' | '/courier';
  token: () => string;
  /** Sequence of the last event applied; undefined = live only (no replay), e.g. right after a REST snapshot. */
  lastSeq: () => number | undefined;
  onEvent: (event: string, envelope: Envelope) => void;
  /** The gateway's `ready` (after any replay): where the event log stands. */
  onReady?: (ready: RealtimeReady) => void;
  onStatus: (connected: boolean, reason?: string) => void;
  /** Markets to watch (dispatcher namespace). */
  markets?: () => string[];
}

/** Delay before the n-th retry after a refused handshake: 1 s doubling to 15 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.min(attempt, 4));
}

export function connectRealtime(options: RealtimeOptions): Socket {
  const socket = io(options.namespace, {
    transports: ['websocket'],
    auth: (cb) => {
      const lastSeq = options.lastSeq();
      const marketIds = options.markets?.() ?? [];
      cb({ token: options.token(), ...(lastSeq !== undefined ? { lastSeq } : {}), ...(marketIds.length > 0 ? { marketIds } : {}) });
    },
    reconnectionDelay: 300,
    reconnectionDelayMax: 2000,
  });
  let refused = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => { refused = 0; options.onStatus(true); });
  socket.on('disconnect', (reason) => {
    options.onStatus(false, reason);
    // The server closing the socket (a restart, a revoked market) is not retried by socket.io itself.
    if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), retryDelayMs(refused++));
  });
  socket.on('connect_error', (error) => {
    options.onStatus(false, error.message);
    // socket.io retries transport failures itself (`active`), but not a handshake the server refused (a server still
    // starting, a demo still seeding): ask again with a fresh token and sequence after a back-off.
    if (!socket.active) {
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), retryDelayMs(refused++));
    }
  });
  socket.on('ready', (ready: RealtimeReady) => options.onReady?.(ready));
  socket.onAny((event: string, envelope: unknown) => {
    if (event !== 'ready' && envelope && typeof envelope === 'object' && typeof (envelope as Envelope).seq === 'number') options.onEvent(event, envelope as Envelope);
  });
  return socket;
}
