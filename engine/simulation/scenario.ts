// Scenario validation and defaults: a parsed JSON value becomes a ResolvedScenario or an InputError naming the field.
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { Value } from 'typebox/value';
import { InputError } from '../errors.js';
import { ScenarioSchema, type FleetSpec, type MarketSpec, type ScenarioFile } from './scenario-schema.js';
import { readCouriersCsv } from './couriers-csv.js';
import { readOrdersCsv } from './orders-csv.js';
import { courierDraftOfJson, resolveCouriers, type ReplayCourier } from './replay-couriers.js';
import { draftOfJson, resolveOrders, type ReplayOrder } from './replay-day.js';

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
  /** Pre-orders: each order is known this many minutes before it is due (0: when it is placed). */
  readonly noticeMin: number;
}

export interface ResolvedPolicy {
  readonly batchWindowS: number;
  readonly batchMaxOrders: number;
  readonly pangkalanFirst: boolean;
  readonly solveBudgetMs: number;
  readonly solverIterations: number;
  readonly offerTtlS: number;
  /** Longest offer TTL for a courier whose recent answers came late (below offerTtlS: offerTtlS for everyone). */
  readonly offerTtlMaxS: number;
  readonly ojolRadiusM: number;
  readonly maxCouriersPerBatch: number;
  readonly fifoBagSize: number;
  readonly coordinatorCallS: number;
  /** Solver iterations for the whole day in hindsight. */
  readonly hindsightIterations: number;
  /** jejaring's plans price an ojol courier's ride back to the market. */
  readonly priceRideBack: boolean;
  /** jejaring's plans keep the hour customers were told; absent: production's default. */
  readonly toldHour?: { readonly slackMin: number; readonly costPerS: number } | null;
}

export interface ResolvedScenario extends Omit<ScenarioFile, 'demand' | 'disruptions' | 'policy' | 'roads' | 'fleets' | 'orders' | 'couriers' | 'ordersCsv' | 'couriersCsv'> {
  readonly roads: ScenarioFile['roads'];
  readonly fleets: readonly FleetSpec[];
  /** Explicit orders of a replayed day (from `orders` and `ordersCsv`), beside the markets' drawn demand. */
  readonly orders: readonly ReplayOrder[];
  /** Explicit couriers of a replayed day (from `couriers` and `couriersCsv`), beside the fleets' drawn couriers. */
  readonly couriers: readonly ReplayCourier[];
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
  stallServiceS: [60, 240], deliveryServiceS: [60, 180], windowMin: 90, codShare: 0.6, refusalProbability: 0.02, patienceMin: 120, maxInBagMin: 75, noticeMin: 0,
};

export const DEFAULT_POLICY: ResolvedPolicy = {
  batchWindowS: 60, batchMaxOrders: 8, pangkalanFirst: true, solveBudgetMs: 500, solverIterations: 800, offerTtlS: 45, offerTtlMaxS: 90,
  ojolRadiusM: 3_000, maxCouriersPerBatch: 25, fifoBagSize: 3, coordinatorCallS: 60, hindsightIterations: 3_000, priceRideBack: false,
};

/** A coordinator's sheet named by `ordersCsv` or `couriersCsv`, as read from disk: its name for messages and its text. */
export interface SheetText {
  readonly label: string;
  readonly text: string;
}

/** The sheets a scenario names, by the field that names them. */
export interface ScenarioSheets {
  readonly ordersCsv?: SheetText;
  readonly couriersCsv?: SheetText;
}

/** The field naming each sheet, what it holds, and the field of `POST /v1/scenarios/runs` that carries its text. */
export const SHEET_FIELDS = [
  { field: 'ordersCsv', what: 'order sheet', body: 'orders_csv' },
  { field: 'couriersCsv', what: 'courier sheet', body: 'couriers_csv' },
] as const;

/**
 * Validates `value` against the schema and cross-references; fills the defaults. A scenario naming `ordersCsv` or
 * `couriersCsv` needs the sheet's text (`loadScenarioFile` reads it beside the scenario file).
 */
