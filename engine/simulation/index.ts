// Public surface of engine/simulation (re-exported by engine/index.ts): scenarios, the market-day simulator on the
// production dispatcher, baseline policies, KPIs and reports.
export { ScenarioSchema, type ScenarioFile, type MarketSpec, type FleetSpec, type PolicySpec, type ExplicitOrderSpec, type ExplicitCourierSpec, type OrderItemSpec } from './scenario-schema.js';
export { readOrdersCsv, ORDER_CSV_COLUMNS, type OrderCsvColumn } from './orders-csv.js';
export { readCouriersCsv, COURIER_CSV_COLUMNS, type CourierCsvColumn } from './couriers-csv.js';
export { readCsv, CsvSyntaxError, type CsvRecord, type CsvTable } from './csv.js';
export { hourOf, clockOf, itemWeightKg, PIECE_KG, type ReplayOrder, type ReplayPickup } from './replay-day.js';
export type { ReplayCourier } from './replay-couriers.js';
export { assertOnRoads, type PointToCheck } from './road-reach.js';
export { parseScenario, loadScenarioFile, type SheetText, type ScenarioSheets, SHEET_FIELDS, DEFAULT_DEMAND, DEFAULT_POLICY, DEFAULT_HOURLY_SHARE, DEFAULT_SPEED_FACTOR_BY_HOUR } from './scenario.js';
export type { ResolvedScenario, ResolvedDemand, ResolvedPolicy } from './scenario.js';
export { buildWorld, hourlyCounts, DAY_START_MS, type World, type SimOrder, type SimCourier } from './world.js';
export { EventQueue } from './event-queue.js';
export { simulate, type SimulationOptions, type SimulationResult } from './simulator.js';
export type { OrderRecord, CourierRecord, OrderOutcome } from './recorder.js';
export { computeKpis, percentile, clickToDoorMinutes, gapToHindsight, earningsByCourier, type Kpis, type Spread, type FleetEarnings } from './kpis.js';
export { solveHindsight, hindsightWorld, type HindsightOptions } from './hindsight.js';
export { policyByName, POLICY_NAMES, jejaringPolicy, nearestPolicy, onePerTripPolicy, fifoPolicy, type DispatchPolicy, type PolicyContext } from './policies/index.js';
export { runScenario, openScenarioRouting, type ScenarioRun, type PolicyRun, type RunOptions, hindsightOf } from './run-scenario.js';
export { writeReport, reportJson, REPORT_FILES } from './report/write-report.js';
export { reportMarkdown } from './report/markdown.js';
export { kpiBarsSvg, clickToDoorSvg, utilisationSvg } from './report/charts.js';
