// Draft orders built from a customer's WhatsApp messages: each received message is recorded once (its WhatsApp id is
// the key) and added to the customer's open draft in the same statement (many messages per statement), with a
// `draft.created`/`draft.updated` event; coordinators list, read, claim (confirm) and discard drafts.
import { preparedName, type Queryable } from '../db/database.js';
import { newId } from '../ids.js';
import type { Draft } from '../schemas/whatsapp.js';
import type { EventRecord } from './events-store.js';
import { isoOf, pointColumns, pointOf } from './geo-sql.js';

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

/** A statement that lost a race with a concurrent delivery of the same message (it wrote nothing; running it again skips the message). */
export function isConcurrentTwin(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && /whatsapp_messages/.test(`${e.message ?? ''} ${e.constraint ?? ''}`);
}

export function draftOfRow(r: Record<string, unknown>): Draft {
  return {
    id: r.id as string, market_id: r.market_id as string, status: r.status as string, customer_phone: r.customer_phone as string,
    customer_name: (r.customer_name as string | null) ?? null, message_text: r.message_text as string, message_count: Number(r.message_count),
    items: r.items as Draft['items'], unparsed: r.unparsed as string[], address_text: (r.address_text as string | null) ?? null,
    landmark: (r.landmark as string | null) ?? null, location: pointOf(r, 'location'), order_id: (r.order_id as string | null) ?? null,
    version: Number(r.version), created_at: isoOf(r.created_at)!, updated_at: isoOf(r.updated_at)!,
  };
}

// One statement for a batch of messages (one notification's, or several notifications arriving together): the messages
// not seen before (idempotent on the WhatsApp message id) are grouped per customer, each group added to the customer's
// open draft (drafts locked in one order, so two batches never wait on each other in a cycle), the messages recorded
// with their draft, and one `draft.created`/`draft.updated` event written per draft. A concurrent twin of a message
// fails the message insert (unique violation) and rolls the whole statement back; the caller runs it again.
const ADD_MANY_SQL = `WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(ord int, message_id text, draft_id text, event_id text, market_id text, phone text,
      customer_name text, message_text text, items jsonb, unparsed jsonb, address_text text, landmark text, lon float8, lat float8,
      kind text, body jsonb, sent_at timestamptz)),
  fresh AS (SELECT i.* FROM input i WHERE NOT EXISTS (SELECT 1 FROM whatsapp_messages w WHERE w.id = i.message_id)),
  grouped AS (
    SELECT market_id, phone, min(ord) AS first_ord, count(*)::int AS message_count,
      (array_agg(draft_id ORDER BY ord))[1] AS draft_id, (array_agg(event_id ORDER BY ord))[1] AS event_id,
      (array_agg(customer_name ORDER BY ord DESC) FILTER (WHERE customer_name IS NOT NULL))[1] AS customer_name,
      coalesce(string_agg(message_text, E'\n' ORDER BY ord) FILTER (WHERE message_text <> ''), '') AS message_text,
      (array_agg(address_text ORDER BY ord DESC) FILTER (WHERE address_text IS NOT NULL))[1] AS address_text,
      (array_agg(landmark ORDER BY ord DESC) FILTER (WHERE landmark IS NOT NULL))[1] AS landmark,
      (array_agg(lon ORDER BY ord DESC) FILTER (WHERE lon IS NOT NULL AND lat IS NOT NULL))[1] AS lon,
      (array_agg(lat ORDER BY ord DESC) FILTER (WHERE lon IS NOT NULL AND lat IS NOT NULL))[1] AS lat
    FROM fresh GROUP BY market_id, phone),
  item_lists AS (SELECT f.market_id, f.phone, jsonb_agg(e.value ORDER BY f.ord, e.n) AS list
    FROM fresh f, jsonb_array_elements(f.items) WITH ORDINALITY AS e(value, n) GROUP BY f.market_id, f.phone),
  unparsed_lists AS (SELECT f.market_id, f.phone, jsonb_agg(e.value ORDER BY f.ord, e.n) AS list
    FROM fresh f, jsonb_array_elements(f.unparsed) WITH ORDINALITY AS e(value, n) GROUP BY f.market_id, f.phone),
  d AS (
    INSERT INTO order_drafts AS od (id, market_id, customer_phone, customer_name, message_text, items, unparsed, address_text, landmark, location, message_count)
    SELECT g.draft_id, g.market_id, g.phone, g.customer_name, g.message_text, coalesce(il.list, '[]'::jsonb), coalesce(ul.list, '[]'::jsonb),
      g.address_text, g.landmark, CASE WHEN g.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(g.lon, g.lat), 4326)::geography END, g.message_count
    FROM grouped g LEFT JOIN item_lists il ON il.market_id = g.market_id AND il.phone = g.phone
      LEFT JOIN unparsed_lists ul ON ul.market_id = g.market_id AND ul.phone = g.phone
    ORDER BY g.market_id, g.phone
    ON CONFLICT (market_id, customer_phone) WHERE status = 'open' DO UPDATE SET
      customer_name = coalesce(EXCLUDED.customer_name, od.customer_name),
      message_text = CASE WHEN EXCLUDED.message_text = '' THEN od.message_text WHEN od.message_text = '' THEN EXCLUDED.message_text
                          ELSE od.message_text || E'\n' || EXCLUDED.message_text END,
      items = od.items || EXCLUDED.items, unparsed = od.unparsed || EXCLUDED.unparsed,
      address_text = coalesce(EXCLUDED.address_text, od.address_text), landmark = coalesce(EXCLUDED.landmark, od.landmark),
      location = coalesce(EXCLUDED.location, od.location), message_count = od.message_count + EXCLUDED.message_count, version = od.version + 1, updated_at = now()
    RETURNING od.id, od.market_id, od.customer_phone, od.version, od.message_count, jsonb_array_length(od.items) AS item_count),
  m AS (INSERT INTO whatsapp_messages (id, market_id, from_phone, kind, body, draft_id, sent_at)
    SELECT f.message_id, f.market_id, f.phone, f.kind, f.body, d.id, f.sent_at FROM fresh f JOIN d ON d.market_id = f.market_id AND d.customer_phone = f.phone
    RETURNING id),
  e AS (INSERT INTO events (id, type, market_id, payload)
    SELECT g.event_id, CASE WHEN d.version = 1 THEN 'draft.created' ELSE 'draft.updated' END, d.market_id,
      jsonb_build_object('draft_id', d.id, 'market_id', d.market_id, 'customer_phone', d.customer_phone, 'message_count', d.message_count, 'item_count', d.item_count)
    FROM d JOIN grouped g ON g.market_id = d.market_id AND g.phone = d.customer_phone ORDER BY g.first_ord
    RETURNING seq, id, type, market_id, payload, created_at)
  SELECT 'event' AS row_kind, e.id, e.seq, e.type, e.market_id, e.payload, e.created_at FROM e
  UNION ALL SELECT 'message', m.id, NULL::bigint, NULL::text, NULL::text, NULL::jsonb, NULL::timestamptz FROM m`;

