// Authentication and role gate: API keys (fleets) and signed bearer tokens (everyone else) → request.principal.
// Every /v1 route must declare `config: { roles: [...] }` or `config: { public: true }`; the app refuses to start otherwise.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { parseApiKey, verifyApiKeySecret } from '../auth/api-keys.js';
import { FailureBudget } from '../auth/auth-failures.js';
import { principalOfClaims, TokenSigner, type TokenClaims, type TokenRequest } from '../auth/auth-tokens.js';
import { globalPlugin } from './global-plugin.js';
import type { Principal, Role } from '../auth/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; null on public routes called without credentials. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Roles allowed to call the route. */
    roles?: readonly Role[];
    /** The route needs no credentials. */
    public?: boolean;
  }
  interface FastifyInstance {
    auth: AuthService;
  }
}

export interface AuthService {
  readonly signer: TokenSigner;
  /** Issues a token and records it (so it can be revoked); `issuedBy` is the issuer's credential id. */
  issueToken(request: TokenRequest, issuedBy: string | null): Promise<{ token: string; claims: TokenClaims }>;
  /**
   * Verifies a credential offered by `clientAddress` (REST requests and socket handshakes) under the failure budgets:
   * 401 for a bad credential, 429 when its address or key id has failed too often (good credentials still pass).
   */
  authenticate(credential: string, clientAddress: string): Promise<Principal>;
  /** Verifies again a credential that already passed (open sockets): revoked or expired ones throw 401. */
  recheck(credential: string): Promise<Principal>;
  /** Drops cached verdicts after a key or token was revoked, and tells the `onRevoked` listeners. */
  forget(credentialId: string): void;
  /** Calls `listener` with each credential id revoked on this node; returns the unsubscribe. */
  onRevoked(listener: (credentialId: string) => void): () => void;
  /** Drops every cached verdict and failure count (tests that wipe the database). */
  forgetAll(): void;
  /** scrypt checks of API key secrets run so far (proven secrets and refused guesses skip it). */
  readonly keyHashChecks: () => number;
}

export interface AuthPluginOptions extends Record<string, unknown> {
  readonly secret: string;
  /** How long a verified credential is trusted without asking the database again (ms). */
  readonly cacheTtlMs?: number;
  /** Failed authentications allowed per client address, and per API key id, each minute (default 60). */
  readonly maxFailuresPerMinute?: number;
}

/** The principal of `request`, or a 401 (for handlers on routes that always need one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError('unauthorized');
  return request.principal;
}

/** The credential in `Authorization: Bearer …` (a key or a token) or `X-Api-Key` (API keys only), if any. */
function credentialOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new ApiError('invalid_credentials', 'the Authorization header must be `Bearer <key or token>`');
    return match[1];
  }
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey !== 'string' || apiKey.length === 0) return null;
  if (!apiKey.startsWith('jk_')) throw new ApiError('invalid_credentials', 'X-Api-Key carries fleet API keys (jk_…); send tokens as `Authorization: Bearer`');
  return apiKey;
}

const rateLimited = (detail: string, retryAfterS: number) =>
  new ApiError('rate_limited', detail, undefined, undefined, { 'retry-after': String(retryAfterS) });

