// Per order item at its stall: pending → picked | missing | substituted, and refused when the customer turns it down at the door.

import { type MachineTable, type IllegalTransition, transition } from './state-machine.js';

export const ITEM_STATES = ['pending', 'picked', 'missing', 'substituted', 'refused'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_EVENTS = ['pick', 'miss', 'substitute', 'refuse'] as const;
export type ItemEvent = (typeof ITEM_EVENTS)[number];

export const itemMachine: MachineTable<ItemState, ItemEvent> = {
  name: 'order_item',
  states: ITEM_STATES,
  events: ITEM_EVENTS,
  terminal: ['missing', 'refused'],
  table: {
    pending: { pick: 'picked', miss: 'missing', substitute: 'substituted' },
    picked: { refuse: 'refused' },
    substituted: { refuse: 'refused' },
    missing: {},
    refused: {},
  },
};

/** The outcome a courier reports per item at a stall, mapped to the item event. */
export const PICK_OUTCOME_EVENT = { picked: 'pick', missing: 'miss', substituted: 'substitute' } as const satisfies Record<
  string,
  ItemEvent
>;
export type PickOutcome = keyof typeof PICK_OUTCOME_EVENT;

/** Next item state, or an IllegalTransition. */
export function transitionItem(state: ItemState, event: ItemEvent): ItemState | IllegalTransition {
  return transition(itemMachine, state, event);
}
