// Types of the simulator: its timed events, a simulated courier's state, and what a run returns.
import type { PlanRequest } from '../dispatch/dispatch-types.js';
import type { LonLat, RoutingProvider } from '../routing/routing-provider.js';
import type { Prng } from '../random/prng.js';
import type { DispatchPolicy } from './policies/policy.js';
import type { CourierRecord, HourlyLoad, OrderRecord } from './recorder.js';
import type { SimCourier, World } from './world.js';

export type SimEvent =
  | { readonly kind: 'order'; readonly index: number }
  | { readonly kind: 'shiftStart' | 'shiftEnd'; readonly agent: number }
  | { readonly kind: 'answer'; readonly agent: number; readonly offerId: string; readonly accept: boolean }
  | { readonly kind: 'arrive' | 'served'; readonly agent: number; readonly token: number }
  | { readonly kind: 'plan'; readonly market: number; readonly request: PlanRequest }
  | { readonly kind: 'patience'; readonly market: number; readonly orderId: string }
  | { readonly kind: 'tick' | 'ping' | 'traffic' };

export interface Agent {
  readonly sim: SimCourier;
  /** Index in the simulation's agent list. */
  readonly index: number;
  /** Index of the market it works for now (its own, or one it is lent to). */
  market: number;
  /** Index of its own market. */
  readonly homeMarket: number;
  state: 'off' | 'idle' | 'riding' | 'serving' | 'gone';
  pos: LonLat;
  leg?: { readonly from: LonLat; readonly to: LonLat; readonly departMs: number; readonly arriveMs: number; readonly distanceM: number; readonly stopId?: string };
  /** Bumped on every new leg or service: stale arrive/served events are ignored. */
  token: number;
  shiftOver: boolean;
  busySinceMs?: number;
  onSinceMs?: number;
  freeSinceMs: number;
  readonly record: CourierRecord;
  /** Where the dispatcher asked it to wait while idle (staging); a courier with a base goes there instead. */
  waitAt?: LonLat;
  /**
   * Its own random streams (offer answers, staging calls, riding noise): the n-th offer to a courier gets the same draw
   * under every policy, so policies compared on one day differ by their decisions, not by whose turn a draw was.
   */
  readonly draws: { readonly answers: Prng; readonly calls: Prng; readonly rides: Prng };
}

export interface SimulationOptions {
  readonly world: World;
  readonly routing: RoutingProvider;
  readonly policy: DispatchPolicy;
  /** Called with the share of the simulated day done (0–1), the simulated clock (epoch ms) and customer orders resolved. */
  readonly onProgress?: (fraction: number, at: { readonly simulatedMs: number; readonly ordersDone: number }) => void;
}

export interface SimulationResult {
  readonly policy: string;
  readonly orders: readonly OrderRecord[];
  readonly couriers: readonly CourierRecord[];
  readonly hourly: HourlyLoad;
  readonly plans: number;
  readonly offers: number;
  readonly declines: number;
  readonly exchanges: number;
  /** Reason → times a plan left an order waiting (the solver's reason codes). */
  readonly unplanned: Readonly<Record<string, number>>;
  readonly simulatedEndMs: number;
  /** Courier id → the stops it served, in order (the day's plan as run: a warm start for the hindsight solve). */
  readonly servedStops?: Readonly<Record<string, readonly string[]>>;
  /** A plan solved at once (the hindsight reference): what each solve pass did within its budget. */
  readonly search?: readonly SearchPass[];
}

/** One solve of a plan made at once: annealing iterations, CPU time of the solving thread, and when the best came. */
export interface SearchPass {
  readonly iterations: number;
  readonly cpuMs: number;
  readonly timeToBestMs: number;
}
