// Socket handshake authentication: the same credentials and principals as REST (fleet API keys, signed tokens).
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { parseApiKey, verifyApiKeySecret } from '../plugins/api-keys.js';
import { principalOfClaims } from '../plugins/auth-tokens.js';
import type { Principal } from '../plugins/principal.js';

/** The principal behind `credential`, or an ApiError (invalid_credentials / token_expired). */
export async function authenticateSocket(app: FastifyInstance, credential: unknown): Promise<Principal> {
  if (typeof credential !== 'string' || credential.length === 0) throw new ApiError('unauthorized', 'handshake auth.token is required');
  if (credential.startsWith('jt_')) {
    const claims = app.auth.signer.verify(credential);
    if (await app.store.tokens.isRevoked(claims.jti)) throw new ApiError('invalid_credentials', 'the token was revoked');
    return principalOfClaims(claims);
  }
  const parsed = parseApiKey(credential);
  if (!parsed) throw new ApiError('invalid_credentials', 'expected an API key (jk_…) or a token (jt_…)');
  const stored = await app.store.fleets.findKey(parsed.id);
  if (!stored || stored.revoked || !(await verifyApiKeySecret(parsed.secret, stored.salt, stored.hash))) throw new ApiError('invalid_credentials');
  return { role: 'fleet', subjectId: stored.fleetId, marketIds: [], fleetId: stored.fleetId, courierId: null, credentialId: stored.id };
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
