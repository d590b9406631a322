// Scenario validation and defaults: a parsed JSON value becomes a ResolvedScenario or an InputError naming the field.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Value } from 'typebox/value';
import { InputError } from '../errors.js';
import { ScenarioSchema, type FleetSpec, type MarketSpec, type ScenarioFile } from './scenario-schema.js';

export interface ResolvedDemand {
  readonly hourlyShare: readonly number[];
  readonly stallsPerOrderWeights: readonly number[];
  readonly weightKgPerStall: readonly [number, number];
  readonly valueRpPerStall: readonly [number, number];
  readonly stallServiceS: readonly [number, number];
  readonly deliveryServiceS: readonly [number, number];
  readonly windowMin: number;
  readonly codShare: number;
  readonly refusalProbability: number;
  readonly patienceMin: number;
  readonly maxInBagMin: number;
  /** Goods at each stall are ready between these minutes after the order; absent: ready at once. */
  readonly readyAfterMin?: readonly [number, number];
}

export interface ResolvedPolicy {
  readonly batchWindowS: number;
  readonly batchMaxOrders: number;
  readonly pangkalanFirst: boolean;
  readonly solveBudgetMs: number;
  readonly solverIterations: number;
  readonly offerTtlS: number;
  readonly ojolRadiusM: number;
  readonly maxCouriersPerBatch: number;
  readonly fifoBagSize: number;
  readonly coordinatorCallS: number;
  /** Solver iterations for the whole day in hindsight. */
  readonly hindsightIterations: number;
}

export interface ResolvedScenario extends Omit<ScenarioFile, 'demand' | 'disruptions' | 'policy' | 'roads'> {
  readonly roads: ScenarioFile['roads'];
  readonly demand: ResolvedDemand;
  readonly disruptions: { readonly noShowProbability: number; readonly speedFactorByHour: readonly number[]; readonly travelNoise: number };
  readonly policy: ResolvedPolicy;
  readonly drainHours: number;
}

/** Weekday market morning: the peak is 06–09, a smaller one before lunch, quiet afternoon. */
export const DEFAULT_HOURLY_SHARE = [0, 0, 0, 0, 0, 2, 8, 12, 12, 10, 8, 7, 6, 5, 5, 5, 5, 4, 3, 2, 1, 0, 0, 0];
/** Jakarta market traffic: slow at the morning peak and the evening rush. */
export const DEFAULT_SPEED_FACTOR_BY_HOUR = [1, 1, 1, 1, 1, 0.95, 0.8, 0.7, 0.75, 0.85, 0.9, 0.9, 0.85, 0.9, 0.9, 0.85, 0.8, 0.7, 0.75, 0.85, 0.9, 1, 1, 1];

export const DEFAULT_DEMAND: ResolvedDemand = {
  hourlyShare: DEFAULT_HOURLY_SHARE, stallsPerOrderWeights: [4, 3, 2, 1], weightKgPerStall: [0.5, 4], valueRpPerStall: [10_000, 100_000],
  stallServiceS: [60, 240], deliveryServiceS: [60, 180], windowMin: 90, codShare: 0.6, refusalProbability: 0.02, patienceMin: 120, maxInBagMin: 75,
};

export const DEFAULT_POLICY: ResolvedPolicy = {
  batchWindowS: 60, batchMaxOrders: 8, pangkalanFirst: true, solveBudgetMs: 500, solverIterations: 800, offerTtlS: 45,
  ojolRadiusM: 3_000, maxCouriersPerBatch: 25, fifoBagSize: 3, coordinatorCallS: 60, hindsightIterations: 3_000,
};

