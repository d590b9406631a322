// The webhook delivery loop: outbox → pending deliveries → signed POSTs, with backoff, 410 → disable, and a delivery log.

import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';
import { guardedFetch } from './guarded-fetch.js';
import { signWebhook } from './signing.js';
import { WebhookUrlPolicy, WebhookUrlRefused } from './url-policy.js';
import type { AttemptOutcome, DueDelivery, WebhookStore } from './webhook-types.js';

export interface WebhookDispatcherOptions {
  readonly store: WebhookStore;
  /** Which URLs and addresses may be called (default: no private, loopback, link-local or reserved addresses). */
  readonly urlPolicy?: WebhookUrlPolicy;
  /** Injectable for tests; defaults to a fetch that connects only where `urlPolicy` allows and follows no redirect. */
  readonly fetch?: typeof globalThis.fetch;
  /** Injectable clock; defaults to `() => new Date()`. */
  readonly now?: () => Date;
  /** Injectable randomness for the jitter, in [0, 1). */
  readonly random?: () => number;
  readonly policy?: BackoffPolicy;
  /** Pause between ticks of the loop when the last tick found nothing to do. */
  readonly pollIntervalMs?: number;
  /** Deliveries claimed (and sent in parallel) per tick. */
  readonly batchSize?: number;
  /** Per-request timeout; a timeout counts as a failed attempt. */
  readonly requestTimeoutMs?: number;
  /** Called with errors of the loop itself (store down…); the loop keeps running. */
  readonly onError?: (error: unknown) => void;
}

/** Sends the outbox to fleets. `tick()` does one round (tests drive it); `start()` runs it until `stop()`. */
export class WebhookDispatcher {
  private readonly store: WebhookStore;
  private readonly urlPolicy: WebhookUrlPolicy;
  private readonly fetchFn: typeof globalThis.fetch;
  private readonly ownFetch: ReturnType<typeof guardedFetch> | null;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly policy: BackoffPolicy;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly requestTimeoutMs: number;
  private readonly onError: (error: unknown) => void;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** Set by `wake()` during a round, so the loop skips the next pause. */
  private woken = false;

  constructor(options: WebhookDispatcherOptions) {
    this.store = options.store;
    this.urlPolicy = options.urlPolicy ?? new WebhookUrlPolicy();
    this.ownFetch = options.fetch ? null : guardedFetch(this.urlPolicy);
    this.fetchFn = options.fetch ?? this.ownFetch!;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.policy = options.policy ?? DEFAULT_BACKOFF;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 20;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.onError = options.onError ?? (() => {});
  }

  /** One round: enqueue new outbox events, claim due deliveries, send them. Returns the attempts made. */
  async tick(): Promise<AttemptOutcome[]> {
    const now = this.now();
    await this.store.enqueueFromOutbox(now, this.batchSize * 10);
    const leaseUntil = new Date(now.getTime() + this.requestTimeoutMs * 2);
    const due = await this.store.claimDue(now, leaseUntil, this.batchSize);
    const outcomes = await Promise.all(due.map((delivery) => this.attempt(delivery)));
    for (const outcome of outcomes) await this.store.recordAttempt(outcome);
    return outcomes;
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Cuts the current pause short (new events were committed); no effect when stopped. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops the loop after the round in flight; resolves when it has finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
    await this.ownFetch?.close();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      this.woken = false;
      try {
        busy = (await this.tick()).length > 0;
      } catch (error) {
        this.onError(error);
      }
      if (!busy && !this.woken && this.running) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wakeUp = () => (clearTimeout(timer), resolve());
      });
      this.wakeUp = null;
    }
  }

  /** Sends one delivery and classifies the result. Never throws. */
  private async attempt(delivery: DueDelivery): Promise<AttemptOutcome> {
    const attemptedAt = this.now();
    const timestampS = Math.floor(attemptedAt.getTime() / 1000);
    const started = performance.now();
    let responseCode: number | null = null;
    let error: string | null = null;
    try {
      await this.urlPolicy.vet(delivery.url);
    } catch (refused) {
      // Never sent: the endpoint must change before a retry can succeed, so the delivery is dead at once.
      const message = refused instanceof WebhookUrlRefused ? `refused by the SSRF policy: ${refused.message}` : `refused: ${String(refused)}`;
      return { deliveryId: delivery.id, fleetId: delivery.fleetId, attemptedAt, responseCode: null, error: message.slice(0, 300), durationMs: 0, status: 'dead', nextAttemptAt: null };
    }
    try {
      const headers = signWebhook(delivery.secret, delivery.messageId, timestampS, delivery.body);
      const response = await this.fetchFn(delivery.url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'jejaring-webhooks/1' },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      responseCode = response.status;
      await response.body?.cancel().catch(() => {});
      if (responseCode < 200 || responseCode >= 300) error = `HTTP ${responseCode}`;
    } catch (caught) {
      error = caught instanceof Error ? `${caught.name}: ${caught.message}`.slice(0, 300) : 'request failed';
    }
    const durationMs = Math.round(performance.now() - started);
    const base = { deliveryId: delivery.id, fleetId: delivery.fleetId, attemptedAt, responseCode, error, durationMs };
    if (error === null) return { ...base, status: 'succeeded', nextAttemptAt: null };
    if (responseCode === 410) return { ...base, status: 'disabled', nextAttemptAt: null };
    const delayMs = retryDelayMs(delivery.attempts + 1, this.policy, this.random);
    if (delayMs === null) return { ...base, status: 'dead', nextAttemptAt: null };
    return { ...base, status: 'retrying', nextAttemptAt: new Date(attemptedAt.getTime() + delayMs) };
  }
}
