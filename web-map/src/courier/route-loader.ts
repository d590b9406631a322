// Loads the courier's active route and completes it for the page: pick lists per stall and COD from the orders,
// stall names from the market (the route itself carries ids and places only).
import type { ApiClient } from '../api-client.js';
import { ProblemError } from '../api-client.js';
import { camelize } from '../realtime/event-adapter.js';
import { parseRoute, type CourierRoute, type PickItem } from './courier-model.js';

type Row = Record<string, unknown>;

const itemOf = (i: Row): PickItem => ({
  id: String(i.id), name: String(i.name), quantity: Number(i.quantity), unit: String(i.unit ?? 'pcs'),
  unitPriceRp: Number(i.unitPriceRp ?? 0), outcome: String(i.outcome ?? 'pending'),
});

/** The active route, or null when the courier has none (asked only while the courier is on a route, so no 404). */
export async function loadCourierRoute(api: ApiClient, courierId: string): Promise<CourierRoute | null> {
  const courier = await api.get<Row>(`/v1/couriers/${courierId}`);
  if (courier.status !== 'on_route') return null;
  let raw: unknown;
  try {
    raw = await api.get(`/v1/couriers/${courierId}/route`);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) return null;
    throw error;
  }
  const route = parseRoute(raw);
  if (!route) return null;
  const marketId = String((camelize(raw) as Row).marketId ?? '');
  const orderIds = [...new Set(route.stops.map((s) => s.orderId).filter(Boolean))];
  const [orders, stalls] = await Promise.all([
    Promise.all(orderIds.map((id) => api.get<Row>(`/v1/orders/${id}`).then((o) => camelize(o) as Row, () => null))),
    marketId ? api.getAll<Row>(`/v1/markets/${marketId}/stalls?limit=200`).catch(() => [] as Row[]) : Promise.resolve([] as Row[]),
  ]);
  const orderById = new Map(orders.filter((o): o is Row => o !== null).map((o) => [String(o.id), o]));
  const stallName = new Map(stalls.map((s) => [String(s.id), `${String(s.stall_code ?? '')} ${String(s.name)}`.trim()]));
  for (const stop of route.stops) {
    const order = orderById.get(stop.orderId);
    const items = Array.isArray(order?.items) ? (order.items as Row[]) : [];
    if (stop.kind === 'pickup' || stop.kind === 'return') {
      stop.items = items.filter((i) => i.stallId === stop.stallId).map(itemOf);
      stop.title = stallName.get(stop.stallId) ?? stop.title;
    } else if (order) {
      stop.items = items.map(itemOf);
      stop.codTotalRp = Number(order.codTotalRp ?? 0);
      const customer = order.customer as Row | null;
      if (customer && typeof customer.name === 'string' && (!stop.title || stop.title === stop.orderId)) stop.title = customer.name;
      if (!stop.note) stop.note = String(order.deliveryNote ?? customer?.landmark ?? '');
    }
  }
  return route;
}
