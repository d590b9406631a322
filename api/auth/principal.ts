// Who is calling: the authenticated principal and the scope checks routes use (markets, fleets, couriers).
import { ApiError } from '../errors.js';

export const ROLES = ['admin', 'dispatcher', 'planner', 'fleet', 'courier'] as const;
export type Role = (typeof ROLES)[number];

/** The caller of one request, from an API key (fleet) or a bearer token (every other role). */
export interface Principal {
  readonly role: Role;
  /** The user, fleet or courier id the credential belongs to. */
  readonly subjectId: string;
  /** Markets a dispatcher (or planner) may see; empty for the other roles. */
  readonly marketIds: readonly string[];
  /** The fleet of a fleet or courier principal. */
  readonly fleetId: string | null;
  /** The courier of a courier principal. */
  readonly courierId: string | null;
  /** The API key id or token id: the rate-limit and idempotency scope. */
  readonly credentialId: string;
}

/** Rate-limit / idempotency scope of a principal. */
export function principalKey(p: Principal): string {
  return `${p.role}:${p.credentialId}`;
}

/** True when `p` may see everything of market `marketId` (admins, and dispatchers/planners assigned to it). */
export function seesMarket(p: Principal, marketId: string): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'dispatcher' || p.role === 'planner') return p.marketIds.includes(marketId);
  return false;
}

/** Throws 404 (the resource is hidden, not merely forbidden) when `p` may not see market `marketId`. */
export function assertMarket(p: Principal, marketId: string, what = 'market', id = marketId): void {
  if (!seesMarket(p, marketId)) throw new ApiError('not_found', `${what} ${id} does not exist`);
}

/** True when `p` may see fleet `fleetId`'s couriers: admins and that fleet itself. */
export function seesFleet(p: Principal, fleetId: string): boolean {
  return p.role === 'admin' || (p.role === 'fleet' && p.fleetId === fleetId);
}

/** Throws 404 unless `p` may see fleet `fleetId`. */
export function assertFleet(p: Principal, fleetId: string, what = 'fleet', id = fleetId): void {
  if (!seesFleet(p, fleetId)) throw new ApiError('not_found', `${what} ${id} does not exist`);
}

/**
 * True when `p` may see courier `courierId` of fleet `fleetId`: admins, its fleet, the courier itself,
 * and dispatchers of a market the courier works in (`courierMarketIds`).
 */
export function seesCourier(p: Principal, courierId: string, fleetId: string, courierMarketIds: readonly string[] = []): boolean {
  if (p.role === 'courier') return p.courierId === courierId;
  if (p.role === 'dispatcher') return courierMarketIds.some((m) => p.marketIds.includes(m));
  return seesFleet(p, fleetId);
}

/** Throws 404 unless `p` may see the courier. */
export function assertCourier(p: Principal, courierId: string, fleetId: string, courierMarketIds: readonly string[] = []): void {
  if (!seesCourier(p, courierId, fleetId, courierMarketIds)) throw new ApiError('not_found', `courier ${courierId} does not exist`);
}
