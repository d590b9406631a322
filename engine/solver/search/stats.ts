// Search statistics: per-operator attempts, improvements and accepted moves, iterations and timings.

export interface OperatorStats {
  /** Moves evaluated (local search) or ruin-and-recreate rounds (SISR). */
  attempts: number;
  /** Moves that lowered the cost (local search) or gave a new best (SISR). */
  improvements: number;
  /** Moves applied (local search) or accepted by the annealing (SISR). */
  accepted: number;
  /** Branch-and-bound nodes visited (route-pool recombination only). */
  nodes?: number;
}

export interface SolveStats {
  /** Ruin-and-recreate iterations of the annealing. */
  iterations: number;
  operators: Record<string, OperatorStats>;
  /** Cost after construction and the first local search. */
  initialCost: number;
  bestCost: number;
  /** When the best plan was found, ms on the budget's clock (CPU ms under a CPU-only budget). */
  timeToBestMs: number;
  /** Wall time of the solve, ms. */
  elapsedMs: number;
  /** CPU time of the solving thread, ms. */
  cpuMs: number;
  seed: number;
}

export function statsFor(all: Record<string, OperatorStats>, name: string): OperatorStats {
  let s = all[name];
  if (s === undefined) {
    s = { attempts: 0, improvements: 0, accepted: 0 };
    all[name] = s;
  }
  return s;
}
