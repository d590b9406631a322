// Socket handshake authentication: the same credentials, principals and failed-authentication budgets as REST
// (fleet API keys, signed tokens), with the client address resolved behind trusted proxies.
import type { FastifyInstance } from 'fastify';
import type { Socket } from 'socket.io';
import { ApiError } from '../errors.js';
import { clientAddressOf, type ProxyTrust } from '../auth/client-address.js';
import type { Principal } from '../auth/principal.js';

/** What an authenticated socket keeps: the credential text (checked again on commands and sweeps) and its principal. */
export interface SocketCredential {
  readonly credential: string;
  readonly principal: Principal;
}

/** The principal behind the handshake's `auth.token`, or an ApiError (invalid_credentials / token_expired / rate_limited). */
export async function authenticateSocket(app: FastifyInstance, socket: Socket, trust: ProxyTrust): Promise<Principal> {
  const credential = (socket.handshake.auth as { token?: unknown }).token;
  if (typeof credential !== 'string' || credential.length === 0) throw new ApiError('unauthorized', 'handshake auth.token is required');
  const principal = await app.auth.authenticate(credential, clientAddressOf(socket.request, trust));
  socket.data.credential = { credential, principal } satisfies SocketCredential;
  return principal;
}

/** A Socket.IO middleware error carrying the API's stable code (`err.data.code` on the client). */
export function socketError(error: unknown): Error & { data: { code: string; message: string } } {
  const code = error instanceof ApiError ? error.code : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(message), { data: { code, message } });
}

/** Markets a dispatcher-namespace socket watches: the requested ones it may see, else all it may see (admins: all). */
export async function visibleMarkets(app: FastifyInstance, principal: Principal, requested: readonly string[] | undefined): Promise<string[]> {
  if (principal.role === 'admin') {
    if (requested && requested.length > 0) return [...new Set(requested)];
    return (await app.db.query<{ id: string }>('SELECT id FROM markets ORDER BY id')).rows.map((r) => r.id);
  }
  if (principal.role !== 'dispatcher' && principal.role !== 'planner') return [];
  const own = principal.marketIds;
  const chosen = requested && requested.length > 0 ? requested.filter((id) => own.includes(id)) : [...own];
  if (requested && requested.length > 0 && chosen.length === 0) throw new ApiError('not_found', 'none of the requested markets is visible to this credential');
  return chosen;
}
