// A courier's current route as the courier sees it: stops in order, items per stall, customer contact only while current.

import { isoOf, pointColumns, pointOf } from './geo-sql.js';
import type { Queryable } from '../db/database.js';

export interface RouteItemView {
  id: string; name: string; quantity: number; unit: string; unit_price_rp: number; outcome: string;
  substitute_name: string | null; substitute_price_rp: number | null;
}
export interface RouteStopView {
  id: string; position: number; kind: string; status: string; version: number; order_id: string | null;
  stall: { id: string; name: string; stall_code: string } | null;
  location: { lon: number; lat: number } | null;
  eta: string | null; window_start: string | null; window_end: string | null; service_s: number;
  arrived_at: string | null; completed_at: string | null;
  items: RouteItemView[];
  cod_total_rp: number | null;
  customer: { name: string; phone: string; address: { lon: number; lat: number }; landmark: string | null; delivery_note: string | null } | null;
}
export interface RouteView {
  id: string; plan_id: string; market_id: string; courier_id: string; status: string; version: number;
  distance_m: number; duration_s: number; stops: RouteStopView[];
}

const OPEN_STOP = new Set(['pending', 'arrived']);
const LIVE_ORDER = new Set(['assigned', 'picking', 'delivering']);

/**
 * The active route of `courierId`, or null. With `privacy`, a customer's contact and a delivery's location are shown
 * only for stops still open of orders still in progress (the courier's and the fleet's view).
 */
export async function currentRouteOf(q: Queryable, courierId: string, privacy: boolean): Promise<RouteView | null> {
  const routes = await q.query<Record<string, any>>(
    `SELECT id, plan_id, market_id, courier_id, status, version, distance_m, duration_s FROM routes
      WHERE courier_id = $1 AND status = 'active' ORDER BY updated_at DESC LIMIT 1`,
    [courierId],
  );
  const route = routes.rows[0];
  if (route === undefined) return null;
  const stops = await q.query<Record<string, any>>(
    `SELECT s.id, s.position, s.kind, s.status, s.version, s.order_id, s.eta, s.window_start, s.window_end, s.service_s, s.arrived_at, s.completed_at,
            ${pointColumns('s.location', 'loc')}, st.id AS stall_id, st.name AS stall_name, st.stall_code,
            o.status AS order_status, o.cod_total_rp, o.delivery_note, c.name AS customer_name, c.phone AS customer_phone, c.landmark,
            ${pointColumns('c.address', 'addr')}
       FROM stops s LEFT JOIN stalls st ON st.id = s.stall_id LEFT JOIN orders o ON o.id = s.order_id LEFT JOIN customers c ON c.id = o.customer_id
      WHERE s.route_id = $1 ORDER BY s.position`,
    [route.id],
  );
  const items = await q.query<Record<string, any>>(
    `SELECT i.id, i.order_id, i.stall_id, i.name, i.quantity, i.unit, i.unit_price_rp, i.outcome, i.substitute_name, i.substitute_price_rp
       FROM order_items i WHERE i.order_id IN (SELECT order_id FROM stops WHERE route_id = $1) ORDER BY i.order_id, i.position`,
    [route.id],
  );
  const view = stops.rows.map((s): RouteStopView => {
    const current = OPEN_STOP.has(s.status) && LIVE_ORDER.has(s.order_status);
    const shown = !privacy || current;
    const stopItems = items.rows
      .filter((i) => i.order_id === s.order_id && (s.kind === 'delivery' || i.stall_id === s.stall_id))
      .map((i) => ({
        id: i.id, name: i.name, quantity: Number(i.quantity), unit: i.unit, unit_price_rp: Number(i.unit_price_rp), outcome: i.outcome,
        substitute_name: i.substitute_name, substitute_price_rp: i.substitute_price_rp === null ? null : Number(i.substitute_price_rp),
      }));
    return {
      id: s.id, position: Number(s.position), kind: s.kind, status: s.status, version: Number(s.version), order_id: s.order_id,
      stall: s.stall_id ? { id: s.stall_id, name: s.stall_name, stall_code: s.stall_code } : null,
      location: s.kind === 'delivery' && !shown ? null : pointOf(s, 'loc'),
      eta: isoOf(s.eta), window_start: isoOf(s.window_start), window_end: isoOf(s.window_end), service_s: Number(s.service_s),
      arrived_at: isoOf(s.arrived_at), completed_at: isoOf(s.completed_at),
      items: s.order_id ? stopItems : [],
      cod_total_rp: s.kind === 'delivery' && s.cod_total_rp !== null ? Number(s.cod_total_rp) : null,
      customer: s.order_id && shown && s.customer_name !== null
        ? { name: s.customer_name, phone: s.customer_phone, address: pointOf(s, 'addr')!, landmark: s.landmark, delivery_note: s.delivery_note }
        : null,
    };
  });
  return {
    id: route.id, plan_id: route.plan_id, market_id: route.market_id, courier_id: route.courier_id, status: route.status,
    version: Number(route.version), distance_m: Number(route.distance_m), duration_s: Number(route.duration_s), stops: view,
  };
}
