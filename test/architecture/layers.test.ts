// The project's layers as a test: engine → api → web-map/cli/benchmarks, each pointing only down, no runtime cycles.
import { describe, expect, it } from 'vitest';
import { importEdges, runtimeCycles, sourceFiles, type ImportEdge } from './import-graph.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const SOURCE_DIRS = ['engine', 'api', 'web-map', 'cli', 'benchmarks', 'bin'];
const edges = importEdges(ROOT, sourceFiles(ROOT, SOURCE_DIRS));
const PROJECT_DIRS = new Set([...SOURCE_DIRS, 'test', 'fixtures']);
const projectEdges = edges.filter((e) => PROJECT_DIRS.has(e.to.split('/')[0]));

const top = (path: string): string => path.split('/')[0];
const describeEdge = (e: ImportEdge): string => `${e.from} → ${e.to}${e.typeOnly ? ' (type)' : ''}${e.dynamic ? ' (dynamic)' : ''}`;
const offending = (rule: (e: ImportEdge) => boolean): string[] => projectEdges.filter(rule).map(describeEdge);

describe('import graph', () => {
  it('reads the graph (a sanity check that the parser finds imports)', () => {
    expect(projectEdges.length).toBeGreaterThan(500);
    expect(projectEdges.some((e) => e.from === 'api/app.ts' && e.to === 'engine/index.ts')).toBe(true);
  });

  it('keeps the engine pure: it imports nothing outside engine/', () => {
    expect(offending((e) => top(e.from) === 'engine' && top(e.to) !== 'engine')).toEqual([]);
  });

  it('lets api/, cli/ and benchmarks/ reach the engine only through engine/index.ts', () => {
    expect(offending((e) => top(e.from) !== 'engine' && top(e.to) === 'engine' && e.to !== 'engine/index.ts')).toEqual([]);
  });

  it('lets the api import nothing from web-map, cli, benchmarks or tests at run time', () => {
    expect(offending((e) => top(e.from) === 'api' && ['web-map', 'cli', 'benchmarks', 'test'].includes(top(e.to)) && !e.typeOnly)).toEqual([]);
  });

  it('lets web-map import only types, and only from api/schemas', () => {
    expect(offending((e) => top(e.from) === 'web-map' && top(e.to) === 'api' && (!e.typeOnly || !e.to.startsWith('api/schemas/')))).toEqual([]);
    expect(offending((e) => top(e.from) === 'web-map' && ['engine', 'cli', 'benchmarks', 'test'].includes(top(e.to)))).toEqual([]);
  });

  it('keeps benchmarks out of the production CLI except on demand, and test code out of every source', () => {
    expect(offending((e) => top(e.from) !== 'benchmarks' && top(e.to) === 'benchmarks' && !e.dynamic)).toEqual([]);
    expect(offending((e) => top(e.to) === 'test')).toEqual([]);
  });

  it('has no runtime import cycles', () => {
    expect(runtimeCycles(edges)).toEqual([]);
  });
});
