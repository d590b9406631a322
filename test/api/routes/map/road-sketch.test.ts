import { describe, expect, it } from 'vitest';
import { buildRoadSketch } from '../../../../api/routes/map/road-sketch.js';
import { douglasPeucker, maxRankAt, roadsInView } from '../../../../api/routes/map/road-view.js';
import { crossroads, tinyGraph } from './tiny-graph.js';

const chainsOf = (sketch: ReturnType<typeof buildRoadSketch>): number[][] =>
  Array.from({ length: sketch.chainCount }, (_, c) => {
    const out: number[] = [];
    for (let k = sketch.firstVertex[c]; k < sketch.firstVertex[c + 1]; k++) out.push(sketch.lonLat[2 * k], sketch.lonLat[2 * k + 1]);
    return out;
  });

describe('buildRoadSketch', () => {
  it('joins degree-2 nodes into junction-to-junction chains and draws every road once', () => {
    const sketch = buildRoadSketch(crossroads());
    // main road split at the junction 2 (0-1-2, 2-3-4), side street 2-5, 5-6, 5-7
    expect(sketch.chainCount).toBe(5);
    const vertices = chainsOf(sketch).map((c) => c.length / 2).sort();
    expect(vertices).toEqual([2, 2, 2, 3, 3]);
  });

  it('ranks the fast road as major and the slow streets as minor', () => {
    const sketch = buildRoadSketch(crossroads());
    const chains = chainsOf(sketch);
    for (let c = 0; c < sketch.chainCount; c++) {
      const onMainRoad = chains[c].every((v, i) => i % 2 === 0 || Math.abs(v + 6.2) < 0.0001);
      expect(sketch.rank[c] === 0).toBe(onMainRoad);
    }
  });

  it('splits a chain where the speed rank changes without a junction', () => {
    const graph = tinyGraph([[106.8, -6.2], [106.81, -6.2], [106.82, -6.2]], [[0, 1, 20], [1, 2, 3]]);
    const sketch = buildRoadSketch(graph);
    expect(sketch.chainCount).toBe(2);
    expect(new Set(sketch.rank).size).toBe(2);
  });

  it('draws a closed ring with no junction at all', () => {
    const ring = tinyGraph([[106.8, -6.2], [106.81, -6.2], [106.81, -6.21], [106.8, -6.21]], [[0, 1, 5], [1, 2, 5], [2, 3, 5], [3, 0, 5]]);
    const sketch = buildRoadSketch(ring);
    expect(sketch.chainCount).toBe(1);
    expect(sketch.firstVertex[1]).toBe(5); // 4 corners + the closing vertex
  });

  it('handles an empty graph', () => {
    const sketch = buildRoadSketch(tinyGraph([], []));
    expect(sketch.chainCount).toBe(0);
    expect(roadsInView(sketch, { minLon: 0, minLat: 0, maxLon: 1, maxLat: 1 }, 14).lines).toEqual([]);
  });
});

describe('douglasPeucker', () => {
  it('keeps the ends, drops near-collinear points and keeps a real corner', () => {
    // east 0 → 1 (1e-6° off the line) → 2, corner, then north 2 → 3 → 4
    const lonLat = Float64Array.from([0, 0, 0.01, 0.000001, 0.02, 0, 0.02, 0.01, 0.02, 0.02]);
    const keep = new Uint8Array(5);
    douglasPeucker(lonLat, 0, 5, 0.0001, keep);
    expect(Array.from(keep)).toEqual([1, 0, 1, 0, 1]);
  });
});

describe('roadsInView', () => {
  const sketch = buildRoadSketch(crossroads());
  const wide = { minLon: 106.7, minLat: -6.3, maxLon: 106.9, maxLat: -6.1 };

  it('shows only major roads when zoomed out and every road when zoomed in', () => {
    expect(maxRankAt(11)).toBe(0);
    const far = roadsInView(sketch, wide, 11);
    expect(far.lines).toHaveLength(2);
    expect(far.ranks.every((r) => r === 0)).toBe(true);
    expect(roadsInView(sketch, wide, 17).lines).toHaveLength(5);
  });

  it('simplifies more at low zoom: the slightly bent main road loses its middle vertex', () => {
    const far = roadsInView(sketch, wide, 11);
    const near = roadsInView(sketch, wide, 19);
    const count = (v: typeof far) => v.lines.filter((_, i) => v.ranks[i] === 0).reduce((n, l) => n + l.length / 2, 0);
    expect(count(far)).toBe(4);
    expect(count(near)).toBe(6);
  });

  it('returns only chains touching the bbox', () => {
    const east = roadsInView(sketch, { minLon: 106.835, minLat: -6.205, maxLon: 106.845, maxLat: -6.195 }, 17);
    expect(east.lines).toHaveLength(1);
    expect(east.lines[0]).toContain(106.84);
  });
});
