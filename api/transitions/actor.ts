// Who may drive a courier's transitions: the courier itself, its fleet, or an admin. Others see 404 (hidden) or 403 (role).

import { ApiError } from '../errors.js';
import type { Principal } from '../auth/principal.js';

/** Throws unless `p` may act for courier `courierId` of fleet `fleetId`; `what`/`id` name the resource in the 404. */
export function assertActsForCourier(p: Principal, courierId: string, fleetId: string, what: string, id: string): void {
  if (p.role === 'admin') return;
  if (p.role === 'courier' && p.courierId === courierId) return;
  if (p.role === 'fleet' && p.fleetId === fleetId) return;
  if (p.role === 'courier' || p.role === 'fleet') throw new ApiError('not_found', `${what} ${id} does not exist`);
  throw new ApiError('forbidden', `role ${p.role} may not act for couriers`);
}

