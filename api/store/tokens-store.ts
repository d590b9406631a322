// Issued bearer tokens: recorded at issue so they can be listed and revoked before they expire.
import type { Queryable } from '../db/database.js';
import type { TokenClaims } from '../auth/auth-tokens.js';

export class TokensStore {
  constructor(private readonly q: Queryable) {}

  async record(claims: TokenClaims, issuedBy: string | null): Promise<void> {
    await this.q.query(
      `INSERT INTO tokens (id, role, subject_id, fleet_id, market_ids, issued_by, expires_at)
       VALUES ($1, $2, $3, $4, $5::text[], $6, to_timestamp($7))`,
      [claims.jti, claims.role, claims.sub, claims.fleet ?? null, claims.markets ?? [], issuedBy, claims.exp],
    );
  }

  /** True when the token was revoked (or never recorded by this database). */
  async isRevoked(id: string): Promise<boolean> {
    const result = await this.q.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM tokens WHERE id = $1', [id]);
    return result.rows.length === 0 || result.rows[0].revoked_at !== null;
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.q.query('UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
    return result.rowCount > 0;
  }
}