/** Validates `value` against the schema and cross-references; fills the defaults. */
export function parseScenario(value: unknown): ResolvedScenario {
  if (!Value.Check(ScenarioSchema, value)) {
    const errors = [...Value.Errors(ScenarioSchema, value)];
    // The most specific error: the deepest path, skipping the 'schema is false' echo of additionalProperties.
    const best = errors.filter((e) => e.keyword !== 'boolean').sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0];
    const field = fieldOf(best);
    throw new InputError('invalid_scenario', `scenario ${field || '(root)'}: ${best.message}`, field);
  }
  const s = value as ScenarioFile;
  crossCheck(s);
  return {
    ...s,
    demand: { ...DEFAULT_DEMAND, ...s.demand },
    disruptions: { noShowProbability: 0, speedFactorByHour: DEFAULT_SPEED_FACTOR_BY_HOUR, travelNoise: 0.15, ...s.disruptions },
    policy: { ...DEFAULT_POLICY, ...s.policy },
    drainHours: s.day.drainHours ?? 2,
  };
}

/** Reads and parses a scenario file; an embedded road file is resolved against the scenario's folder. */
export function loadScenarioFile(path: string): ResolvedScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError('scenario_unreadable', `cannot read scenario ${path}: ${(error as Error).message}`, 'path', { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError('scenario_not_json', `scenario ${path} is not JSON: ${(error as Error).message}`, 'path', { cause: error });
  }
  const scenario = parseScenario(json);
  if (scenario.roads.kind !== 'embedded' || isAbsolute(scenario.roads.graph)) return scenario;
  return { ...scenario, roads: { ...scenario.roads, graph: resolve(dirname(path), scenario.roads.graph) } };
}

function fieldOf(error: { instancePath: string; keyword: string; params: object }): string {
  const parts = error.instancePath.split('/').filter((p) => p !== '');
  const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperties?: string[] }).additionalProperties?.[0] : undefined;
  const required = error.keyword === 'required' ? (error.params as { requiredProperties?: string[] }).requiredProperties?.[0] : undefined;
  if (extra) parts.push(extra);
  if (required) parts.push(required);
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function crossCheck(s: ScenarioFile): void {
  if (!(s.day.endHour > s.day.startHour)) throw new InputError('invalid_scenario', 'scenario day.endHour must be after day.startHour', 'day.endHour');
  const markets = new Map<string, MarketSpec>();
  s.markets.forEach((m, i) => {
    if (markets.has(m.id)) throw new InputError('invalid_scenario', `scenario markets[${i}].id "${m.id}" is used twice`, `markets[${i}].id`);
    if (m.ordersPerHour === undefined && m.ordersPerDay === undefined) {
      throw new InputError('invalid_scenario', `scenario markets[${i}] needs ordersPerHour or ordersPerDay`, `markets[${i}].ordersPerHour`);
    }
    if (m.stalls === undefined && m.stallCount === undefined) throw new InputError('invalid_scenario', `scenario markets[${i}] needs stalls or stallCount`, `markets[${i}].stallCount`);
    if (m.deliveryRadiusM && m.deliveryRadiusM[0] > m.deliveryRadiusM[1]) throw new InputError('invalid_scenario', `scenario markets[${i}].deliveryRadiusM is [low, high]`, `markets[${i}].deliveryRadiusM`);
    markets.set(m.id, m);
  });
  const fleets = new Set<string>();
  s.fleets.forEach((f: FleetSpec, i) => {
    if (!markets.has(f.market)) throw new InputError('invalid_scenario', `scenario fleets[${i}].market "${f.market}" is not a market id`, `fleets[${i}].market`);
    if (fleets.has(f.id)) throw new InputError('invalid_scenario', `scenario fleets[${i}].id "${f.id}" is used twice`, `fleets[${i}].id`);
    if (f.shift && !(f.shift[1] > f.shift[0])) throw new InputError('invalid_scenario', `scenario fleets[${i}].shift ends before it starts`, `fleets[${i}].shift`);
    fleets.add(f.id);
  });
  const ranges: [string, readonly [number, number] | undefined][] = Object.entries(s.demand ?? {})
    .filter(([, v]) => Array.isArray(v) && v.length === 2) as [string, readonly [number, number]][];
  for (const [key, r] of ranges) if (r && r[0] > r[1]) throw new InputError('invalid_scenario', `scenario demand.${key} is [low, high]`, `demand.${key}`);
}
