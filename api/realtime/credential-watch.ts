// Revocation and expiry reach open sockets: a socket whose credential is revoked on this node is disconnected at
// once, every socket's credential is checked again each sweep (expiry, and revocations made on other nodes once
// the auth cache lets them through), and a courier command first checks its socket's credential.
import type { FastifyInstance } from 'fastify';
import type { Namespace, Socket } from 'socket.io';
import { ApiError } from '../errors.js';
import type { SocketCredential } from './socket-auth.js';

/** Tells the client why, then closes the socket. */
function drop(socket: Socket, error: unknown): void {
  const code = error instanceof ApiError ? error.code : 'invalid_credentials';
  socket.emit('auth.revoked', { code, message: error instanceof Error ? error.message : String(error) });
  socket.disconnect(true);
}

const credentialOf = (socket: Socket): SocketCredential | undefined => socket.data.credential as SocketCredential | undefined;

/** Checks `socket`'s credential again; a revoked or expired one disconnects the socket and throws its 401. */
export async function recheckSocket(app: FastifyInstance, socket: Socket): Promise<void> {
  const held = credentialOf(socket);
  if (!held) throw new ApiError('unauthorized');
  try {
    await app.auth.recheck(held.credential);
  } catch (error) {
    // Closed after the refusal is acknowledged; a database hiccup (not a 401) keeps the socket.
    if (error instanceof ApiError && error.status === 401) setImmediate(() => drop(socket, error));
    throw error;
  }
}

/** Watches the sockets of `namespaces`; returns the cleanup to call before the server closes. */
export function watchCredentials(app: FastifyInstance, namespaces: readonly Namespace[], sweepMs: number): () => void {
  const stopListening = app.auth.onRevoked((credentialId) => {
    for (const ns of namespaces) {
      for (const socket of ns.sockets.values()) {
        if (credentialOf(socket)?.principal.credentialId === credentialId) drop(socket, new ApiError('invalid_credentials', 'the credential was revoked'));
      }
    }
  });
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    const sockets = namespaces.flatMap((ns) => [...ns.sockets.values()]);
    void Promise.allSettled(sockets.map((socket) => recheckSocket(app, socket))).finally(() => (sweeping = false));
  }, sweepMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    stopListening();
  };
}