export default globalPlugin<AuthPluginOptions>('jejaring-auth', async (app: FastifyInstance, options) => {
  const signer = new TokenSigner(options.secret);
  const ttlMs = options.cacheTtlMs ?? 30_000;
  const maxFailures = options.maxFailuresPerMinute ?? 60;
  const byAddress = new FailureBudget(maxFailures);
  const byKeyId = new FailureBudget(maxFailures);
  const revokedListeners = new Set<(credentialId: string) => void>();
  let keyHashChecks = 0;
  /** Verified tokens by their full text, and refused keys by theirs, with the time the verdict expires (ms). */
  const cache = new Map<string, { principal: Principal | null; untilMs: number; credentialId: string }>();

  function remember(credential: string, principal: Principal | null, credentialId: string): void {
    if (cache.size > 10_000) cache.clear();
    cache.set(credential, { principal, untilMs: Date.now() + ttlMs, credentialId });
  }

  /**
   * API key secrets proven by scrypt on this node, by key id: SHA-256 of the secret (compared in constant time) and
   * the principal. A key's hash never changes, so a proof stays good; only its revocation is asked again after the TTL.
   */
  const provenKeys = new Map<string, { secretSha: Buffer; principal: Principal; checkedUntilMs: number }>();
  const sha256 = (secret: string): Buffer => createHash('sha256').update(secret).digest();

  /** `budgetSpent` is the retry-after of a spent address budget: unproven secrets are then refused before scrypt. */
  async function authenticateKey(key: string, clientAddress: string, budgetSpent: number | null): Promise<Principal> {
    const parsed = parseApiKey(key);
    if (!parsed) throw new ApiError('invalid_credentials');
    const proven = provenKeys.get(parsed.id);
    if (proven && timingSafeEqual(proven.secretSha, sha256(parsed.secret))) {
      if (proven.checkedUntilMs > Date.now()) return proven.principal;
      const stored = await app.store.fleets.findKey(parsed.id);
      if (!stored || stored.revoked) {
        provenKeys.delete(parsed.id);
        throw new ApiError('invalid_credentials', 'the API key was revoked');
      }
      proven.checkedUntilMs = Date.now() + ttlMs;
      return proven.principal;
    }
    // A key id under attack: addresses that have failed this minute get no more scrypt checks on it; a clean address
    // (the fleet's own server, most likely) still gets one, so guessing is bounded by addresses, not by requests.
    const keySpent = byKeyId.retryAfterS(parsed.id);
    if (keySpent !== null && byAddress.hasFailed(clientAddress)) throw rateLimited('too many failed authentications with this key id', keySpent);
    if (budgetSpent !== null) throw rateLimited('too many failed authentications from this address', budgetSpent);
    const stored = await app.store.fleets.findKey(parsed.id);
    let valid = false;
    if (stored !== null && !stored.revoked) {
      keyHashChecks += 1;
      valid = await verifyApiKeySecret(parsed.secret, stored.salt, stored.hash);
    }
    if (!valid) {
      if (stored !== null) byKeyId.record(parsed.id);
      remember(key, null, parsed.id); // a wrong key asked again within the TTL is refused without scrypt
      throw new ApiError('invalid_credentials');
    }
    const principal: Principal = { role: 'fleet', subjectId: stored!.fleetId, marketIds: [], fleetId: stored!.fleetId, courierId: null, credentialId: stored!.id };
    if (provenKeys.size > 10_000) provenKeys.clear();
    provenKeys.set(parsed.id, { secretSha: sha256(parsed.secret), principal, checkedUntilMs: Date.now() + ttlMs });
    return principal;
  }

  async function authenticateToken(token: string): Promise<Principal> {
    const claims = signer.verify(token);
    const revoked = await app.store.tokens.isRevoked(claims.jti);
    remember(token, revoked ? null : principalOfClaims(claims), claims.jti);
    if (revoked) throw new ApiError('invalid_credentials', 'the token was revoked');
    return principalOfClaims(claims);
  }

  async function verify(credential: string, clientAddress: string, budgetSpent: number | null): Promise<Principal> {
    const cached = cache.get(credential);
    if (cached && cached.untilMs > Date.now()) {
      if (!cached.principal) throw new ApiError('invalid_credentials');
      if (credential.startsWith('jt_')) signer.verify(credential); // expiry still applies within the cache window
      return cached.principal;
    }
    if (credential.startsWith('jk_')) return authenticateKey(credential, clientAddress, budgetSpent);
    if (credential.startsWith('jt_')) return authenticateToken(credential);
    throw new ApiError('invalid_credentials', 'expected an API key (jk_…) or a token (jt_…)');
  }

  async function authenticate(credential: string, clientAddress: string): Promise<Principal> {
    const spent = byAddress.retryAfterS(clientAddress);
    try {
      return await verify(credential, clientAddress, spent);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      byAddress.record(clientAddress);
      // A failure from an address over its budget says 429, so guessing gains nothing by ignoring Retry-After.
      if (spent !== null) throw rateLimited('too many failed authentications from this address', spent);
      throw error;
    }
  }

  const service: AuthService = {
    signer,
    async issueToken(request, issuedBy) {
      const issued = signer.issue(request);
      await app.store.tokens.record(issued.claims, issuedBy);
      return issued;
    },
    authenticate,
    recheck: (credential) => verify(credential, '', null),
    forget(credentialId) {
      for (const [credential, entry] of cache) if (entry.credentialId === credentialId) cache.delete(credential);
      provenKeys.delete(credentialId);
      for (const listener of revokedListeners) listener(credentialId);
    },
    onRevoked(listener) {
      revokedListeners.add(listener);
      return () => revokedListeners.delete(listener);
    },
    forgetAll() {
      cache.clear();
      provenKeys.clear();
      byAddress.clear();
      byKeyId.clear();
    },
    keyHashChecks: () => keyHashChecks,
  };
  app.decorate('auth', service);
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1') || route.method === 'HEAD') return;
    const config = route.config as { roles?: readonly Role[]; public?: boolean } | undefined;
    if (!config?.public && !(config?.roles && config.roles.length > 0)) {
      throw new Error(`route ${String(route.method)} ${route.url} declares neither config.roles nor config.public`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const credential = credentialOf(request);
    const config = request.routeOptions.config ?? {};
    if (credential) request.principal = await authenticate(credential, request.ip);
    const roles = config.roles;
    if (!roles || config.public) return;
    if (!request.principal) throw new ApiError('unauthorized', 'send `Authorization: Bearer <API key or token>`', undefined, undefined, { 'www-authenticate': 'Bearer' });
    if (!roles.includes(request.principal.role)) throw new ApiError('forbidden', `role ${request.principal.role} may not call this route`);
  });
});
