// Default weights and courier costs of the objective, shared by the solver and the independent checker.

/** Cost units are abstract; the defaults make the objective lexicographic: unassigned ≫ lateness ≫ the rest. */
export const OBJECTIVE_DEFAULTS = {
  unassignedCost: 1e9,
  softTimeWindows: false,
  latenessCostPerS: 1e4,
  stabilityCost: 600,
} as const;

/**
 * Courier costs when a courier does not state its own. A route's cost is
 * fixedCost (once, if it has stops) + costPerHour · durationS / 3600 + costPerKm · distanceM / 1000,
 * where durationS runs from the route's start to its end, waiting included.
 */
export const COURIER_COST_DEFAULTS = {
  fixedCost: 0,
  costPerHour: 3600,
  costPerKm: 0,
  speedFactor: 1,
} as const;