/** What a batch wrote: the message ids recorded now (the others were seen before) and one event per draft touched. */
export interface AddedMessages {
  readonly stored: ReadonlySet<string>;
  readonly events: readonly EventRecord[];
}

export class DraftsStore {
  constructor(private readonly q: Queryable) {}

  /**
   * Records the messages not seen before and adds them, in order, to their customers' open drafts (new ones when none
   * is open), in one statement. A message id given twice counts once. Throws on a concurrent twin (unique violation,
   * nothing written): see `isConcurrentTwin`.
   */
  async addMany(additions: readonly DraftAddition[]): Promise<AddedMessages> {
    const seen = new Set<string>();
    const rows = [];
    for (const a of additions) {
      if (seen.has(a.messageId)) continue;
      seen.add(a.messageId);
      rows.push({
        ord: rows.length, message_id: a.messageId, draft_id: newId('drf'), event_id: newId('evt'), market_id: a.marketId, phone: a.fromPhone,
        customer_name: a.customerName, message_text: a.text, items: a.items, unparsed: a.unparsed, address_text: a.address, landmark: a.landmark,
        lon: a.location?.lon ?? null, lat: a.location?.lat ?? null, kind: a.kind, body: a.body, sent_at: a.sentAt?.toISOString() ?? null,
      });
    }
    if (rows.length === 0) return { stored: new Set(), events: [] };
    const result = await this.q.query<Record<string, unknown>>(ADD_MANY_SQL, [JSON.stringify(rows)], { name: preparedName(ADD_MANY_SQL) });
    const stored = new Set<string>();
    const events: EventRecord[] = [];
    for (const r of result.rows) {
      if (r.row_kind === 'message') {
        stored.add(r.id as string);
        continue;
      }
      events.push({
        seq: Number(r.seq), id: r.id as string, type: r.type as string, marketId: r.market_id as string, fleetId: null, courierId: null, orderId: null,
        payload: r.payload as Record<string, unknown>, createdAt: r.created_at instanceof Date ? r.created_at : new Date(String(r.created_at)),
      });
    }
    events.sort((a, b) => a.seq - b.seq);
    return { stored, events };
  }

  /** Records one message (see `addMany`); null when it was seen before. */
  async add(a: DraftAddition): Promise<{ draftId: string; event: EventRecord } | null> {
    let added: AddedMessages;
    try {
      added = await this.addMany([a]);
    } catch (error) {
      if (isConcurrentTwin(error)) return null;
      throw error;
    }
    const event = added.events[0];
    return added.stored.has(a.messageId) && event ? { draftId: event.payload.draft_id as string, event } : null;
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
