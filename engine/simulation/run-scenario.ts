// Runs a scenario under several policies on one routing provider: the world is drawn once, each policy replays it.
import { openEmbeddedRouter } from '../routing/embedded-router.js';
import { HaversineProvider } from '../dispatch/haversine-provider.js';
import type { RoutingProvider } from '../routing/routing-provider.js';
import { computeKpis, clickToDoorMinutes, type Kpis } from './kpis.js';
import { policyByName } from './policies/index.js';
import type { ResolvedScenario } from './scenario.js';
import { simulate, type SimulationResult } from './simulator.js';
import { buildWorld, type World } from './world.js';
import { solveHindsight, type HindsightOptions } from './hindsight.js';
import { jejaringPolicy } from './policies/jejaring.js';
import { resolveDispatchConfig } from '../dispatch/dispatch-config.js';

export interface PolicyRun {
  readonly kpis: Kpis;
  /** Click-to-door minutes of each served order (distribution charts). */
  readonly clickToDoorMin: readonly number[];
  /** Wall-clock milliseconds of the simulation. */
  readonly wallMs: number;
  readonly result: SimulationResult;
}

export interface ScenarioRun {
  readonly scenario: ResolvedScenario;
  /** The day solved with every order known in advance (when asked for): the reference live dispatch is measured against. */
  readonly hindsight?: PolicyRun;
  readonly routing: string;
  readonly orders: number;
  readonly couriers: number;
  readonly runs: readonly PolicyRun[];
  readonly wallMs: number;
}

export interface RunOptions {
  readonly policies: readonly string[];
  /** A provider to use instead of the scenario's roads (tests). */
  readonly routing?: RoutingProvider;
  /** Progress of the whole comparison (0–1), the policy running and, while simulating, its clock and resolved orders. */
  readonly onProgress?: (fraction: number, policy: string, at?: { readonly simulatedMs: number; readonly ordersDone: number }) => void;
  /** Also solve the day in hindsight (`ScenarioRun.hindsight`). */
  readonly hindsight?: boolean;
}

/** The routing provider a scenario asks for. */
export async function openScenarioRouting(scenario: ResolvedScenario): Promise<RoutingProvider> {
  if (scenario.roads.kind === 'haversine') {
    return new HaversineProvider({ speedMps: (scenario.roads.speedKmh ?? 20) / 3.6, detourFactor: scenario.roads.detourFactor ?? 1.35 });
  }
  return openEmbeddedRouter({ graphPath: scenario.roads.graph, profile: scenario.roads.profile ?? 'motorbike' });
}

/** CPU budget of the hindsight solve: 120 ms per order, at least 20 s (a 480-order day: about a minute). */
export function hindsightCpuBudgetMs(orders: number): number {
  return Math.max(20_000, 120 * orders);
}

/**
 * The day solved in hindsight under jejaring's settings and lending radius (the markets live dispatch may send a courier
 * to), warm-started from the live jejaring day when one ran, within a CPU budget that grows with the day; `options`
 * change any of that (e.g. `poolMarkets`).
 */
export function hindsightOf(
  world: World, routing: RoutingProvider, live: SimulationResult['servedStops'], options: Partial<HindsightOptions> = {},
): Promise<SimulationResult> {
  const jejaring = jejaringPolicy(world.scenario.policy);
  return solveHindsight(world, {
    routing, config: resolveDispatchConfig(jejaring.dispatchConfig), iterations: world.scenario.policy.hindsightIterations,
    cpuTimeLimitMs: hindsightCpuBudgetMs(world.orders.length), lendingRadiusM: jejaring.lending?.radiusM ?? 0,
    ...(live ? { initial: live } : {}), ...options,
  });
}

export async function runScenario(scenario: ResolvedScenario, options: RunOptions): Promise<ScenarioRun> {
  const t0 = performance.now();
  const policies = options.policies.map((name) => policyByName(name, scenario.policy));
  const routing = options.routing ?? await openScenarioRouting(scenario);
  try {
    const world = await buildWorld(scenario, routing);
    const runs: PolicyRun[] = [];
    for (const [i, policy] of policies.entries()) {
      const t1 = performance.now();
      const result = await simulate({
        world, routing, policy,
        onProgress: (f, at) => options.onProgress?.((i + f) / policies.length, policy.name, at),
      });
      runs.push({ kpis: computeKpis(result), clickToDoorMin: clickToDoorMinutes(result.orders), wallMs: performance.now() - t1, result });
    }
    let hindsight: PolicyRun | undefined;
    if (options.hindsight) {
      options.onProgress?.(1, 'hindsight');
      const t1 = performance.now();
      const result = await hindsightOf(world, routing, runs.find((r) => r.result.policy === 'jejaring')?.result.servedStops);
      hindsight = { kpis: computeKpis(result), clickToDoorMin: clickToDoorMinutes(result.orders), wallMs: performance.now() - t1, result };
    }
    options.onProgress?.(1, policies[policies.length - 1]?.name ?? '');
    return {
      scenario, routing: routing.name, orders: world.orders.length, couriers: world.couriers.length, runs, wallMs: performance.now() - t0,
      ...(hindsight ? { hindsight } : {}),
    };
  } finally {
    if (!options.routing) await routing.close?.();
  }
}
