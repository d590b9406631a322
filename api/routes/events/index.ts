// /v1/events: the event log in seq order, cursor-paged, restricted to the caller's markets / fleet / courier.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError } from '../../errors.js';
import { principalOf } from '../../plugins/auth.js';
import type { Principal } from '../../auth/principal.js';
import { ERROR_RESPONSES, PageSchema } from '../../schemas/common.js';
import { EventSchema, ListEventsQuerySchema, type EventOut } from '../../schemas/events.js';
import type { EventFilter, EventRecord } from '../../store/events-store.js';
import { decodeCursor, encodeCursor } from '../../store/pagination.js';

export function eventOut(e: EventRecord): EventOut {
  return {
    seq: e.seq, id: e.id, type: e.type, market_id: e.marketId, fleet_id: e.fleetId, courier_id: e.courierId, order_id: e.orderId,
    payload: e.payload, created_at: e.createdAt.toISOString(),
  };
}

/** The subject part of the filter a principal is confined to. */
export function eventScope(p: Principal, marketId: string | undefined): Pick<EventFilter, 'marketIds' | 'fleetId' | 'courierId'> {
  switch (p.role) {
    case 'admin':
      return marketId ? { marketIds: [marketId] } : {};
    case 'dispatcher':
    case 'planner':
      return { marketIds: marketId ? p.marketIds.filter((m) => m === marketId) : p.marketIds };
    case 'fleet':
      return { fleetId: p.fleetId! };
    case 'courier':
      return { courierId: p.courierId! };
  }
}

export default async function eventRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/events', {
    schema: { tags: ['events'], summary: 'Read the event log after a cursor (or after_seq)', querystring: ListEventsQuerySchema, response: { 200: PageSchema(EventSchema), ...ERROR_RESPONSES } },
    config: { roles: ['admin', 'dispatcher', 'planner', 'fleet', 'courier'] },
  }, async (request) => {
    const q = request.query;
    const p = principalOf(request);
    const limit = q.limit ?? 50;
    const fromCursor = decodeCursor(q.cursor);
    if (fromCursor !== undefined && !/^\d+$/.test(fromCursor)) throw new ApiError('bad_cursor', 'the cursor was not issued by /v1/events');
    const afterSeq = fromCursor !== undefined ? Number(fromCursor) : (q.after_seq ?? 0);
    const rows = await app.store.events.list({ afterSeq, limit: limit + 1, types: q.type, orderId: q.order_id, ...eventScope(p, q.market_id) });
    const data = rows.slice(0, limit).map(eventOut);
    // The cursor always points at the last seq read, so a client can poll from the end of the log.
    const lastSeq = data.length > 0 ? data[data.length - 1].seq : afterSeq;
    return { data, next_cursor: rows.length > limit || data.length > 0 ? encodeCursor(lastSeq) : encodeCursor(afterSeq) };
  });
}
