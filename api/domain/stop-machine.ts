// One stop of a courier's route (a stall pickup, a delivery, a return to a stall): pending → arrived → done | failed.

import type { MachineTable } from './state-machine.js';

export const STOP_STATES = ['pending', 'arrived', 'done', 'failed', 'cancelled'] as const;
export type StopState = (typeof STOP_STATES)[number];

export const STOP_EVENTS = ['arrive', 'complete', 'fail', 'cancel'] as const;
export type StopEvent = (typeof STOP_EVENTS)[number];

export const stopMachine: MachineTable<StopState, StopEvent> = {
  name: 'stop',
  states: STOP_STATES,
  events: STOP_EVENTS,
  terminal: ['done', 'failed', 'cancelled'],
  table: {
    pending: { arrive: 'arrived', fail: 'failed', cancel: 'cancelled' },
    arrived: { complete: 'done', fail: 'failed', cancel: 'cancelled' },
    done: {},
    failed: {},
    cancelled: {},
  },
};
