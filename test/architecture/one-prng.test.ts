// One seeded generator in the project: no file but engine/random/prng.ts carries a generator's mixing constants. The
// browser map may not import the engine, so its rendering benchmark keeps a two-line generator of its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-graph.js';

const ROOT = new URL('../..', import.meta.url).pathname;
// The golden-ratio increment of splitmix32/mulberry32 and the LCG multiplier of the C library's rand().
const GENERATOR_CONSTANTS = /0x6d2b79f5|1103515245/i;

describe('one PRNG', () => {
  it('finds generator constants only in engine/random/prng.ts', () => {
    const files = sourceFiles(ROOT, ['engine', 'api', 'web-map', 'cli', 'benchmarks', 'bin', 'test']);
    expect(files.length).toBeGreaterThan(300);
    const holders = files.filter((file) => GENERATOR_CONSTANTS.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(holders.filter((file) => file !== 'test/architecture/one-prng.test.ts')).toEqual(['engine/random/prng.ts', 'web-map/src/bench.ts']);
  });
});