export function parseScenario(value: unknown, sheets: ScenarioSheets = {}): ResolvedScenario {
  if (!Value.Check(ScenarioSchema, value)) {
    const errors = [...Value.Errors(ScenarioSchema, value)];
    // The most specific error: the deepest path, skipping the 'schema is false' echo of additionalProperties.
    const best = errors.filter((e) => e.keyword !== 'boolean').sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0];
    const field = fieldOf(best);
    throw new InputError('invalid_scenario', `scenario ${field || '(root)'}: ${best.message}`, field);
  }
  const s = value as ScenarioFile;
  crossCheck(s);
  for (const { field, body } of SHEET_FIELDS) {
    if (s[field] !== undefined && !sheets[field]) {
      throw new InputError('invalid_scenario', `scenario ${field}: the sheet is read beside a scenario file (jejaring plan) or sent as ${body} (POST /v1/scenarios/runs)`, field);
    }
  }
  const { ordersCsv, couriersCsv } = sheets;
  const demand = { ...DEFAULT_DEMAND, ...s.demand };
  const context = { markets: s.markets, day: s.day, windowMin: demand.windowMin };
  const drafts = [...(s.orders ?? []).map(draftOfJson), ...(ordersCsv ? readOrdersCsv(ordersCsv.text, ordersCsv.label) : [])];
  const courierDrafts = [...(s.couriers ?? []).map(courierDraftOfJson), ...(couriersCsv ? readCouriersCsv(couriersCsv.text, couriersCsv.label) : [])];
  const { orders: _orders, couriers: _couriers, ordersCsv: _csv, couriersCsv: _couriersCsv, ...rest } = s;
  return {
    ...rest,
    fleets: s.fleets ?? [],
    orders: resolveOrders(drafts, context),
    couriers: resolveCouriers(courierDrafts, context),
    demand,
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
  const sheets: { -readonly [K in keyof ScenarioSheets]: SheetText } = {};
  for (const { field, what } of SHEET_FIELDS) {
    const named = (json as Record<string, unknown> | null)?.[field];
    if (typeof named !== 'string') continue;
    const full = isAbsolute(named) ? named : resolve(dirname(path), named);
    try {
      sheets[field] = { label: basename(full), text: readFileSync(full, 'utf8') };
    } catch (error) {
      throw new InputError('scenario_unreadable', `cannot read the ${what} ${full} (${field}): ${(error as Error).message}`, field, { cause: error });
    }
  }
  const scenario = parseScenario(json, sheets);
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
    if (m.ordersPerHour === undefined && m.ordersPerDay === undefined && s.orders === undefined && s.ordersCsv === undefined) {
      throw new InputError('invalid_scenario', `scenario markets[${i}] needs ordersPerHour or ordersPerDay (or the scenario lists orders)`, `markets[${i}].ordersPerHour`);
    }
    if (m.stalls === undefined && m.stallCount === undefined) throw new InputError('invalid_scenario', `scenario markets[${i}] needs stalls or stallCount`, `markets[${i}].stallCount`);
    if (m.deliveryRadiusM && m.deliveryRadiusM[0] > m.deliveryRadiusM[1]) throw new InputError('invalid_scenario', `scenario markets[${i}].deliveryRadiusM is [low, high]`, `markets[${i}].deliveryRadiusM`);
    markets.set(m.id, m);
  });
  const fleets = new Set<string>();
  if ((s.fleets ?? []).length === 0 && (s.couriers ?? []).length === 0 && s.couriersCsv === undefined) throw new InputError('invalid_scenario', 'scenario fleets: give fleets or couriers', 'fleets');
  (s.fleets ?? []).forEach((f: FleetSpec, i) => {
    if (!markets.has(f.market)) throw new InputError('invalid_scenario', `scenario fleets[${i}].market "${f.market}" is not a market id`, `fleets[${i}].market`);
    if (fleets.has(f.id)) throw new InputError('invalid_scenario', `scenario fleets[${i}].id "${f.id}" is used twice`, `fleets[${i}].id`);
    if (f.shift && !(f.shift[1] > f.shift[0])) throw new InputError('invalid_scenario', `scenario fleets[${i}].shift ends before it starts`, `fleets[${i}].shift`);
    fleets.add(f.id);
  });
  const ranges: [string, readonly [number, number] | undefined][] = Object.entries(s.demand ?? {})
    .filter(([, v]) => Array.isArray(v) && v.length === 2) as [string, readonly [number, number]][];
  for (const [key, r] of ranges) if (r && r[0] > r[1]) throw new InputError('invalid_scenario', `scenario demand.${key} is [low, high]`, `demand.${key}`);
}
