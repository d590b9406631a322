// The live dispatch objective, from a market's dispatch settings: soft priced lateness, the click-to-door and told-hour
// terms and stability. One place, used by every plan of the live loop and by the hindsight reference.
import type { ObjectiveInput } from '../model/problem-input.js';
import type { DispatchConfig } from './dispatch-config.js';

export type ObjectiveSettings = Pick<DispatchConfig, 'softTimeWindows' | 'stabilityCost' | 'latenessCostPerS' | 'clickToDoor' | 'toldHour'>;

export function planObjective(config: ObjectiveSettings, previousAssignment: Readonly<Record<string, string>>): ObjectiveInput {
  return {
    softTimeWindows: config.softTimeWindows,
    latenessCostPerS: config.latenessCostPerS,
    stabilityCost: config.stabilityCost,
    previousAssignment,
    ...(config.clickToDoor ? { clickToDoor: config.clickToDoor } : {}),
    ...(config.toldHour ? { toldHour: { slackS: config.toldHour.slackMs / 1000, costPerS: config.toldHour.costPerS } } : {}),
  };
}
