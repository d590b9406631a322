// Courier actions as queued REST calls: offer accept / decline and stop events (arrived, picked, delivered, refused).
import type { OfflineQueue } from './offline-queue.js';

export type ItemOutcome = 'picked' | 'missing' | 'substituted';

export class CourierActions {
  constructor(private readonly queue: OfflineQueue) {}

  accept(offerId: string): void { this.queue.enqueue(`/v1/offers/${offerId}/accept`, {}, 'offer.accept'); }
  decline(offerId: string): void { this.queue.enqueue(`/v1/offers/${offerId}/decline`, {}, 'offer.decline'); }
  arrived(stopId: string): void { this.queue.enqueue(`/v1/stops/${stopId}/arrived`, {}, 'stop.arrived'); }

  picked(stopId: string, items: readonly { itemId: string; outcome: ItemOutcome; substituteName?: string }[]): void {
    this.queue.enqueue(`/v1/stops/${stopId}/picked`, {
      items: items.map((i) => ({ item_id: i.itemId, outcome: i.outcome, ...(i.substituteName ? { substitute_name: i.substituteName } : {}) })),
    }, 'stop.picked');
  }

  delivered(stopId: string, codCollectedRp: number): void {
    this.queue.enqueue(`/v1/stops/${stopId}/delivered`, { cod_collected_rp: codCollectedRp }, 'stop.delivered');
  }

  /** The customer refused the goods at the door: opens an exchange for the order. */
  refused(orderId: string, reason: string): void {
    this.queue.enqueue(`/v1/orders/${orderId}/exchange`, { reason }, 'stop.refused');
  }
}
