// Draft orders built from a customer's WhatsApp messages: each received message is recorded once (its WhatsApp id is
// the key) and added to the customer's open draft in the same statement, with a `draft.created`/`draft.updated`
// event; coordinators list, read, claim (confirm) and discard drafts.
import { preparedName, type Queryable } from '../db/database.js';
import { newId } from '../ids.js';
import type { Draft } from '../schemas/whatsapp.js';
import type { EventRecord } from './events-store.js';
import { isoOf, pointColumns, pointOf, pointParam } from './geo-sql.js';

/** What one received message adds to its customer's draft. */
export interface DraftAddition {
  readonly messageId: string;
  readonly marketId: string;
  readonly fromPhone: string;
  readonly kind: string;
  readonly body: unknown;
  readonly sentAt: Date | null;
  readonly customerName: string | null;
  /** The message's text as the coordinator should read it ('' for a location). */
  readonly text: string;
  readonly items: readonly unknown[];
  readonly unparsed: readonly string[];
  readonly address: string | null;
  readonly landmark: string | null;
  readonly location: { lon: number; lat: number } | null;
}

const DRAFT_COLUMNS = `id, market_id, status, customer_phone, customer_name, message_text, message_count, items, unparsed, address_text, landmark,
  ${pointColumns('location')}, order_id, version, created_at, updated_at`;

export function draftOfRow(r: Record<string, unknown>): Draft {
  return {
    id: r.id as string, market_id: r.market_id as string, status: r.status as string, customer_phone: r.customer_phone as string,
    customer_name: (r.customer_name as string | null) ?? null, message_text: r.message_text as string, message_count: Number(r.message_count),
    items: r.items as Draft['items'], unparsed: r.unparsed as string[], address_text: (r.address_text as string | null) ?? null,
    landmark: (r.landmark as string | null) ?? null, location: pointOf(r, 'location'), order_id: (r.order_id as string | null) ?? null,
    version: Number(r.version), created_at: isoOf(r.created_at)!, updated_at: isoOf(r.updated_at)!,
  };
}

// One statement: the draft upsert is gated on the message id being new; the message insert then fails on a
// concurrent twin (unique violation), which rolls the whole statement back.
const ADD_SQL = `WITH d AS (
    INSERT INTO order_drafts AS od (id, market_id, customer_phone, customer_name, message_text, items, unparsed, address_text, landmark, location, message_count)
    SELECT $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, CASE WHEN $11::float8 IS NULL THEN NULL ELSE ${pointParam(11, 12)} END, 1
    WHERE NOT EXISTS (SELECT 1 FROM whatsapp_messages WHERE id = $1)
    ON CONFLICT (market_id, customer_phone) WHERE status = 'open' DO UPDATE SET
      customer_name = coalesce(EXCLUDED.customer_name, od.customer_name),
      message_text = CASE WHEN EXCLUDED.message_text = '' THEN od.message_text WHEN od.message_text = '' THEN EXCLUDED.message_text
                          ELSE od.message_text || E'\\n' || EXCLUDED.message_text END,
      items = od.items || EXCLUDED.items, unparsed = od.unparsed || EXCLUDED.unparsed,
      address_text = coalesce(EXCLUDED.address_text, od.address_text), landmark = coalesce(EXCLUDED.landmark, od.landmark),
      location = coalesce(EXCLUDED.location, od.location), message_count = od.message_count + 1, version = od.version + 1, updated_at = now()
    RETURNING od.id, od.version, od.message_count, jsonb_array_length(od.items) AS item_count),
  m AS (INSERT INTO whatsapp_messages (id, market_id, from_phone, kind, body, draft_id, sent_at)
    SELECT $1, $3, $4, $13, $14::jsonb, d.id, $15 FROM d),
  e AS (INSERT INTO events (id, type, market_id, payload)
    SELECT $16, CASE WHEN d.version = 1 THEN 'draft.created' ELSE 'draft.updated' END, $3,
      jsonb_build_object('draft_id', d.id, 'market_id', $3::text, 'customer_phone', $4::text, 'message_count', d.message_count, 'item_count', d.item_count)
    FROM d RETURNING seq, type, payload, created_at)
  SELECT d.id AS draft_id, e.seq, e.type, e.payload, e.created_at FROM d, e`;

