// Reading offers for couriers, fleets, dispatchers and admins: one offer, or a scoped page.

import type { Queryable } from '../db/database.js';
import type { OfferState } from '../domain/offer-machine.js';
import type { Principal } from '../auth/principal.js';
import { isoOf } from '../store/geo-sql.js';

export interface OfferView {
  id: string; status: OfferState; version: number; route_id: string; courier_id: string; market_id: string; order_ids: string[];
  expires_at: string; responded_at: string | null; decline_reason: string | null; created_at: string;
}

const SELECT = `SELECT o.id, o.status, o.version, o.route_id, o.courier_id, o.market_id, o.expires_at, o.responded_at, o.decline_reason, o.created_at, c.fleet_id,
       coalesce(o.merged_order_ids, (SELECT array_agg(DISTINCT s.order_id ORDER BY s.order_id) FROM stops s WHERE s.route_id = o.route_id AND s.order_id IS NOT NULL), '{}') AS order_ids
  FROM offers o JOIN couriers c ON c.id = o.courier_id`;

function viewOf(r: Record<string, any>): OfferView {
  return {
    id: r.id, status: r.status, version: Number(r.version), route_id: r.route_id, courier_id: r.courier_id, market_id: r.market_id,
    order_ids: r.order_ids, expires_at: isoOf(r.expires_at)!, responded_at: isoOf(r.responded_at), decline_reason: r.decline_reason, created_at: isoOf(r.created_at)!,
  };
}

/** SQL condition and parameters limiting offers to what `p` may see (admins: all). */
function scope(p: Principal, params: unknown[]): string {
  switch (p.role) {
    case 'admin':
      return 'true';
    case 'courier':
      return `o.courier_id = $${params.push(p.courierId)}`;
    case 'fleet':
      return `c.fleet_id = $${params.push(p.fleetId)}`;
    default:
      return `o.market_id = ANY($${params.push(p.marketIds)}::text[])`;
  }
}

export async function getOffer(q: Queryable, p: Principal, id: string): Promise<OfferView | null> {
  const params: unknown[] = [id];
  const where = scope(p, params);
  const found = await q.query(`${SELECT} WHERE o.id = $1 AND ${where}`, params);
  return found.rows[0] ? viewOf(found.rows[0]) : null;
}

export async function listOffers(q: Queryable, p: Principal, filter: { afterId?: string; limit: number; status?: string; courierId?: string }): Promise<OfferView[]> {
  const params: unknown[] = [];
  const where = [scope(p, params)];
  if (filter.afterId) where.push(`o.id > $${params.push(filter.afterId)}`);
  if (filter.status) where.push(`o.status = $${params.push(filter.status)}`);
  if (filter.courierId) where.push(`o.courier_id = $${params.push(filter.courierId)}`);
  const found = await q.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY o.id LIMIT $${params.push(filter.limit + 1)}`, params);
  return found.rows.map(viewOf);
}
