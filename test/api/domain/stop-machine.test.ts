// Route stop machine.

import { describe } from 'vitest';
import { stopMachine } from '../../../api/domain/stop-machine.js';
import { machineSpec } from './machine-spec.js';

describe('stopMachine', () => {
  machineSpec(stopMachine, 'pending', [
    'pending --arrive--> arrived',
    'pending --fail--> failed',
    'pending --cancel--> cancelled',
    'arrived --complete--> done',
    'arrived --fail--> failed',
    'arrived --cancel--> cancelled',
  ]);
});
