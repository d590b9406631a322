// Offer time-to-live that follows how fast a market's couriers answer: when the couriers of a fleet have lately
// answered close to the TTL or let offers expire, offers to that fleet get longer, so an offer a courier would take
// does not expire under it (and cost it a cooldown). Never shorter than the market's setting, nor above its maximum.
import type { DispatchConfig } from './dispatch-config.js';
import type { FleetKind } from '../model/problem-input.js';

/** How many of a fleet's latest answer times the market remembers. */
export const ANSWERS_REMEMBERED = 16;
/** The TTL leaves this much room over the slowest remembered answer. */
export const TTL_HEADROOM = 1.25;

export class OfferAnswerTimes {
  private readonly byFleet = new Map<FleetKind, number[]>();

  /** Remembers how long a courier of `fleet` took to answer an offer, ms (an expired offer counts as its whole TTL). */
  record(fleet: FleetKind, answerMs: number): void {
    let answers = this.byFleet.get(fleet);
    if (!answers) this.byFleet.set(fleet, (answers = []));
    answers.push(Math.max(0, answerMs));
    if (answers.length > ANSWERS_REMEMBERED) answers.shift();
  }

  /** TTL (ms) of the next offer to a courier of `fleet`: the slowest remembered answer plus headroom, within the settings. */
  ttlMs(fleet: FleetKind, config: Pick<DispatchConfig, 'offerTtlMs' | 'offerTtlMaxMs'>): number {
    const slowestMs = Math.max(0, ...(this.byFleet.get(fleet) ?? []));
    const ceilingMs = Math.max(config.offerTtlMs, config.offerTtlMaxMs); // a maximum below the setting turns adaptation off
    return Math.round(Math.min(ceilingMs, Math.max(config.offerTtlMs, slowestMs * TTL_HEADROOM)));
  }
}
