// The courier's availability: offline → idle → offered → on_route → idle, with paused (break) and back.

import type { MachineTable } from './state-machine.js';

export const COURIER_STATES = ['offline', 'idle', 'offered', 'on_route', 'paused'] as const;
export type CourierState = (typeof COURIER_STATES)[number];

export const COURIER_EVENTS = [
  'online', // starts the shift
  'offline', // ends it (any pending offer is withdrawn)
  'offer', // a route is offered to it
  'offer_lapsed', // the offer was declined, expired or withdrawn
  'accept', // it accepted the offered route
  'route_done', // last stop of the route finished (delivered or failed)
  'pause', // break
  'resume', // back from the break
] as const;
export type CourierEvent = (typeof COURIER_EVENTS)[number];

export const courierMachine: MachineTable<CourierState, CourierEvent> = {
  name: 'courier',
  states: COURIER_STATES,
  events: COURIER_EVENTS,
  terminal: [],
  table: {
    offline: { online: 'idle' },
    idle: { offline: 'offline', offer: 'offered', pause: 'paused' },
    offered: { offline: 'offline', offer_lapsed: 'idle', accept: 'on_route' },
    on_route: { route_done: 'idle' },
    paused: { resume: 'idle', offline: 'offline' },
  },
};
