// Per-item picking outcomes and refusal at the door.

import { describe, expect, it } from 'vitest';
import { itemMachine, PICK_OUTCOME_EVENT, transitionItem } from '../../../api/domain/item-machine.js';
import { machineSpec } from './machine-spec.js';

describe('itemMachine', () => {
  machineSpec(itemMachine, 'pending', [
    'pending --pick--> picked',
    'pending --miss--> missing',
    'pending --substitute--> substituted',
    'picked --refuse--> refused',
    'substituted --refuse--> refused',
  ]);

  it('maps each reported outcome to the state of the same name', () => {
    for (const [outcome, event] of Object.entries(PICK_OUTCOME_EVENT)) expect(transitionItem('pending', event)).toBe(outcome);
  });
});
