// Fleets and their hashed API keys; a key is looked up by its id so each check costs one scrypt.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { newId } from '../ids.js';
import { createApiKey } from '../auth/api-keys.js';
import type { ApiKey, CreateFleet, Fleet } from '../schemas/fleets.js';
import { isoOf } from './geo-sql.js';

const FLEET_COLUMNS = 'id, kind, name, market_ids, webhook_url, webhook_enabled, created_at';

export function fleetOfRow(r: Record<string, unknown>): Fleet {
  return {
    id: r.id as string,
    kind: r.kind as Fleet['kind'],
    name: r.name as string,
    market_ids: r.market_ids as string[],
    webhook_url: (r.webhook_url as string | null) ?? null,
    webhook_enabled: r.webhook_enabled as boolean,
    created_at: isoOf(r.created_at)!,
  };
}

/** The stored form of a key, for verification. */
export interface StoredApiKey {
  readonly id: string;
  readonly fleetId: string;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
  readonly revoked: boolean;
}

export interface ListFleetsFilter {
  readonly afterId?: string;
  readonly limit: number;
  readonly kind?: Fleet['kind'];
  readonly ids?: readonly string[];
}

export class FleetsStore {
  constructor(private readonly q: Queryable) {}

  /** Creates the fleet with a webhook secret (when it has a URL); the first key is made by `createKey`. */
  async create(input: CreateFleet): Promise<{ fleet: Fleet; webhookSecret: string | null }> {
    const webhookSecret = input.webhook_url ? `whsec_${randomBytes(24).toString('base64')}` : null;
    const result = await this.q.query(
      `INSERT INTO fleets (id, kind, name, market_ids, webhook_url, webhook_secret) VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING ${FLEET_COLUMNS}`,
      [newId('flt'), input.kind, input.name, input.market_ids ?? [], input.webhook_url ?? null, webhookSecret],
    );
    return { fleet: fleetOfRow(result.rows[0]), webhookSecret };
  }

  async get(id: string): Promise<Fleet | null> {
    const result = await this.q.query(`SELECT ${FLEET_COLUMNS} FROM fleets WHERE id = $1`, [id]);
    return result.rows.length > 0 ? fleetOfRow(result.rows[0]) : null;
  }

  async list(filter: ListFleetsFilter): Promise<Fleet[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.afterId) where.push(`id > $${params.push(filter.afterId)}`);
    if (filter.kind) where.push(`kind = $${params.push(filter.kind)}`);
    if (filter.ids) where.push(`id = ANY($${params.push(filter.ids)}::text[])`);
    const sql = `SELECT ${FLEET_COLUMNS} FROM fleets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${params.push(filter.limit + 1)}`;
    return (await this.q.query(sql, params)).rows.map(fleetOfRow);
  }

  /** Issues a new API key for the fleet; the returned `key` is the only copy. */
  async createKey(fleetId: string, label: string | null = null): Promise<ApiKey> {
    const made = await createApiKey();
    const result = await this.q.query<{ created_at: Date }>(
      'INSERT INTO fleet_api_keys (id, fleet_id, salt, hash, label) VALUES ($1, $2, $3, $4, $5) RETURNING created_at',
      [made.id, fleetId, made.salt, made.hash, label],
    );
    return { id: made.id, fleet_id: fleetId, key: made.key, label, created_at: isoOf(result.rows[0].created_at)! };
  }

  async findKey(id: string): Promise<StoredApiKey | null> {
    const result = await this.q.query<{ id: string; fleet_id: string; salt: Uint8Array; hash: Uint8Array; revoked_at: Date | null }>(
      'SELECT id, fleet_id, salt, hash, revoked_at FROM fleet_api_keys WHERE id = $1',
      [id],
    );
    const r = result.rows[0];
    return r ? { id: r.id, fleetId: r.fleet_id, salt: r.salt, hash: r.hash, revoked: r.revoked_at !== null } : null;
  }

  /** Revokes a key of the fleet; false when there is no such live key. */
  async revokeKey(fleetId: string, keyId: string): Promise<boolean> {
    const result = await this.q.query('UPDATE fleet_api_keys SET revoked_at = now() WHERE id = $1 AND fleet_id = $2 AND revoked_at IS NULL', [keyId, fleetId]);
    return result.rowCount > 0;
  }

  /** Webhook endpoint and secret of a fleet (for the webhook sender). */
  async webhookOf(fleetId: string): Promise<{ url: string; secret: string; enabled: boolean } | null> {
    const result = await this.q.query<{ webhook_url: string | null; webhook_secret: string | null; webhook_enabled: boolean }>(
      'SELECT webhook_url, webhook_secret, webhook_enabled FROM fleets WHERE id = $1',
      [fleetId],
    );
    const r = result.rows[0];
    return r && r.webhook_url && r.webhook_secret ? { url: r.webhook_url, secret: r.webhook_secret, enabled: r.webhook_enabled } : null;
  }
}
