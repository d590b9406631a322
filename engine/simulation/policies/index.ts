// Policy registry: names on the command line (`jejaring`, `jejaring-120s`, `nearest`, `one-per-trip`, `fifo`, `fifo-300s`).
import { InputError } from '../../errors.js';
import type { ResolvedPolicy } from '../scenario.js';
import { fifoPolicy } from './fifo.js';
import { jejaringPolicy } from './jejaring.js';
import { nearestPolicy } from './nearest.js';
import { onePerTripPolicy } from './one-per-trip.js';
import type { DispatchPolicy } from './policy.js';

export type { DispatchPolicy, PolicyContext } from './policy.js';
export { jejaringPolicy, nearestPolicy, onePerTripPolicy, fifoPolicy };

export const POLICY_NAMES = ['jejaring', 'jejaring-<N>s', 'nearest', 'one-per-trip', 'fifo', 'fifo-<N>s'] as const;

/** The policy called `name`, set up from the scenario's policy section. */
export function policyByName(name: string, policy: ResolvedPolicy): DispatchPolicy {
  const windowed = /^(jejaring|fifo)-(\d+(?:\.\d+)?)s$/.exec(name);
  if (windowed) {
    const windowS = Number(windowed[2]);
    if (windowS > 3600) throw new InputError('unknown_policy', `batching window of ${name} exceeds 3600 s`, 'compare');
    return { ...(windowed[1] === 'jejaring' ? jejaringPolicy(policy, windowS) : fifoPolicy(policy, windowS)), name };
  }
  switch (name) {
    case 'jejaring': return jejaringPolicy(policy);
    case 'nearest': return nearestPolicy(policy);
    case 'one-per-trip': return onePerTripPolicy(policy);
    case 'fifo': return fifoPolicy(policy);
    default: throw new InputError('unknown_policy', `unknown policy "${name}" (known: ${POLICY_NAMES.join(', ')})`, 'compare');
  }
}
