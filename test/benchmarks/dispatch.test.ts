// bench dispatch end to end on a tiny load: it runs and reports; its timings are the benchmark's business, not the test's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../benchmarks/dispatch.js';

describe('jejaring bench dispatch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('closes each batch at its order threshold, writes JSON and Markdown and prints the summary as the last JSON line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-bench-'));
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    await run(['--batches', '2', '--orders', '12', '--couriers', '6', '--solve-ms', '50', '--markets', '2', '--rate', '6', '--duration-s', '2', '--sustained-solve-ms', '30', '--json', '--out', dir]);
    vi.restoreAllMocks();
    const summary = JSON.parse(out.join('').trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ batches: 2, orders: 12, couriers: 6, solveBudgetMs: 50 });
    expect(summary.batchP50Ms).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'dispatch.json')) && existsSync(join(dir, 'dispatch.md'))).toBe(true);
  });
});
