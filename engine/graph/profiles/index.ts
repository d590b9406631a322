// Profile registry: the profiles jejaring ships, looked up by name.
import { NotFoundError } from '../../errors.js';
import { carProfile } from './car.js';
import { motorbikeProfile } from './motorbike.js';
import type { RoadProfile } from './road-profile.js';

export type { RoadProfile, RoadClassRule, WayRule } from './road-profile.js';
export { wayRule, roadClassMask, roadClassBits } from './road-profile.js';
export { motorbikeProfile } from './motorbike.js';
export { carProfile } from './car.js';

/** Every shipped profile by name. */
export const PROFILES: Readonly<Record<string, RoadProfile>> = { motorbike: motorbikeProfile, car: carProfile };

/** The profile called `name`; throws NotFoundError `unknown_profile` naming it and the known ones. */
export function getProfile(name: string): RoadProfile {
  const profile = Object.hasOwn(PROFILES, name) ? PROFILES[name] : undefined;
  if (!profile) throw new NotFoundError('unknown_profile', `unknown profile "${name}", expected one of ${Object.keys(PROFILES).join(', ')}`, 'profile');
  return profile;
}
