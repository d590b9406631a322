// Socket.IO connection to a gateway namespace: handshake with the bearer token and the last applied sequence, so a
// reconnecting client is sent what it missed.
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
  socket.on('connect', () => options.onStatus(true));
  socket.on('disconnect', (reason) => options.onStatus(false, reason));
  socket.on('connect_error', (error) => options.onStatus(false, error.message));
  socket.on('ready', (ready: RealtimeReady) => options.onReady?.(ready));
  socket.onAny((event: string, envelope: unknown) => {
    if (event !== 'ready' && envelope && typeof envelope === 'object' && typeof (envelope as Envelope).seq === 'number') options.onEvent(event, envelope as Envelope);
  });
  return socket;
}
