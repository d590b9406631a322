// The budget clock: wall, the solving thread's CPU time, or both; and a solve bounded by CPU time alone.
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../../../engine/checker/index.js';
import { compileProblem } from '../../../../engine/model/compile.js';
import { solveCompiled } from '../../../../engine/solver/solve.js';
import { BudgetClock, ThreadCpuClock } from '../../../../engine/solver/search/budget-clock.js';
import { randomProblem } from '../random-problem.js';

function spin(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x += Math.sqrt(i);
  return x;
}

/**
 * Spins until `read` moves past `from`, for at most 2 s of wall time, and returns the last reading. The kernel adds a
 * running thread's time at scheduler ticks, so a few milliseconds of work may not show yet; two seconds always do.
 */
function spinUntilPast(read: () => number, from: number): number {
  const untilMs = Date.now() + 2_000;
  let now = read();
  while (now <= from && Date.now() < untilMs) {
    spin(200_000);
    now = read();
  }
  return now;
}

describe('BudgetClock', () => {
  it('counts this thread\'s CPU time under a CPU limit, never going back', () => {
    const clock = new BudgetClock({ cpuTimeLimitMs: 250 });
    expect(clock.limitMs).toBe(250);
    const first = clock.now();
    let last = first;
    for (let k = 0; k < 20; k++) {
      spin(200_000);
      const t = clock.now();
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
    }
    expect(spinUntilPast(() => clock.now(), first)).toBeGreaterThan(first);
    clock.close();
  });

  it('keeps the wall limit as its unit when both limits are given, and is unbounded without limits', () => {
    const both = new BudgetClock({ timeLimitMs: 1000, cpuTimeLimitMs: 500 });
    expect(both.limitMs).toBe(1000);
    both.close();
    expect(new BudgetClock({}).limitMs).toBe(Infinity);
  });

  it('reads the thread\'s own CPU time on Linux', () => {
    const cpu = new ThreadCpuClock();
    if (process.platform === 'linux') expect(cpu.perThread).toBe(true);
    const before = cpu.nowMs();
    expect(spinUntilPast(() => cpu.nowMs(), before)).toBeGreaterThan(before);
    cpu.close();
  });
});

describe('solve under a CPU budget', () => {
  it('returns a plan and reports the CPU it used', () => {
    const p = compileProblem(randomProblem(3, { orders: 8, couriers: 3 }));
    const { solution, stats } = solveCompiled(p, { cpuTimeLimitMs: 200, seed: 2 });
    expect(checkSolution(p.input, solution).violations).toEqual([]);
    expect(solution.unassigned).toEqual([]);
    expect(stats.cpuMs).toBeGreaterThan(0);
  });
});