export class DraftsStore {
  constructor(private readonly q: Queryable) {}

  /** Records the message and adds it to the customer's open draft (a new one when none is open); null when the message was seen before. */
  async add(a: DraftAddition): Promise<{ draftId: string; event: EventRecord } | null> {
    const eventId = newId('evt');
    const params = [
      a.messageId, newId('drf'), a.marketId, a.fromPhone, a.customerName, a.text, JSON.stringify(a.items), JSON.stringify(a.unparsed),
      a.address, a.landmark, a.location?.lon ?? null, a.location?.lat ?? null, a.kind, JSON.stringify(a.body), a.sentAt, eventId,
    ];
    let rows: Record<string, unknown>[];
    try {
      rows = (await this.q.query<Record<string, unknown>>(ADD_SQL, params, { name: preparedName(ADD_SQL) })).rows;
    } catch (error) {
      if ((error as { code?: string }).code === '23505' && /whatsapp_messages/.test(String((error as Error).message) + String((error as { constraint?: string }).constraint))) return null;
      throw error;
    }
    const row = rows[0];
    if (!row) return null;
    return {
      draftId: row.draft_id as string,
      event: {
        seq: Number(row.seq), id: eventId, type: row.type as string, marketId: a.marketId, fleetId: null, courierId: null, orderId: null,
        payload: row.payload as Record<string, unknown>, createdAt: row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at)),
      },
    };
  }

  async get(id: string): Promise<Draft | null> {
    const result = await this.q.query(`SELECT ${DRAFT_COLUMNS} FROM order_drafts WHERE id = $1`, [id]);
    return result.rows[0] ? draftOfRow(result.rows[0]) : null;
  }

  async list(marketIds: readonly string[] | null, status: string | undefined, limit = 200): Promise<Draft[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (marketIds) where.push(`market_id = ANY($${params.push(marketIds)}::text[])`);
    if (status) where.push(`status = $${params.push(status)}`);
    const result = await this.q.query(
      `SELECT ${DRAFT_COLUMNS} FROM order_drafts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id LIMIT ${limit}`,
      params,
    );
    return result.rows.map(draftOfRow);
  }

  /** Moves an open draft to `status` (at `version` when given); the draft as it was, or null when not open / another version. */
  async close(id: string, status: 'confirmed' | 'discarded', expected: number | undefined): Promise<Draft | null> {
    const result = await this.q.query(
      `UPDATE order_drafts SET status = $2, version = version + 1, updated_at = now() WHERE id = $1 AND status = 'open' AND ($3::int IS NULL OR version = $3)
       RETURNING ${DRAFT_COLUMNS}`,
      [id, status, expected ?? null],
    );
    return result.rows[0] ? draftOfRow(result.rows[0]) : null;
  }

  /** Puts a claimed draft back to open (its order could not be created); discarded instead when the customer opened another meanwhile. */
  async reopen(id: string): Promise<void> {
    await this.q.query(
      `UPDATE order_drafts d SET version = version + 1, updated_at = now(),
         status = CASE WHEN EXISTS (SELECT 1 FROM order_drafts o WHERE o.market_id = d.market_id AND o.customer_phone = d.customer_phone AND o.status = 'open') THEN 'discarded' ELSE 'open' END
       WHERE id = $1 AND status = 'confirmed' AND order_id IS NULL`,
      [id],
    );
  }

  /** Links the confirmed draft to its order and queues the confirmation reply, in one statement. */
  async attachOrder(id: string, orderId: string, reply: { id: string; marketId: string; toPhone: string; body: string }): Promise<void> {
    await this.q.query(
      `WITH d AS (UPDATE order_drafts SET order_id = $2, updated_at = now() WHERE id = $1 RETURNING id)
       INSERT INTO whatsapp_outbox (id, market_id, to_phone, order_id, event_id, body) SELECT $3, $4, $5, $2, $6, $7 FROM d`,
      [id, orderId, reply.id, reply.marketId, reply.toPhone, `confirm:${orderId}`, reply.body],
    );
  }
}
