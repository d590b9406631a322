// Authentication and role gate: API keys (fleets) and signed bearer tokens (everyone else) → request.principal.
// Every /v1 route must declare `config: { roles: [...] }` or `config: { public: true }`; the app refuses to start otherwise.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { parseApiKey, verifyApiKeySecret } from './api-keys.js';
import { principalOfClaims, TokenSigner, type TokenClaims, type TokenRequest } from './auth-tokens.js';
import { globalPlugin } from './global-plugin.js';
import type { Principal, Role } from './principal.js';

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
  /** Drops cached verdicts, e.g. after a key or token was revoked. */
  forget(credentialId: string): void;
  /** Drops every cached verdict (tests that wipe the database). */
  forgetAll(): void;
}

export interface AuthPluginOptions extends Record<string, unknown> {
  readonly secret: string;
  /** How long a verified credential is trusted without asking the database again (ms). */
  readonly cacheTtlMs?: number;
  /** Failed authentications allowed per client IP and minute before it gets 429 (guessing keys is slowed down). */
  readonly maxFailuresPerMinute?: number;
}

/** The principal of `request`, or a 401 (for handlers on routes that always need one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError('unauthorized');
  return request.principal;
}

/** The credential in `Authorization: Bearer …` or `X-Api-Key`, if any. */
function credentialOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new ApiError('invalid_credentials', 'the Authorization header must be `Bearer <key or token>`');
    return match[1];
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey : null;
}

export default globalPlugin<AuthPluginOptions>('jejaring-auth', async (app: FastifyInstance, options) => {
  const signer = new TokenSigner(options.secret);
  const ttlMs = options.cacheTtlMs ?? 30_000;
  /** Verified credentials by their full text (keys) or token id (tokens), with the time the verdict expires (ms). */
  const cache = new Map<string, { principal: Principal | null; untilMs: number; credentialId: string }>();

  function remember(credential: string, principal: Principal | null, credentialId: string): void {
    if (cache.size > 10_000) cache.clear();
    cache.set(credential, { principal, untilMs: Date.now() + ttlMs, credentialId });
  }

  /** Verified API keys by key id: SHA-256 of the secret (compared in constant time) and the principal, so scrypt runs
   * once per key and TTL, and no map is keyed by secret material. */
  const verifiedKeys = new Map<string, { secretSha: Buffer; principal: Principal; untilMs: number }>();
  const sha256 = (secret: string): Buffer => createHash('sha256').update(secret).digest();

  async function authenticateKey(key: string): Promise<Principal> {
    const parsed = parseApiKey(key);
    if (!parsed) throw new ApiError('invalid_credentials');
    const known = verifiedKeys.get(parsed.id);
    if (known && known.untilMs > Date.now() && timingSafeEqual(known.secretSha, sha256(parsed.secret))) return known.principal;
    const stored = await app.store.fleets.findKey(parsed.id);
    const valid = stored !== null && !stored.revoked && (await verifyApiKeySecret(parsed.secret, stored.salt, stored.hash));
    if (!valid) {
      remember(key, null, parsed.id); // a wrong key asked again within the TTL is refused without scrypt
      throw new ApiError('invalid_credentials');
    }
    const principal: Principal = { role: 'fleet', subjectId: stored.fleetId, marketIds: [], fleetId: stored.fleetId, courierId: null, credentialId: stored.id };
    if (verifiedKeys.size > 10_000) verifiedKeys.clear();
    verifiedKeys.set(parsed.id, { secretSha: sha256(parsed.secret), principal, untilMs: Date.now() + ttlMs });
    return principal;
  }

  async function authenticateToken(token: string): Promise<Principal> {
    const claims = signer.verify(token);
    const revoked = await app.store.tokens.isRevoked(claims.jti);
    remember(token, revoked ? null : principalOfClaims(claims), claims.jti);
    if (revoked) throw new ApiError('invalid_credentials', 'the token was revoked');
    return principalOfClaims(claims);
  }

  async function authenticate(credential: string): Promise<Principal> {
    const cached = cache.get(credential);
    if (cached && cached.untilMs > Date.now()) {
      if (!cached.principal) throw new ApiError('invalid_credentials');
      if (credential.startsWith('jt_')) signer.verify(credential); // expiry still applies within the cache window
      return cached.principal;
    }
    if (credential.startsWith('jk_')) return authenticateKey(credential);
    if (credential.startsWith('jt_')) return authenticateToken(credential);
    throw new ApiError('invalid_credentials', 'expected an API key (jk_…) or a token (jt_…)');
  }

  const service: AuthService = {
    signer,
    async issueToken(request, issuedBy) {
      const issued = signer.issue(request);
      await app.store.tokens.record(issued.claims, issuedBy);
      return issued;
    },
    forget(credentialId) {
      for (const [credential, entry] of cache) if (entry.credentialId === credentialId) cache.delete(credential);
      verifiedKeys.delete(credentialId);
    },
    forgetAll() {
      cache.clear();
      verifiedKeys.clear();
    },
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

  /** Failed authentications per client IP in the current minute: `{ count, windowEndMs }`. */
  const failures = new Map<string, { count: number; windowEndMs: number }>();
  const maxFailures = options.maxFailuresPerMinute ?? 60;

  async function authenticateGuarded(credential: string, ip: string): Promise<Principal> {
    const now = Date.now();
    const seen = failures.get(ip);
    if (seen && seen.windowEndMs > now && seen.count >= maxFailures) {
      throw new ApiError('rate_limited', 'too many failed authentications from this address', undefined, undefined, { 'retry-after': String(Math.ceil((seen.windowEndMs - now) / 1000)) });
    }
    try {
      return await authenticate(credential);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        if (failures.size > 10_000) failures.clear();
        const entry = seen && seen.windowEndMs > now ? seen : { count: 0, windowEndMs: now + 60_000 };
        entry.count += 1;
        failures.set(ip, entry);
      }
      throw error;
    }
  }

  app.addHook('onRequest', async (request) => {
    const credential = credentialOf(request);
    const config = request.routeOptions.config ?? {};
    if (credential) request.principal = await authenticateGuarded(credential, request.ip);
    const roles = config.roles;
    if (!roles || config.public) return;
    if (!request.principal) throw new ApiError('unauthorized', 'send `Authorization: Bearer <API key or token>`', undefined, undefined, { 'www-authenticate': 'Bearer' });
    if (!roles.includes(request.principal.role)) throw new ApiError('forbidden', `role ${request.principal.role} may not call this route`);
  });
});
