// The preview of an offer for the courier: fee, stalls, pickup → door distance and time, COD to collect, cash float
// to front, and the route line through the stops.
import type { Static } from 'typebox';
import type { Queryable } from '../../db/database.js';
import type { RoutingProvider } from '../../../engine/index.js';
import type { OfferPreviewSchema } from '../../schemas/offers.js';
import { isoOf } from '../../store/geo-sql.js';
import { routeFigures } from './route-figures.js';

export type OfferPreview = Static<typeof OfferPreviewSchema>;

export async function offerPreview(q: Queryable, routing: RoutingProvider, routeId: string, orderIds: readonly string[]): Promise<OfferPreview> {
  const [orders, stops, figures] = await Promise.all([
    q.query<{ fee_rp: number; cod_total_rp: number; goods_total_rp: number }>('SELECT fee_rp, cod_total_rp, goods_total_rp FROM orders WHERE id = ANY($1::text[])', [orderIds]),
    q.query<Record<string, unknown>>(
      `SELECT s.kind, s.order_id, s.stall_id, st.name AS stall_name, st.stall_code, ST_X(s.location::geometry) AS lon, ST_Y(s.location::geometry) AS lat, s.eta
         FROM stops s LEFT JOIN stalls st ON st.id = s.stall_id WHERE s.route_id = $1 ORDER BY s.position`, [routeId]),
    routeFigures(q, routing, routeId),
  ]);
  const sum = (pick: (o: { fee_rp: number; cod_total_rp: number; goods_total_rp: number }) => number) => orders.rows.reduce((total, o) => total + Number(pick(o)), 0);
  const stalls = new Map<string, { id: string; name: string; stall_code: string }>();
  for (const s of stops.rows) {
    if (s.kind === 'pickup' && typeof s.stall_id === 'string' && !stalls.has(s.stall_id)) stalls.set(s.stall_id, { id: s.stall_id, name: String(s.stall_name ?? ''), stall_code: String(s.stall_code ?? '') });
  }
  return {
    fee_rp: sum((o) => o.fee_rp),
    order_count: orders.rows.length,
    stall_count: stalls.size,
    stalls: [...stalls.values()],
    distance_m: figures?.distance_m ?? 0,
    duration_s: figures?.duration_s ?? 0,
    cod_to_collect_rp: sum((o) => o.cod_total_rp),
    cash_float_rp: sum((o) => o.goods_total_rp),
    stops: stops.rows.map((s) => ({
      kind: String(s.kind), order_id: (s.order_id as string | null) ?? null, stall_id: (s.stall_id as string | null) ?? null,
      name: s.kind === 'pickup' ? ((s.stall_name as string | null) ?? null) : null,
      location: { lon: Number(s.lon), lat: Number(s.lat) }, eta: isoOf(s.eta),
    })),
    line: figures?.line ?? [],
    line_kind: figures?.line_kind ?? 'straight',
  };
}
