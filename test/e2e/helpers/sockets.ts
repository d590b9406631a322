// Socket.IO client helpers for the end-to-end tests: connect with a credential, collect envelopes, wait for one.
import { io, type Socket } from 'socket.io-client';
import type { RealtimeEnvelope, RealtimeReady } from '../../../api/schemas/realtime.js';

export interface TestSocket {
  readonly socket: Socket;
  /** Every envelope received, in arrival order. */
  readonly received: RealtimeEnvelope[];
  /** Resolves with the first envelope (already received or future) that matches. */
  waitFor(match: (e: RealtimeEnvelope) => boolean, timeoutMs?: number): Promise<RealtimeEnvelope>;
  readonly ready: Promise<RealtimeReady>;
  close(): void;
}

/** Connects to `namespace` on `baseUrl`; rejects with the server's `{ code, message }` when the handshake fails. */
export function connect(baseUrl: string, namespace: '/dispatch' | '/courier', auth: Record<string, unknown>): Promise<TestSocket> {
  const socket = io(`${baseUrl}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  const received: RealtimeEnvelope[] = [];
  const waiters: { match: (e: RealtimeEnvelope) => boolean; resolve: (e: RealtimeEnvelope) => void }[] = [];
  socket.onAny((event: string, payload: RealtimeEnvelope) => {
    if (event === 'ready' || typeof payload?.seq !== 'number') return;
    received.push(payload);
    for (const w of [...waiters]) if (w.match(payload)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(payload);
    }
  });
  const ready = new Promise<RealtimeReady>((resolve) => socket.once('ready', resolve));
  const client: TestSocket = {
    socket, received, ready,
    waitFor(match, timeoutMs = 10_000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${received.map((e) => e.type).join(', ')}`)), timeoutMs);
        waiters.push({ match, resolve: (e) => { clearTimeout(timer); resolve(e); } });
      });
    },
    close: () => { socket.disconnect(); },
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error: Error & { data?: { code: string } }) => reject(Object.assign(error, { code: error.data?.code })));
  });
}
