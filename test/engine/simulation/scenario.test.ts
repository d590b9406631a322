import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, hourlyCounts, loadScenarioFile, policyByName } from '../../../engine/index.js';
import { scenarioRejection, tinyScenario } from './tiny-scenario.js';

describe('scenario schema', () => {
  it('accepts a valid scenario and fills the defaults', () => {
    const s = parseScenario(tinyScenario());
    expect(s.policy.batchWindowS).toBe(60);
    expect(s.policy.solverIterations).toBe(200);
    expect(s.demand.windowMin).toBe(90);
    expect(s.disruptions.speedFactorByHour).toHaveLength(24);
  });

  it('names the offending field of a value out of range', () => {
    const bad = tinyScenario();
    const e = scenarioRejection({ ...bad, fleets: [bad.fleets[0], { ...bad.fleets[1], acceptProbability: 1.5 }] });
    expect(e.code).toBe('invalid_scenario');
    expect(e.field).toBe('fleets[1].acceptProbability');
    expect(e.message).toContain('fleets[1].acceptProbability');
  });

  it('names an unknown property', () => {
    const e = scenarioRejection({ ...tinyScenario(), demand: { windowMinutes: 30 } });
    expect(e.field).toBe('demand.windowMinutes');
  });

  it('names a missing required field', () => {
    const { seed: _seed, ...noSeed } = tinyScenario();
    expect(scenarioRejection(noSeed).field).toBe('seed');
  });

  it('rejects an hourly profile of the wrong length', () => {
    const s = tinyScenario();
    const e = scenarioRejection({ ...s, markets: [{ ...s.markets[0], ordersPerHour: [1, 2, 3] }] });
    expect(e.field).toBe('markets[0].ordersPerHour');
  });

  it('cross-checks fleet markets, duplicate ids and the day', () => {
    const s = tinyScenario();
    expect(scenarioRejection({ ...s, fleets: [{ ...s.fleets[0], market: 'tanah-abang' }] }).field).toBe('fleets[0].market');
    expect(scenarioRejection({ ...s, markets: [s.markets[0], s.markets[0]] }).field).toBe('markets[1].id');
    expect(scenarioRejection({ ...s, day: { startHour: 9, endHour: 8 } }).field).toBe('day.endHour');
    expect(scenarioRejection({ ...s, demand: { stallServiceS: [300, 60] } }).field).toBe('demand.stallServiceS');
  });

  it('spreads a daily total over the open hours, exactly', () => {
    const s = parseScenario({
      ...tinyScenario(), day: { startHour: 6, endHour: 18 },
      markets: [{ id: 'senen', lon: 106.84, lat: -6.17, stallCount: 5, ordersPerDay: 601 }],
    });
    const counts = hourlyCounts(s, s.markets[0]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(601);
    expect(counts.slice(0, 6).every((c) => c === 0)).toBe(true);
    expect(counts.slice(18).every((c) => c === 0)).toBe(true);
    expect(counts[7]).toBeGreaterThan(counts[15]); // the morning peak of the default profile
  });
});

describe('field scenarios', () => {
  const dir = new URL('../../../fixtures/scenarios/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('are all there', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s is valid and names its compare policies correctly', (file) => {
    const s = loadScenarioFile(new URL(file, dir).pathname);
    expect(s.roads.kind === 'embedded' && existsSync(s.roads.graph)).toBe(true);
    for (const name of s.compare ?? []) expect(policyByName(name, s.policy).name).toBe(name);
  });
});
