// Small scenarios on a haversine provider for the simulation tests, and the error a refused scenario raises.
import { EngineError, parseScenario } from '../../../engine/index.js';
import type { FleetSpec, ScenarioFile } from '../../../engine/simulation/index.js';

const zeros = (): number[] => Array.from({ length: 24 }, () => 0);

/** One market, `orders` orders in the 07:00 hour, a pangkalan fleet and an ojol fleet. */
export function tinyScenario(over: Partial<ScenarioFile> = {}, orders = 12): ScenarioFile & { fleets: FleetSpec[] } {
  const perHour = zeros();
  perHour[7] = orders;
  return {
    name: 'tiny', seed: 7,
    day: { startHour: 7, endHour: 8, drainHours: 3 },
    roads: { kind: 'haversine', speedKmh: 20 },
    markets: [{ id: 'senen', lon: 106.8442, lat: -6.1737, stallCount: 10, ordersPerHour: perHour, deliveryRadiusM: [300, 2000] }],
    fleets: [
      { id: 'pk', market: 'senen', kind: 'pangkalan', couriers: 3, shift: [7, 11] },
      { id: 'oj', market: 'senen', kind: 'ojol', couriers: 2, shift: [7, 11], startRadiusM: 1500 },
    ],
    policy: { solverIterations: 200 },
    ...over,
  } as ScenarioFile & { fleets: FleetSpec[] };
}

/** The EngineError `parseScenario` raises for `value`; fails the test if the scenario is accepted. */
export function scenarioRejection(value: unknown): EngineError {
  try {
    parseScenario(value);
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('the scenario was accepted');
}
