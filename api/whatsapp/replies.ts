// Replies through the WhatsApp Cloud API: order status events of orders that came from a WhatsApp draft become
// outbox rows (once per event, read from the event log behind a cursor; the hour a reply names is kept as the order's
// told_eta, a new one for an order its courier holds also as `order.eta_told` for the dispatch loop), and due outbox
// rows are sent with POST {base}/{phone-number-id}/messages, retried with backoff, given up after MAX_ATTEMPTS.
import type { Database } from '../db/database.js';
import { newId } from '../ids.js';
import { deliveryEtaSql } from '../store/delivery-eta.js';
import { EventsStore, type EventRecord } from '../store/events-store.js';
import { isoOf } from '../store/geo-sql.js';
import { STATUS_EVENTS } from './reply-texts.js';
import { statusReply } from './status-reply.js';
import { writeToldEta } from './told-eta.js';

export const DEFAULT_GRAPH_BASE = 'https://graph.facebook.com/v21.0';
const MAX_ATTEMPTS = 8;
const BATCH = 20;

export interface RepliesOptions {
  readonly db: Database;
  /** Graph API base when a channel names none (JEJARING_WHATSAPP_API_BASE, else graph.facebook.com). */
  readonly defaultBaseUrl?: string;
  readonly pollIntervalMs?: number;
  readonly timeoutMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Hears the events a round recorded (`order.eta_told`), after its commit. */
  readonly onEvents?: (events: readonly EventRecord[]) => void;
}

interface DueReply { id: string; to_phone: string; body: string; attempts: number; phone_number_id: string; access_token: string; api_base_url: string | null }

