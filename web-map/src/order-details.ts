// Order details on demand: `order.created` carries the delivery point, customer name and totals, later order events
// ids and states only; the map fetches the orders whose delivery point it still lacks (a few requests at a time).
import type { ApiClient } from './api-client.js';
import { camelize, lonLatOf, toMs } from './realtime/event-adapter.js';
import type { DispatchStore } from './store/dispatch-store.js';

const IN_FLIGHT_MAX = 4;

export class OrderDetailsFetcher {
  private readonly queue: string[] = [];
  private readonly asked = new Set<string>();
  private inFlight = 0;

  constructor(private readonly api: ApiClient, private readonly store: DispatchStore) {}

  /** Queues `orderId` unless its delivery point is known or it was asked for already. */
  want(orderId: string): void {
    if (!orderId || this.asked.has(orderId) || Number.isFinite(this.store.orders.get(orderId)?.lat)) return;
    this.asked.add(orderId);
    this.queue.push(orderId);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT_MAX && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.inFlight++;
      this.api.get<Record<string, unknown>>(`/v1/orders/${id}`)
        .then((raw) => this.apply(id, camelize(raw) as Record<string, unknown>), () => undefined)
        .finally(() => { this.inFlight--; this.pump(); });
    }
  }

  /** Takes the static facts only: the state stays whatever the (newer) event stream says. */
  private apply(id: string, o: Record<string, unknown>): void {
    const at = lonLatOf(o.deliveryLocation);
    const customer = o.customer as Record<string, unknown> | null;
    const window = o.window as Record<string, unknown> | null;
    this.store.apply(0, 'order.details', [{ kind: 'order.upsert', order: {
      id,
      ...(typeof o.marketId === 'string' ? { marketId: o.marketId } : {}),
      ...(at ? { lon: at[0], lat: at[1] } : {}),
      ...(customer && typeof customer.name === 'string' ? { customerName: customer.name } : {}),
      ...(typeof o.codTotalRp === 'number' ? { codTotalRp: o.codTotalRp } : {}),
      ...(Array.isArray(o.items) ? { itemCount: o.items.length } : {}),
      ...(o.createdAt ? { createdAtMs: toMs(o.createdAt) } : {}),
      ...(o.bookedFor ? { bookedForMs: toMs(o.bookedFor) } : {}),
      ...(window?.end ? { promisedAtMs: toMs(window.end) } : {}),
    } }]);
  }
}
