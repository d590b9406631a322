// Contracts between the webhook dispatcher and its store: a due delivery, the outcome of one attempt.

/** One message to one fleet endpoint, claimed for sending. `messageId` stays the same across retries. */
export interface DueDelivery {
  readonly id: string;
  readonly fleetId: string;
  readonly url: string;
  /** The fleet's `whsec_…` secret. */
  readonly secret: string;
  readonly messageId: string;
  /** The exact JSON text to send and sign. */
  readonly body: string;
  /** Attempts made before this one. */
  readonly attempts: number;
}

/** What happened on one attempt; the store records it in the delivery log. */
export interface AttemptOutcome {
  readonly deliveryId: string;
  readonly fleetId: string;
  /** 'succeeded' (2xx), 'retrying' (will try again at `nextAttemptAt`), 'dead' (attempts exhausted), 'disabled' (410: endpoint turned off). */
  readonly status: 'succeeded' | 'retrying' | 'dead' | 'disabled';
  readonly attemptedAt: Date;
  /** HTTP status of the response; null when no response (network error, timeout). */
  readonly responseCode: number | null;
  /** Short error text when the attempt failed. */
  readonly error: string | null;
  readonly durationMs: number;
  readonly nextAttemptAt: Date | null;
}

/** The dispatcher's view of the database. */
export interface WebhookStore {
  /** Turns new outbox events into deliveries due at `now` for the fleets concerned; returns how many were created. */
  enqueueFromOutbox(now: Date, limit: number): Promise<number>;
  /** Claims up to `limit` deliveries due at `now`, leasing them until `leaseUntil` so no other worker sends them meanwhile. */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DueDelivery[]>;
  /** Records one attempt and its consequence (schedule, finish, or disable the fleet's endpoint on 410). */
  recordAttempt(outcome: AttemptOutcome): Promise<void>;
}
