// A courier's route as the courier sees it: distance, duration and road line from its first stop to its last; delivery
// stops still to serve carry the customer's contact, others do not.
import type { CourierRoute, Route } from '../../schemas/plans.js';
import { pointColumns, pointOf } from '../../store/geo-sql.js';
import type { Stores } from '../../store/stores.js';
import { CONTACT_VISIBLE_STATES } from '../orders/visibility.js';
import type { RouteFigures } from '../offers/route-figures.js';

/** Stop states in which a stop is still ahead of the courier. */
const OPEN_STOP_STATES = new Set(['pending', 'arrived']);

export async function courierRouteView(store: Stores, route: Route, figuresOf: (routeId: string) => Promise<RouteFigures | null>): Promise<CourierRoute> {
  const figures = await figuresOf(route.id);
  const orderIds = route.stops.filter((s) => s.kind === 'delivery' && s.order_id && OPEN_STOP_STATES.has(s.status)).map((s) => s.order_id!);
  const contacts = new Map<string, CourierRoute['stops'][number]['customer']>();
  if (orderIds.length > 0) {
    const rows = await store.q.query(
      `SELECT o.id, o.status, c.name, c.phone, ${pointColumns('c.address', 'address')}, c.landmark
       FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ANY($1::text[])`,
      [orderIds],
    );
    for (const r of rows.rows) {
      if (!CONTACT_VISIBLE_STATES.includes(r.status as string)) continue;
      contacts.set(r.id as string, { name: r.name as string, phone: r.phone as string, address: pointOf(r, 'address')!, landmark: (r.landmark as string | null) ?? null });
    }
  }
  return {
    ...route,
    distance_m: figures?.distance_m ?? route.distance_m,
    duration_s: figures?.duration_s ?? route.duration_s,
    line: figures?.line ?? [],
    line_kind: figures?.line_kind ?? 'straight',
    stops: route.stops.map((s) => ({ ...s, customer: s.kind === 'delivery' && s.order_id && OPEN_STOP_STATES.has(s.status) ? (contacts.get(s.order_id) ?? null) : null })),
  };
}
