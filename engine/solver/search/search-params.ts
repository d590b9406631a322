// Tunable parameters of the search with their defaults (overridable per solve for experiments and benchmarks).
import type { RaceParams } from './distance-race.js';
import type { SisrParams } from './sisr-ruin.js';

export interface SearchParams extends SisrParams, RaceParams {
  /** Share of the budget given to fleet minimisation when vehicles dominate the objective (0: never). */
  readonly fleetShare: number;
  /** Share of the budget annealed before fleet minimisation starts (from the best plan so far). */
  readonly fleetStart: number;
  /** Annealing start / end temperatures, as multiples of the mean routing cost per stop. */
  readonly startTemperature: number;
  readonly endTemperature: number;
  /** Probability of skipping each insertion candidate in the recreate (SISR blinks). */
  readonly blinkRate: number;
  /** Chance per annealing iteration of trying route elimination instead of a ruin-and-recreate. */
  readonly eliminationRate: number;
  /**
   * Intensification once fleet minimisation has settled the vehicle count: the rest of the budget anneals on
   * distance with a new cooling schedule starting at this temperature (multiple of the mean routing cost per stop)
   * and route elimination tried at `intensifyEliminationRate`; 0 keeps the one schedule.
   */
  readonly intensifyTemperature: number;
  /** Chance per iteration of a route elimination try during intensification (a vehicle may still go). */
  readonly intensifyEliminationRate: number;
  /**
   * Intensification after fleet minimisation removed a vehicle: movable orders a recreate cannot fit without a new
   * route may stay out of the current plan, each priced at this multiple of the mean routing cost per stop
   * (anneal's relaxed acceptance), so the search can leave the basin the removal left it in; 0: never.
   */
  readonly relaxPenalty: number;
  /** Schedule progress at which the relaxed acceptance after a removal ends (1: never). */
  readonly relaxUntil: number;
  /** Start temperature of the intensification when fleet minimisation removed a vehicle (its plan is poor on distance). */
  readonly reheatTemperature: number;
  /** Failed route-removal attempts in a row after a success before fleet minimisation hands its budget to distance. */
  readonly fleetTriesAfterSuccess: number;
  /**
   * Share of the budget fleet minimisation may spend after removing a vehicle without removing another, before it
   * hands the rest to distance (Infinity: only `fleetTriesAfterSuccess` bounds it).
   */
  readonly fleetAfterSuccessShare: number;
  /** Chance per fleet-minimisation iteration of an ejection step instead of a ruin-and-recreate (0: never). */
  readonly fleetEjectionRate: number;
  /** Fleet-minimisation iterations without fewer unassigned orders before another route is tried. */
  readonly fleetPatience: number;
  /**
   * Fleet minimisation removes the route whose orders re-insert most cheaply into the other routes (randomised;
   * priced once per plan it removes from), instead of drawing short routes more often (false).
   */
  readonly fleetRemoveByDistance: boolean;
  /**
   * The solver orders each order's stalls (shortest path through them) and may split the pickup group, e.g. to
   * share a stall visit with another order (or-opt); false keeps the input order as one contiguous group.
   */
  readonly stallSequencing: boolean;
  /**
   * Schedule progress points of the distance phase at which routes pooled from its accepted plans are recombined
   * into the best plan by set partitioning (route-pool.ts); empty: no pool. Only where a route means the same on
   * every courier (poolApplies).
   */
  readonly recombineAt: readonly number[];
  /** Branch-and-bound nodes per recombination (a deterministic bound; the budget's clock bounds it too). */
  readonly recombineNodes: number;
  /**
   * The race's lines after the first start from the vehicle removal redone from the plan before it
   * (removal-starts.ts). Each removal may take this share of the budget (time and iterations); one that does not get
   * there is dropped and its line starts from the fleet phase's plan. 0: every line starts from the one plan.
   */
  readonly raceStartShare: number;
}

export const SEARCH_DEFAULTS: SearchParams = {
  avgRemoved: 10,
  maxString: 10,
  splitRate: 0.5,
  splitDepth: 0.01,
  fleetShare: 0.45,
  fleetStart: 0.2,
  startTemperature: 10,
  endTemperature: 0.1,
  blinkRate: 0.01,
  eliminationRate: 0.02,
  intensifyTemperature: 1,
  intensifyEliminationRate: 0.02,
  reheatTemperature: 3,
  relaxPenalty: 10,
  relaxUntil: 0.5,
  fleetTriesAfterSuccess: 20,
  fleetAfterSuccessShare: 0.05,
  fleetEjectionRate: 0.3,
  fleetPatience: 250,
  fleetRemoveByDistance: true,
  raceLines: 3,
  raceShare: 0.35,
  raceMinRounds: 8000,
  stallSequencing: true,
  recombineAt: [0.36, 0.6, 0.9],
  recombineNodes: 20000,
  raceStartShare: 0.04,
};
