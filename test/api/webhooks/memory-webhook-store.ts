// An in-memory WebhookStore for dispatcher unit tests: deliveries in an array, attempts in a log.

import type { AttemptOutcome, DueDelivery, WebhookStore } from '../../../api/webhooks/webhook-types.js';

export interface MemoryDelivery extends Omit<DueDelivery, 'attempts'> {
  attempts: number;
  status: 'pending' | 'succeeded' | 'dead' | 'disabled';
  nextAttemptAt: Date;
  leasedUntil: Date | null;
}

export class MemoryWebhookStore implements WebhookStore {
  readonly deliveries: MemoryDelivery[] = [];
  readonly log: AttemptOutcome[] = [];
  readonly disabledFleets = new Set<string>();

  add(delivery: Omit<DueDelivery, 'attempts'>, at: Date): void {
    this.deliveries.push({ ...delivery, attempts: 0, status: 'pending', nextAttemptAt: at, leasedUntil: null });
  }

  async enqueueFromOutbox(): Promise<number> {
    return 0;
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DueDelivery[]> {
    const due = this.deliveries.filter(
      (d) => d.status === 'pending' && d.nextAttemptAt <= now && (d.leasedUntil === null || d.leasedUntil <= now),
    );
    return due.slice(0, limit).map((d) => ((d.leasedUntil = leaseUntil), { ...d }));
  }

  async recordAttempt(outcome: AttemptOutcome): Promise<void> {
    this.log.push(outcome);
    const delivery = this.deliveries.find((d) => d.id === outcome.deliveryId);
    if (delivery === undefined) throw new Error(`no delivery ${outcome.deliveryId}`);
    delivery.attempts += 1;
    delivery.leasedUntil = null;
    if (outcome.status === 'retrying') delivery.nextAttemptAt = outcome.nextAttemptAt as Date;
    else delivery.status = outcome.status;
    if (outcome.status === 'disabled') {
      this.disabledFleets.add(outcome.fleetId);
      for (const other of this.deliveries) if (other.fleetId === outcome.fleetId && other.status === 'pending') other.status = 'disabled';
    }
  }
}
