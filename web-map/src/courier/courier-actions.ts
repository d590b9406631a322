// Courier actions as queued REST calls: offer accept / decline and stop events (arrived, picked, delivered, refused).
import type { OfflineQueue } from './offline-queue.js';

export type ItemOutcome = 'picked' | 'missing' | 'substituted';

export class CourierActions {
  constructor(private readonly queue: OfflineQueue) {}

  accept(offerId: string): void { this.queue.enqueue(`/v1/offers/${offerId}/accept`, {}, 'offer.accept'); }
  decline(offerId: string): void { this.queue.enqueue(`/v1/offers/${offerId}/decline`, {}, 'offer.decline'); }
  arrived(stopId: string): void { this.queue.enqueue(`/v1/stops/${stopId}/arrive`, {}, 'stop.arrived'); }

  picked(stopId: string, items: readonly { itemId: string; outcome: ItemOutcome; substituteName?: string }[]): void {
    this.queue.enqueue(`/v1/stops/${stopId}/pickup`, {
      items: items.map((i) => ({ item_id: i.itemId, outcome: i.outcome, ...(i.substituteName ? { substitute_name: i.substituteName } : {}) })),
    }, 'stop.picked');
  }

  delivered(stopId: string, codCollectedRp: number): void {
    this.queue.enqueue(`/v1/stops/${stopId}/deliver`, { cod_collected_rp: codCollectedRp }, 'stop.delivered');
  }

  /** The customer refused the goods at the door: opens an exchange (return to the stalls, redelivery) for those items. */
  refused(orderId: string, itemIds: readonly string[], codCollectedRp: number, reason = 'customer refused the goods'): void {
    this.queue.enqueue(`/v1/orders/${orderId}/exchange`, {
      items: itemIds.map((id) => ({ item_id: id, reason })), cod_collected_rp: codCollectedRp,
    }, 'stop.refused');
  }
}
