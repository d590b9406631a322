// An offer of a route to one courier: pending → accepted | declined | expired | withdrawn.

import type { MachineTable } from './state-machine.js';

export const OFFER_STATES = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type OfferState = (typeof OFFER_STATES)[number];

export const OFFER_EVENTS = ['accept', 'decline', 'expire', 'withdraw'] as const;
export type OfferEvent = (typeof OFFER_EVENTS)[number];

export const offerMachine: MachineTable<OfferState, OfferEvent> = {
  name: 'offer',
  states: OFFER_STATES,
  events: OFFER_EVENTS,
  terminal: ['accepted', 'declined', 'expired', 'withdrawn'],
  table: {
    pending: { accept: 'accepted', decline: 'declined', expire: 'expired', withdraw: 'withdrawn' },
    accepted: {},
    declined: {},
    expired: {},
    withdrawn: {},
  },
};
