// Bearer tokens: `jt_<payload>.<signature>`, base64url JSON signed with HMAC-SHA256 under JEJARING_SECRET.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.js';
import { newId } from '../ids.js';
import type { Principal, Role } from './principal.js';
import { ROLES } from './principal.js';

/** What a token carries. Times are Unix seconds. */
export interface TokenClaims {
  /** Token id (`tok_…`), listed in the tokens table for revocation. */
  readonly jti: string;
  readonly role: Role;
  readonly sub: string;
  readonly markets?: readonly string[];
  readonly fleet?: string;
  readonly courier?: string;
  readonly exp: number;
}

export interface TokenRequest {
  readonly role: Role;
  readonly subjectId: string;
  readonly marketIds?: readonly string[];
  readonly fleetId?: string;
  readonly courierId?: string;
  readonly ttlS: number;
}

/** Signs and verifies tokens with one secret. */
export class TokenSigner {
  private readonly key: Buffer;
  constructor(secret: string) {
    if (secret.length < 16) throw new Error('JEJARING_SECRET must be at least 16 characters');
    this.key = Buffer.from(secret, 'utf8');
  }

  /** A random secret for a process that has none configured (tokens then die with the process). */
  static randomSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  issue(request: TokenRequest, nowMs = Date.now()): { token: string; claims: TokenClaims } {
    const claims: TokenClaims = {
      jti: newId('tok', nowMs),
      role: request.role,
      sub: request.subjectId,
      ...(request.marketIds && request.marketIds.length > 0 ? { markets: [...request.marketIds] } : {}),
      ...(request.fleetId ? { fleet: request.fleetId } : {}),
      ...(request.courierId ? { courier: request.courierId } : {}),
      exp: Math.floor(nowMs / 1000) + Math.max(1, Math.floor(request.ttlS)),
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `jt_${payload}.${this.sign(payload)}`, claims };
  }

  /** The claims of a valid, unexpired token; throws 401 otherwise. */
  verify(token: string, nowMs = Date.now()): TokenClaims {
    const dot = token.indexOf('.');
    if (!token.startsWith('jt_') || dot < 0) throw new ApiError('invalid_credentials');
    const payload = token.slice(3, dot);
    // The signature is compared as the exact text issued: decoding it first would let trailing or non-canonical
    // base64url characters (which decode to the same bytes) through.
    const given = Buffer.from(token.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.sign(payload), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiError('invalid_credentials');
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      throw new ApiError('invalid_credentials');
    }
    if (!ROLES.includes(claims.role) || typeof claims.exp !== 'number') throw new ApiError('invalid_credentials');
    if (claims.exp * 1000 <= nowMs) throw new ApiError('token_expired');
    return claims;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** The principal a verified token stands for. */
export function principalOfClaims(claims: TokenClaims): Principal {
  return {
    role: claims.role,
    subjectId: claims.sub,
    marketIds: claims.markets ?? [],
    fleetId: claims.fleet ?? null,
    courierId: claims.courier ?? null,
    credentialId: claims.jti,
  };
}
