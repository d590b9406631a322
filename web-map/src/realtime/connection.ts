// Socket.IO connection to a gateway namespace: handshake with the bearer token and the last applied sequence, so a
// reconnecting client is sent what it missed.
import { io, type Socket } from 'socket.io-client';

export interface RealtimeOptions {
  namespace: '/dispatch' | '/courier';
  token: () => string;
  /** Sequence of the last event applied (0 = none). */
  lastSeq: () => number;
  onEvent: (event: string, payload: Record<string, unknown>) => void;
  onStatus: (connected: boolean, reason?: string) => void;
  /** Markets to watch (dispatcher namespace). */
  markets?: () => string[];
}

export function connectRealtime(options: RealtimeOptions): Socket {
  const socket = io(options.namespace, {
    transports: ['websocket'],
    auth: (cb) => cb({ token: options.token(), lastSeq: options.lastSeq(), last_seq: options.lastSeq(), ...(options.markets ? { markets: options.markets() } : {}) }),
    reconnectionDelay: 300,
    reconnectionDelayMax: 2000,
  });
  socket.on('connect', () => options.onStatus(true));
  socket.on('disconnect', (reason) => options.onStatus(false, reason));
  socket.on('connect_error', (error) => options.onStatus(false, error.message));
  socket.onAny((event: string, payload: unknown) => {
    if (payload && typeof payload === 'object') options.onEvent(event, payload as Record<string, unknown>);
  });
  return socket;
}
