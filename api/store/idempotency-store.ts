// Idempotency keys: a claim per (scope, key) with the request's hash, completed with the response it produced; kept 24 h.
// Routes that write in one statement record key and response together with their change (`recordSql`): no claim.
import { preparedName, type Queryable } from '../db/database.js';

export const IDEMPOTENCY_TTL_S = 24 * 3600;
/** A claim without a response older than this is abandoned (its request died) and may be taken over. */
export const IDEMPOTENCY_STALE_CLAIM_S = 60;

export type ClaimResult =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in_flight' };

export interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
}

/** A key with the request it stands for, to be recorded with the response (scope from the caller's principal). */
export interface IdempotencyRecord {
  readonly scope: string;
  readonly key: string;
  readonly hash: string;
}

/** What an earlier request with this key left, as the plugin answers it; 'claimed' means no live row. */
export function verdictOf(row: KeyRow | undefined, hash: string): ClaimResult {
  if (!row) return { kind: 'claimed' };
  if (row.request_hash !== hash) return { kind: 'mismatch' };
  if (row.response_status === null) return { kind: 'in_flight' };
  return { kind: 'replay', status: row.response_status, body: row.response_body };
}

/** Who may take over an existing row: an expired key, or a claim whose request died without a response. */
const TAKE_OVER = `idempotency_keys.expires_at < now()
          OR (idempotency_keys.response_status IS NULL AND idempotency_keys.created_at < now() - make_interval(secs => %STALE%))`;

/**
 * `INSERT … RETURNING 1` recording `record` with its response (status, JSON body) for use as a CTE of a writing
 * statement: it returns a row only when the key was free, so the statement's other parts can be gated on it.
 * `first` is the index of the first of the 5 parameters it adds to `params`.
 */
export function recordSql(record: IdempotencyRecord, status: number, bodyJson: string, params: unknown[]): string {
  const first = params.push(record.scope, record.key, record.hash, status, bodyJson) - 4;
  const ttl = params.push(IDEMPOTENCY_TTL_S);
  const stale = params.push(IDEMPOTENCY_STALE_CLAIM_S);
  const [scope, key, hash, st, body] = [0, 1, 2, 3, 4].map((k) => `$${first + k}`);
  return `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, expires_at)
       VALUES (${scope}, ${key}, ${hash}, ${st}::int, ${body}::jsonb, now() + make_interval(secs => $${ttl}::int))
       ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now(), expires_at = EXCLUDED.expires_at,
         response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body
       WHERE ${TAKE_OVER.replace('%STALE%', `$${stale}::int`)}
       RETURNING 1`;
}

/** SQL true for a live row of `idempotency_keys` (not expired, not an abandoned claim); `staleParam` like `$3`. */
export function liveKeySql(staleParam: string): string {
  return `NOT (${TAKE_OVER.replace('%STALE%', `${staleParam}::int`)})`;
}

const PEEK_SQL = `SELECT request_hash, response_status, response_body FROM idempotency_keys
  WHERE scope = $1 AND key = $2 AND ${liveKeySql('$3')}`;

export class IdempotencyStore {
  constructor(private readonly q: Queryable) {}

  /** Claims `key` for a request with `hash`, or reports what an earlier request with that key left. */
  async claim(scope: string, key: string, hash: string): Promise<ClaimResult> {
    const inserted = await this.q.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now(), expires_at = EXCLUDED.expires_at,
         response_status = NULL, response_body = NULL
       WHERE ${TAKE_OVER.replace('%STALE%', '$5')}
       RETURNING 1`,
      [scope, key, hash, IDEMPOTENCY_TTL_S, IDEMPOTENCY_STALE_CLAIM_S],
    );
    if (inserted.rowCount > 0) return { kind: 'claimed' };
    const found = await this.q.query<KeyRow>(
      'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    const row = found.rows[0];
    if (!row) return this.claim(scope, key, hash); // expired and pruned between the two statements
    return verdictOf(row, hash);
  }

  /** What a live (unexpired, not abandoned) row for the key says, without claiming: 'claimed' when there is none. */
  async peek(scope: string, key: string, hash: string): Promise<ClaimResult> {
    const found = await this.q.query<KeyRow>(PEEK_SQL, [scope, key, IDEMPOTENCY_STALE_CLAIM_S], { name: preparedName(PEEK_SQL) });
    return verdictOf(found.rows[0], hash);
  }

  /** Records a response for a key nobody holds (unless a live row exists); true when it was recorded. */
  async record(record: IdempotencyRecord, status: number, body: unknown): Promise<boolean> {
    const params: unknown[] = [];
    const sql = recordSql(record, status, JSON.stringify(body ?? null), params);
    return (await this.q.query(sql, params)).rowCount > 0;
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.q.query('UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2', [
      scope, key, status, JSON.stringify(body ?? null),
    ]);
  }

  /** Drops a claim whose request failed on our side (5xx) so the client may retry with the same key. */
  async release(scope: string, key: string): Promise<void> {
    await this.q.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND response_status IS NULL', [scope, key]);
  }

  /** Deletes expired keys; returns how many. */
  async prune(): Promise<number> {
    return (await this.q.query('DELETE FROM idempotency_keys WHERE expires_at < now()')).rowCount;
  }
}
