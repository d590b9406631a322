// The append-only event log: every state change writes one row here in the same transaction (the outbox).
import type { Queryable } from '../db/database.js';
import { newId } from '../ids.js';

/** An event to append. `type` is dotted (`order.created`); the subject ids make it filterable per market/fleet/courier/order. */
export interface EventInput {
  readonly type: string;
  readonly marketId?: string | null;
  readonly fleetId?: string | null;
  readonly courierId?: string | null;
  readonly orderId?: string | null;
  readonly payload?: Record<string, unknown>;
}

export interface EventRecord {
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly marketId: string | null;
  readonly fleetId: string | null;
  readonly courierId: string | null;
  readonly orderId: string | null;
  readonly payload: Record<string, unknown>;
  readonly createdAt: Date;
}

/** Which events a reader may see and wants: any of the listed markets / the fleet / the courier, after `afterSeq`. */
export interface EventFilter {
  readonly afterSeq?: number;
  readonly limit: number;
  readonly marketIds?: readonly string[];
  readonly fleetId?: string;
  readonly courierId?: string;
  readonly orderId?: string;
  readonly types?: readonly string[];
}

interface EventRow {
  seq: number;
  id: string;
  type: string;
  market_id: string | null;
  fleet_id: string | null;
  courier_id: string | null;
  order_id: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
}

const COLUMNS = 'seq, id, type, market_id, fleet_id, courier_id, order_id, payload, created_at';

function toRecord(r: EventRow): EventRecord {
  return {
    seq: Number(r.seq),
    id: r.id,
    type: r.type,
    marketId: r.market_id,
    fleetId: r.fleet_id,
    courierId: r.courier_id,
    orderId: r.order_id,
    payload: r.payload,
    createdAt: r.created_at,
  };
}

export class EventsStore {
  /** `onAppend` hears each appended event: the transaction helper collects them and publishes them after commit. */
  constructor(
    private readonly q: Queryable,
    private readonly onAppend?: (record: EventRecord) => void,
  ) {}

  async append(input: EventInput): Promise<EventRecord> {
    const result = await this.q.query<EventRow>(
      `INSERT INTO events (id, type, market_id, fleet_id, courier_id, order_id, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [newId('evt'), input.type, input.marketId ?? null, input.fleetId ?? null, input.courierId ?? null, input.orderId ?? null, JSON.stringify(input.payload ?? {})],
    );
    const record = toRecord(result.rows[0]);
    this.onAppend?.(record);
    return record;
  }

  /** Events after `afterSeq` in `seq` order matching the filter (subject filters are OR-ed, other filters AND-ed). */
  async list(filter: EventFilter): Promise<EventRecord[]> {
    const where: string[] = ['seq > $1'];
    const params: unknown[] = [filter.afterSeq ?? 0];
    const subject: string[] = [];
    if (filter.marketIds) {
      params.push(filter.marketIds);
      subject.push(`market_id = ANY($${params.length}::text[])`);
    }
    if (filter.fleetId) {
      params.push(filter.fleetId);
      subject.push(`fleet_id = $${params.length}`);
    }
    if (filter.courierId) {
      params.push(filter.courierId);
      subject.push(`courier_id = $${params.length}`);
    }
    if (subject.length > 0) where.push(`(${subject.join(' OR ')})`);
    if (filter.orderId) {
      params.push(filter.orderId);
      where.push(`order_id = $${params.length}`);
    }
    if (filter.types && filter.types.length > 0) {
      params.push(filter.types);
      where.push(`type = ANY($${params.length}::text[])`);
    }
    params.push(filter.limit);
    const result = await this.q.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`, params);
    return result.rows.map(toRecord);
  }

  /** The highest `seq` written so far (0 when empty). */
  async lastSeq(): Promise<number> {
    const result = await this.q.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM events');
    return Number(result.rows[0]?.seq ?? 0);
  }
}
