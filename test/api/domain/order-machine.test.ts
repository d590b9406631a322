// Order lifecycle: the table as written in the issue, plus the exchange branch.

import { describe, expect, it } from 'vitest';
import { orderMachine, transitionOrder } from '../../../api/domain/order-machine.js';
import { IllegalTransition } from '../../../api/domain/state-machine.js';
import { machineSpec } from './machine-spec.js';

describe('orderMachine', () => {
  machineSpec(orderMachine, 'created', [
    'created --batch--> batched',
    'created --cancel--> cancelled',
    'batched --unbatch--> created',
    'batched --offer--> offered',
    'batched --cancel--> cancelled',
    'offered --offer--> offered',
    'offered --offer_lapsed--> batched',
    'offered --assign--> assigned',
    'offered --cancel--> cancelled',
    'assigned --release--> created',
    'assigned --start_picking--> picking',
    'assigned --fail--> failed',
    'assigned --cancel--> cancelled',
    'picking --depart--> delivering',
    'picking --fail--> failed',
    'delivering --deliver--> delivered',
    'delivering --fail--> failed',
    'delivering --exchange--> exchanged',
  ]);

  it('walks the happy path to delivered', () => {
    let state = orderMachine.states[0];
    for (const event of ['batch', 'offer', 'assign', 'start_picking', 'depart', 'deliver'] as const) {
      const next = transitionOrder(state, event);
      if (next instanceof IllegalTransition) throw next;
      state = next;
    }
    expect(state).toBe('delivered');
  });

  it('cannot cancel once picking has started', () => {
    const result = transitionOrder('picking', 'cancel');
    expect(result).toBeInstanceOf(IllegalTransition);
    expect((result as IllegalTransition).allowed).toEqual(['depart', 'fail']);
  });
});
