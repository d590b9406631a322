// Walking between a market's stalls: the courier parks once on entering the pasar and walks its aisles, so legs between
// two stalls are walked (straight-line metres at a walking speed, no distance ridden), not ridden round one-way streets.
import type { MarketInput } from '../model/problem-input.js';

export interface StallWalking {
  /** Walking speed in the aisles, m/s. */
  readonly walkingSpeedMps: number;
  /** Parking the motorbike and walking in, once per entry into the market, s. */
  readonly parkingS: number;
}

/** A crowded pasar aisle at 1 m/s; a minute to park a motorbike at the market's edge. */
export const STALL_WALKING: StallWalking = { walkingSpeedMps: 1, parkingS: 60 };

/** The solver's market whose locations `locationIds` (the stalls) are walked between. */
export function stallMarket(marketId: string, locationIds: Iterable<string>, walking: StallWalking): MarketInput {
  return { id: marketId, locationIds: [...new Set(locationIds)].sort(), walkingSpeedMps: walking.walkingSpeedMps, parkingS: walking.parkingS };
}
