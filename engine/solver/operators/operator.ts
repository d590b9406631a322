// The operator contract: evaluate() prices the best move around one order without allocating; apply() performs it.
import type { SearchContext } from '../search-context.js';
import type { SolutionState } from '../solution-state.js';

/**
 * A move found by evaluate(): orders, couriers and positions (their meaning is the operator's), plus its objective
 * change; moves of many orders keep their steps in `plan[0..planLength)`.
 */
export interface Move {
  delta: number;
  o1: number;
  o2: number;
  c1: number;
  c2: number;
  i1: number;
  j1: number;
  i2: number;
  j2: number;
  /** 1 when the insertion at (i1, j1) / (i2, j2) is merged into stall visits (stall-merge.ts), else 0. */
  m1: number;
  m2: number;
  plan: Int32Array;
  planLength: number;
}

export function newMove(): Move {
  return { delta: Infinity, o1: -1, o2: -1, c1: -1, c2: -1, i1: -1, j1: -1, i2: -1, j2: -1, m1: 0, m2: 0, plan: new Int32Array(0), planLength: 0 };
}

/** Makes room for `length` entries in `move.plan` (grows it; never shrinks). */
export function reservePlan(move: Move, length: number): Int32Array {
  if (move.plan.length < length) move.plan = new Int32Array(Math.max(length, 2 * move.plan.length));
  return move.plan;
}

export interface OrderOperator {
  readonly name: string;
  /** Fills `move` with the best move of this neighbourhood around order `o` in `s`; returns its objective change (Infinity: none). */
  evaluate(ctx: SearchContext, s: SolutionState, o: number, move: Move): number;
  /** Applies a move filled by evaluate() on the same, unchanged `s`. */
  apply(ctx: SearchContext, s: SolutionState, move: Move): void;
}
