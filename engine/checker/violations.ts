// The checker's vocabulary: violation codes, the violation record and the result of checking a solution.
import type { CostBreakdown, PlannedRoute } from '../model/problem-input.js';

/** Stable snake_case codes, one per kind of rule a solution can break. */
export type ViolationCode =
  | 'unknown_courier'
  | 'duplicate_route'
  | 'empty_route'
  | 'unknown_stop'
  | 'stop_mismatch'
  | 'duplicate_stop'
  | 'done_pickup_planned'
  | 'unknown_order'
  | 'invalid_reason'
  | 'order_missing'
  | 'order_duplicated'
  | 'order_split'
  | 'order_incomplete'
  | 'precedence'
  | 'capacity'
  | 'time_window'
  | 'shift'
  | 'max_stops'
  | 'skills'
  | 'max_in_bag'
  | 'frozen_on_board'
  | 'frozen_next_stop'
  | 'reported_mismatch'
  | 'cost_mismatch';

export interface Violation {
  readonly code: ViolationCode;
  readonly routeCourierId?: string;
  readonly stopId?: string;
  readonly orderId?: string;
  readonly message: string;
}

export interface CheckOptions {
  /** Relative tolerance when comparing reported numbers with recomputed ones (default 1e-6). */
  readonly relativeTolerance?: number;
}

export interface CheckResult {
  /** True when no rule is broken (no violations at all). */
  readonly feasible: boolean;
  readonly violations: readonly Violation[];
  /** The cost recomputed from the input and the routes' stop sequences (never copied from the solution). */
  readonly cost: CostBreakdown;
  /** Each reported route recomputed from its stop sequence, in the solution's order. */
  readonly recomputedRoutes: readonly PlannedRoute[];
}

/** True when `a` and `b` agree within `relTol` relative to their size (absolute below 1). */
export function nearlyEqual(a: number, b: number, relTol: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= relTol * Math.max(1, Math.abs(a), Math.abs(b));
}

/** True when `value` exceeds `limit` by more than the tolerance. */
export function exceeds(value: number, limit: number, relTol: number): boolean {
  return value > limit && !nearlyEqual(value, limit, relTol);
}
