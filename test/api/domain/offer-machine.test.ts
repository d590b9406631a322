// Offer machine: one way out of pending, every outcome terminal.

import { describe } from 'vitest';
import { offerMachine } from '../../../api/domain/offer-machine.js';
import { machineSpec } from './machine-spec.js';

describe('offerMachine', () => {
  machineSpec(offerMachine, 'pending', [
    'pending --accept--> accepted',
    'pending --decline--> declined',
    'pending --expire--> expired',
    'pending --withdraw--> withdrawn',
  ]);
});