export class WhatsAppReplies {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: RepliesOptions) {}

  /** Queues replies for new status events, then sends what is due. */
  async runOnce(): Promise<{ queued: number; sent: number; failed: number }> {
    const queued = await this.collect();
    const { sent, failed } = await this.sendDue();
    return { queued, sent, failed };
  }

  /** Reads order status events after the cursor; those of WhatsApp orders become outbox rows. */
  async collect(): Promise<number> {
    const written: EventRecord[] = [];
    const queued = await this.options.db.transaction(async (q) => {
      const events = new EventsStore(q, (record) => written.push(record));
      const cursor = (await q.query<{ last_seq: number }>(`SELECT last_seq FROM whatsapp_event_cursor WHERE id = 1 FOR UPDATE`)).rows[0];
      const window = await q.query<{ max_seq: number | null }>(`SELECT max(seq) AS max_seq FROM (SELECT seq FROM events WHERE seq > $1 ORDER BY seq LIMIT 5000) w`, [cursor.last_seq]);
      const upTo = window.rows[0].max_seq;
      if (upTo === null) return 0;
      const found = await q.query<{ id: string; type: string; payload: Record<string, unknown>; order_id: string; order_status: string; market_id: string; customer_phone: string; cod_total_rp: number; cod_collected_rp: number | null; delivery_eta: Date | string | null; told_eta: Date | string | null; timezone: string }>(
        `SELECT e.id, e.type, e.payload, e.order_id, o.status AS order_status, d.market_id, d.customer_phone, o.cod_total_rp, o.cod_collected_rp,
                ${deliveryEtaSql('o')} AS delivery_eta, o.told_eta, m.timezone
         FROM events e JOIN order_drafts d ON d.order_id = e.order_id JOIN orders o ON o.id = e.order_id JOIN markets m ON m.id = d.market_id
         WHERE e.seq > $1 AND e.seq <= $2 AND e.type = ANY($3::text[]) ORDER BY e.seq`,
        [cursor.last_seq, upTo, [...STATUS_EVENTS]],
      );
      const told = new Map<string, string | null>(); // order id → the hour told so far, with this round's replies
      let queued = 0;
      for (const e of found.rows) {
        const toldIso = told.has(e.order_id) ? told.get(e.order_id)! : isoOf(e.told_eta);
        const reply = statusReply({
          type: e.type, orderId: e.order_id, orderStatus: e.order_status, payload: e.payload, codTotalRp: Number(e.cod_total_rp),
          codCollectedRp: e.cod_collected_rp === null ? null : Number(e.cod_collected_rp), deliveryEta: isoOf(e.delivery_eta), timezone: e.timezone,
        }, toldIso);
        told.set(e.order_id, reply?.tellsIso ?? toldIso);
        if (!reply) continue;
        queued++;
        await q.query(
          `INSERT INTO whatsapp_outbox (id, market_id, to_phone, order_id, event_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp()) ON CONFLICT (event_id) DO NOTHING`,
          [newId('wao'), e.market_id, e.customer_phone, e.order_id, e.id, reply.body],
        );
        if (reply.tellsIso) await writeToldEta(q, events, e.order_id, reply.tellsIso);
      }
      await q.query(`UPDATE whatsapp_event_cursor SET last_seq = $1 WHERE id = 1`, [upTo]);
      return queued;
    });
    if (written.length > 0) this.options.onEvents?.(written);
    return queued;
  }

  /** Claims due rows (leased for a minute, so two nodes never send one twice) and sends them. */
  async sendDue(): Promise<{ sent: number; failed: number }> {
    const due = await this.options.db.query<DueReply>(
      // Replies go out in the order of the events that caused them (the event log's seq): two rows written in the
      // same clock tick still keep their order.
      `WITH claim AS (
         SELECT o.id, e.seq FROM whatsapp_outbox o LEFT JOIN events e ON e.id = o.event_id
         WHERE o.status = 'pending' AND o.next_attempt_at <= now() ORDER BY e.seq NULLS LAST, o.created_at, o.id LIMIT ${BATCH} FOR UPDATE OF o SKIP LOCKED),
       leased AS (UPDATE whatsapp_outbox o SET next_attempt_at = now() + interval '60 seconds' FROM claim WHERE o.id = claim.id RETURNING o.*, claim.seq)
       SELECT l.id, l.to_phone, l.body, l.attempts, c.phone_number_id, c.access_token, c.api_base_url
       FROM leased l JOIN whatsapp_channels c ON c.market_id = l.market_id
       ORDER BY l.seq NULLS LAST, l.created_at, l.id`,
    );
    let sent = 0;
    let failed = 0;
    for (const reply of due.rows) {
      const outcome = await this.send(reply);
      if (outcome.ok) {
        sent++;
        await this.options.db.query(`UPDATE whatsapp_outbox SET status = 'sent', attempts = attempts + 1, sent_at = now(), provider_message_id = $2, last_error = NULL WHERE id = $1`, [reply.id, outcome.messageId]);
      } else {
        failed++;
        const attempts = reply.attempts + 1;
        const delayS = Math.min(600, 2 ** attempts);
        await this.options.db.query(
          `UPDATE whatsapp_outbox SET attempts = $2, last_error = $3, status = CASE WHEN $2 >= ${MAX_ATTEMPTS} THEN 'dead' ELSE 'pending' END,
             next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
          [reply.id, attempts, outcome.error.slice(0, 500), delayS],
        );
      }
    }
    return { sent, failed };
  }

  /** One Cloud API send-message call. */
  private async send(reply: DueReply): Promise<{ ok: true; messageId: string | null } | { ok: false; error: string }> {
    const base = (reply.api_base_url ?? this.options.defaultBaseUrl ?? DEFAULT_GRAPH_BASE).replace(/\/+$/, '');
    try {
      const res = await fetch(`${base}/${encodeURIComponent(reply.phone_number_id)}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${reply.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: reply.to_phone.replace(/^\+/, ''), type: 'text', text: { preview_url: false, body: reply.body } }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      if (!res.ok) return { ok: false, error: `HTTP ${res.status}: ${text.slice(0, 300)}` };
      const parsed = JSON.parse(text) as { messages?: { id?: string }[] };
      return { ok: true, messageId: parsed.messages?.[0]?.id ?? null };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 2_000);
    this.timer.unref();
  }

  /** Runs a round now (or right after the one in progress). */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .then(() => undefined, (error) => this.options.onError?.(error))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
