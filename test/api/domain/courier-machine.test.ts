// Courier availability machine.

import { describe } from 'vitest';
import { courierMachine } from '../../../api/domain/courier-machine.js';
import { machineSpec } from './machine-spec.js';

describe('courierMachine', () => {
  machineSpec(courierMachine, 'offline', [
    'offline --online--> idle',
    'idle --offline--> offline',
    'idle --offer--> offered',
    'idle --pause--> paused',
    'offered --offline--> offline',
    'offered --offer_lapsed--> idle',
    'offered --accept--> on_route',
    'on_route --route_done--> idle',
    'paused --resume--> idle',
    'paused --offline--> offline',
  ]);
});
