// The order lifecycle: created → batched → offered → assigned → picking → delivering → delivered | failed | cancelled | exchanged.

import { type MachineTable, type IllegalTransition, transition } from './state-machine.js';

export const ORDER_STATES = [
  'created', // accepted from the customer, waiting for the next batch
  'batched', // in a planned route of its market, not yet offered
  'offered', // the route holding it is offered to one or more couriers
  'assigned', // a courier accepted; heading to the first stall
  'picking', // the courier is at the stalls (per-item outcome recorded)
  'delivering', // all pickups done, goods on the bike
  'delivered', // handed over, COD collected
  'failed', // could not be completed (reason recorded)
  'cancelled', // withdrawn before picking started
  'exchanged', // the customer refused goods at the door; a child exchange order carries them on
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** States in which a courier holds the order: accepted, the door not yet reached. */
export const COURIER_HELD_STATES: readonly OrderState[] = ['assigned', 'picking', 'delivering'];

export const ORDER_EVENTS = [
  'batch', // planner put it in a route
  'unbatch', // re-planning took it out again
  'offer', // its route went out as an offer (again while offered: broadcast to more couriers)
  'offer_lapsed', // every offer was declined, expired or withdrawn
  'assign', // an offer covering it was accepted
  'release', // the assigned courier dropped out before picking; back to the pool
  'start_picking', // courier arrived at its first stall
  'depart', // last pickup done, leaving for the customer
  'deliver', // delivered and paid
  'fail', // stop failed (customer absent, stall closed, …)
  'cancel', // customer or operator cancelled
  'exchange', // customer refused goods at the door
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

export const orderMachine: MachineTable<OrderState, OrderEvent> = {
  name: 'order',
  states: ORDER_STATES,
  events: ORDER_EVENTS,
  terminal: ['delivered', 'failed', 'cancelled', 'exchanged'],
  table: {
    created: { batch: 'batched', cancel: 'cancelled' },
    batched: { unbatch: 'created', offer: 'offered', cancel: 'cancelled' },
    offered: { offer: 'offered', offer_lapsed: 'batched', assign: 'assigned', cancel: 'cancelled' },
    assigned: { release: 'created', start_picking: 'picking', fail: 'failed', cancel: 'cancelled' },
    picking: { depart: 'delivering', fail: 'failed' },
    delivering: { deliver: 'delivered', fail: 'failed', exchange: 'exchanged' },
    delivered: {},
    failed: {},
    cancelled: {},
    exchanged: {},
  },
};

/** Next order state, or an IllegalTransition. */
export function transitionOrder(state: OrderState, event: OrderEvent): OrderState | IllegalTransition {
  return transition(orderMachine, state, event);
}
